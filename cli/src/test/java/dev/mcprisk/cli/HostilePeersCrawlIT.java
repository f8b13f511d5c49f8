package dev.mcprisk.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.CrawlStatus;
import dev.mcprisk.store.CatalogueStore;
import dev.mcprisk.store.StoredServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mcprisk crawl} through the real jar against hostile peers on loopback (WireMock on a
 * dynamic port): a remote MCP server whose 401 carries a huge {@code WWW-Authenticate} header next
 * to healthy remotes, and registries whose second page is not JSON or repeats a cursor. Each test
 * asserts that the run succeeds, keeps everything good, and records the bad peer with a reason.
 */
class HostilePeersCrawlIT {
  private static final String ID = "{{jsonPath request.body '$.id'}}";
  private static final String OFFICIAL = "io.modelcontextprotocol.registry/official";

  @TempDir Path temp;
  private WireMockServer server;

  @BeforeEach
  void start() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void aRemoteWhose401HasAHugeQuotedParameterIsRecordedAndTheHealthyRemotesAreStored()
      throws Exception {
    stubPage(
        null,
        "",
        List.of(
            remote("com.example/alpha", "/alpha/mcp"),
            remote("com.example/hostile", "/hostile/mcp"),
            remote("com.example/omega", "/omega/mcp")));
    stubHealthy("/alpha/mcp", "alpha_tool");
    stubHealthy("/omega/mcp", "omega_tool");
    String realm = "x".repeat(2_500);
    server.stubFor(
        post(urlEqualTo("/hostile/mcp"))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader(
                        "WWW-Authenticate", "Bearer realm=\"" + realm + "\", scope=\"mcp:read\"")));
    Path home = temp.resolve("home");

    CliProcess.Result run = crawl(home, "registry,remotes");

    assertEquals(0, run.exitCode(), run.stderr());
    JsonNode summary = Json.parse(run.stdout());
    assertEquals("SUCCEEDED", summary.get("status").asText(), run.stdout());
    assertEquals(3, summary.get("servers").asInt(), run.stdout());
    assertEquals(2, summary.get("serversWithTools").asInt(), run.stdout());
    assertEquals(2, summary.get("tools").asInt(), run.stdout());
    Map<String, StoredServer> stored = stored(home);
    assertEquals(CrawlStatus.OK, stored.get("com.example/alpha").latestCrawl().status());
    assertEquals(CrawlStatus.OK, stored.get("com.example/omega").latestCrawl().status());
    StoredServer hostile = stored.get("com.example/hostile");
    assertEquals(
        CrawlStatus.AUTH_REQUIRED, hostile.latestCrawl().status(), hostile.latestCrawl().reason());
    assertEquals(
        "server requires authorization (HTTP 401); scopes: mcp:read",
        hostile.latestCrawl().reason());
  }

  @Test
  void aRegistryPageThatIsNotJsonIsAFailedFetchInTheCrawlLogAndThePageBeforeIsKept()
      throws Exception {
    stubPage(null, "c1", List.of(remote("com.example/first", "/first/mcp")));
    server.stubFor(
        page("c1")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"servers\": [ {\"server\": ")));
    Path home = temp.resolve("home");

    CliProcess.Result run = crawl(home, "registry");

    assertEquals(0, run.exitCode(), run.stderr());
    JsonNode summary = Json.parse(run.stdout());
    assertEquals(1, summary.get("servers").asInt(), run.stdout());
    JsonNode failed = failedFetches(home);
    assertEquals(1, failed.size(), failed.toString());
    JsonNode fetch = failed.get(0);
    assertEquals("REJECTED", fetch.get("outcome").asText(), fetch.toString());
    assertEquals(200, fetch.get("httpStatus").asInt(), fetch.toString());
    assertTrue(fetch.get("url").asText().contains("cursor=c1"), fetch.toString());
    assertTrue(fetch.get("reason").asText().startsWith("not JSON: "), fetch.toString());
  }

  @Test
  void aRegistryThatRepeatsACursorIsAFailedFetchInTheCrawlLogAndEveryPageReadIsKept()
      throws Exception {
    stubPage(null, "c1", List.of(remote("com.example/first", "/first/mcp")));
    stubPage("c1", "c1", List.of(remote("com.example/second", "/second/mcp")));
    Path home = temp.resolve("home");

    CliProcess.Result run = crawl(home, "registry");

    assertEquals(0, run.exitCode(), run.stderr());
    JsonNode summary = Json.parse(run.stdout());
    assertEquals(2, summary.get("servers").asInt(), run.stdout());
    assertTrue(summary.get("failures").toString().contains("cursor loop"), run.stdout());
    JsonNode failed = failedFetches(home);
    assertEquals(1, failed.size(), failed.toString());
    JsonNode fetch = failed.get(0);
    assertEquals("REJECTED", fetch.get("outcome").asText(), fetch.toString());
    assertTrue(fetch.get("url").asText().contains("cursor=c1"), fetch.toString());
    assertEquals(
        "cursor loop: the next cursor c1 was followed before; the listing stops here",
        fetch.get("reason").asText());
  }

  // ---- helpers ----

  private CliProcess.Result crawl(Path home, String sources) throws Exception {
    return CliProcess.run(
        "crawl",
        "--home",
        home.toString(),
        "--source",
        sources,
        "--registry-url",
        server.baseUrl(),
        "--allow-private-network",
        "--no-politeness",
        "--no-progress",
        "--json");
  }

  private JsonNode failedFetches(Path home) throws Exception {
    CliProcess.Result log =
        CliProcess.run("crawl-log", "--home", home.toString(), "--failed", "--json");
    assertEquals(0, log.exitCode(), log.stderr());
    CliProcess.Result table = CliProcess.run("crawl-log", "--home", home.toString(), "--failed");
    assertTrue(table.stdout().contains("REJECTED"), table.stdout());
    return Json.parse(log.stdout()).get("fetches");
  }

  private static Map<String, StoredServer> stored(Path home) throws Exception {
    Map<String, StoredServer> out = new TreeMap<>();
    try (CatalogueStore store = CatalogueStore.open(home)) {
      for (StoredServer s : store.cataloguePage(null, Integer.MAX_VALUE, "any", false).servers()) {
        out.put(s.entry().id(), s);
      }
    }
    return out;
  }

  private ObjectNode remote(String name, String path) {
    ObjectNode entry = Json.object();
    entry.put("name", name);
    entry.put("description", "A hosted server");
    entry.put("version", "1.0.0");
    ObjectNode r = entry.putArray("remotes").addObject();
    r.put("type", "streamable-http");
    r.put("url", server.baseUrl() + path);
    return entry;
  }

  private static MappingBuilder page(String cursor) {
    return get(urlPathEqualTo("/v0.1/servers"))
        .withQueryParam("cursor", cursor == null ? absent() : equalTo(cursor));
  }

  /** One registry page with {@code entries}; {@code next} empty for the last page. */
  private void stubPage(String cursor, String next, List<ObjectNode> entries) {
    ObjectNode body = Json.object();
    ArrayNode servers = body.putArray("servers");
    for (ObjectNode e : entries) {
      ObjectNode item = servers.addObject();
      item.set("server", e);
      item.putObject("_meta")
          .putObject(OFFICIAL)
          .put("status", "active")
          .put("updatedAt", "2026-01-02T03:04:05Z")
          .put("isLatest", true);
    }
    ObjectNode metadata = body.putObject("metadata");
    metadata.put("count", servers.size());
    if (!next.isEmpty()) {
      metadata.put("nextCursor", next);
    }
    server.stubFor(
        page(cursor)
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(Json.write(body))));
  }

  /** A Streamable HTTP server at {@code path} with one tool, answering JSON. */
  private void stubHealthy(String path, String tool) {
    server.stubFor(
        method(path, "server/discover")
            .willReturn(
                json(
                    "{\"jsonrpc\":\"2.0\",\"id\":"
                        + ID
                        + ",\"error\":{\"code\":-32601,\"message\":\"Method not found\"}}")));
    server.stubFor(
        method(path, "initialize")
            .willReturn(
                json(
                    result(
                        "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{\"tools\":{}},"
                            + "\"serverInfo\":{\"name\":\""
                            + tool
                            + "\",\"version\":\"1.0.0\"}}"))));
    server.stubFor(
        method(path, "notifications/initialized").willReturn(aResponse().withStatus(202)));
    server.stubFor(
        method(path, "tools/list")
            .willReturn(
                json(
                    result(
                        "{\"tools\":[{\"name\":\""
                            + tool
                            + "\",\"description\":\"Reads a record\",\"inputSchema\":"
                            + "{\"type\":\"object\"}}]}"))));
  }

  private static MappingBuilder method(String path, String name) {
    return post(urlEqualTo(path)).withRequestBody(matchingJsonPath("$.method", equalTo(name)));
  }

  private static ResponseDefinitionBuilder json(String body) {
    return aResponse()
        .withHeader("Content-Type", "application/json")
        .withBody(body)
        .withTransformers("response-template");
  }

  private static String result(String result) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + ID + ",\"result\":" + result + "}";
  }
}
