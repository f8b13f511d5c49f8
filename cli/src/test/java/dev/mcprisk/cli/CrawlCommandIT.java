package dev.mcprisk.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
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
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.mcprisk.bundled.BundledData;
import dev.mcprisk.json.Json;
import dev.mcprisk.store.CatalogueStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mcprisk crawl} and {@code crawl-log} through the real jar against a local copy of the MCP
 * Registry API, an npm registry and a remote MCP server, all served by WireMock on loopback. The
 * registry pages hold the 471 real entries of the bundled 2025-05-16 seed plus two entries of the
 * current shape: an npm package whose README documents its tools, and a server with a Streamable
 * HTTP remote.
 */
class CrawlCommandIT {
  private static final String ID = "{{jsonPath request.body '$.id'}}";
  private static final String OFFICIAL = "io.modelcontextprotocol.registry/official";
  private static final int PAGE = 100;
  private static final String SLACK = "io.github.modelcontextprotocol/server-slack";
  private static final String REMOTE = "com.example/remote-records";

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
  void aFullCrawlStoresEveryEntryReadmeToolsAndRemoteToolsThenAnIncrementalOneAsksOnlyForChanges()
      throws Exception {
    List<ObjectNode> entries = entries();
    stubPages(entries, -1);
    stubNpm();
    stubRemote();
    Path home = temp.resolve("home");

    CliProcess.Result first = crawl(home);

    assertEquals(0, first.exitCode(), first.stderr());
    JsonNode summary = Json.parse(first.stdout());
    assertEquals("SUCCEEDED", summary.get("status").asText());
    // 471 seed entries, of which 7 without a name are rejected; plus the two of the current shape.
    assertEquals(Map.of("registry-api", 466), ints(summary.get("serversBySource")));
    assertEquals(2, summary.get("serversWithTools").asInt());
    assertEquals(Map.of("live", 1, "readme", 8), ints(summary.get("toolsByOrigin")));
    for (int page = 0; page < 5; page++) {
      server.verify(
          getRequestedFor(urlPathEqualTo("/v0.1/servers"))
              .withQueryParam("limit", equalTo("100"))
              .withQueryParam("version", equalTo("latest"))
              .withQueryParam("updated_since", absent()));
    }
    CliProcess.Result log =
        CliProcess.run("crawl-log", "--home", home.toString(), "--json", "--limit", "5000");
    assertEquals(0, log.exitCode(), log.stderr());
    // The seed's other npm and PyPI packages are not served here: NOT_FOUND, recorded, skipped.
    // The seed's 7 entries without a name are REJECTED rows of their pages.
    Map<String, Integer> okBySource = new TreeMap<>();
    int rejectedEntries = 0;
    for (JsonNode f : Json.parse(log.stdout()).get("fetches")) {
      assertTrue(f.get("url").asText().startsWith(server.baseUrl()), f.toString());
      String outcome = f.get("outcome").asText();
      if (outcome.equals("OK")) {
        okBySource.merge(f.get("source").asText(), 1, Integer::sum);
      } else if (outcome.equals("REJECTED")) {
        assertTrue(f.get("reason").asText().endsWith("rejected: entry has no name"), f.toString());
        rejectedEntries++;
      } else {
        assertEquals("NOT_FOUND", outcome, f.toString());
      }
    }
    assertEquals(Map.of("npm", 1, "registry-api", 5), okBySource);
    assertEquals(7, rejectedEntries);

    CliProcess.Result search =
        CliProcess.run("search", "--home", home.toString(), "--json", "post a slack message");
    assertEquals(0, search.exitCode(), search.stderr());
    assertTrue(search.stdout().contains("slack_post_message"), search.stdout());

    server.resetRequests();
    CliProcess.Result second = crawl(home);

    assertEquals(0, second.exitCode(), second.stderr());
    List<ServeEvent> listed = registryRequests();
    assertEquals(1, listed.size(), "one page of changes");
    String since = listed.get(0).getRequest().queryParameter("updated_since").firstValue();
    assertTrue(since.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z"), since);
    JsonNode again = Json.parse(second.stdout());
    assertEquals(466, again.get("servers").asInt(), "nothing stored was lost");
  }

  @Test
  void aBrokenPageIsRecordedAndLosesNothingAlreadyStored() throws Exception {
    List<ObjectNode> entries = entries();
    stubPages(entries, -1);
    stubNpm();
    stubRemote();
    Path home = temp.resolve("home");
    assertEquals(0, crawl(home).exitCode());

    server.resetAll();
    stubPages(entries, 2);
    stubNpm();
    stubRemote();
    CliProcess.Result broken = crawl(home, "--full");

    assertEquals(0, broken.exitCode(), broken.stderr());
    JsonNode summary = Json.parse(broken.stdout());
    assertEquals(466, summary.get("servers").asInt(), broken.stdout());
    assertEquals(9, summary.get("tools").asInt(), "the stored tools are kept");
    boolean reported = false;
    for (JsonNode f : summary.get("failures")) {
      reported |= f.toString().contains("page 3");
    }
    assertTrue(reported, summary.get("failures").toString());
    CliProcess.Result failed =
        CliProcess.run(
            "crawl-log",
            "--home",
            home.toString(),
            "--failed",
            "--source",
            "registry-api",
            "--json");
    JsonNode fetches = Json.parse(failed.stdout()).get("fetches");
    // newest first: the broken page, then the nameless entries of the pages before it (5 in this
    // crawl's pages 1-2, 7 in the first crawl's)
    assertEquals(13, fetches.size(), failed.stdout());
    assertEquals("HTTP_ERROR", fetches.get(0).get("outcome").asText());
    assertEquals(500, fetches.get(0).get("httpStatus").asInt());
    for (int i = 1; i < fetches.size(); i++) {
      assertEquals("REJECTED", fetches.get(i).get("outcome").asText(), fetches.get(i).toString());
    }
  }

  @Test
  void entriesOverTheSchemaLimitsAreRejectedWithReasonsAndTheRestOfThePageIsStored()
      throws Exception {
    ObjectNode body = Json.object();
    ArrayNode servers = body.putArray("servers");
    for (int i = 1; i <= 3; i++) {
      addItem(servers, "io.github.good/server-" + i, "A good server " + i, "active");
    }
    addItem(servers, "io.github.bad/" + "n".repeat(2_128 - 14), "A 2,128-char name", "active");
    addItem(servers, "io.github.bad/long-status", "A 111-char status", "s".repeat(111));
    String longDescription = "Reads files. ".repeat(400); // 5,200 chars: kept, trimmed
    addItem(servers, "io.github.good/long-description", longDescription, "deprecated");
    body.putObject("metadata").put("count", servers.size());
    server.stubFor(
        get(urlPathEqualTo("/v0.1/servers"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(Json.write(body))));
    Path home = temp.resolve("home");

    CliProcess.Result result = crawl(home);

    assertEquals(0, result.exitCode(), result.stderr());
    JsonNode summary = Json.parse(result.stdout());
    assertEquals("SUCCEEDED", summary.get("status").asText(), result.stdout());
    assertEquals(Map.of("registry-api", 4), ints(summary.get("serversBySource")));
    List<String> reasons = new ArrayList<>();
    for (JsonNode f : summary.get("failures")) {
      assertEquals("REJECTED", f.get("status").asText(), f.toString());
      reasons.add(f.get("reason").asText());
    }
    assertEquals(2, reasons.size(), reasons.toString());
    assertTrue(reasons.get(0).contains("is 2128 chars, not 3..200"), reasons.get(0));
    assertTrue(reasons.get(0).length() < 300, "the name is quoted, not copied: " + reasons.get(0));
    assertTrue(
        reasons.get(1).contains("io.github.bad/long-status: status 'sss")
            && reasons.get(1).contains("(111 chars) is not one of active, deprecated, deleted"),
        reasons.get(1));
    try (CatalogueStore store = CatalogueStore.open(home)) {
      Map<String, String> descriptions = new TreeMap<>();
      store
          .cataloguePage(null, Integer.MAX_VALUE, "any", false)
          .servers()
          .forEach(s -> descriptions.put(s.entry().id(), s.entry().description()));
      assertEquals(4, descriptions.size(), descriptions.keySet().toString());
      String trimmed = descriptions.get("io.github.good/long-description");
      assertEquals(2_000, trimmed.length());
      assertTrue(trimmed.endsWith("… [trimmed]"), trimmed);
    }
    CliProcess.Result log =
        CliProcess.run(
            "crawl-log", "--home", home.toString(), "--source", "registry-api", "--json");
    JsonNode fetches = Json.parse(log.stdout()).get("fetches");
    assertEquals(3, fetches.size(), log.stdout());
    assertEquals("OK", fetches.get(2).get("outcome").asText(), "the page itself, oldest");
    CliProcess.Result failed =
        CliProcess.run(
            "crawl-log",
            "--home",
            home.toString(),
            "--failed",
            "--source",
            "registry-api",
            "--json");
    JsonNode rejected = Json.parse(failed.stdout()).get("fetches");
    assertEquals(2, rejected.size(), failed.stdout());
    for (JsonNode f : rejected) {
      assertEquals("REJECTED", f.get("outcome").asText(), f.toString());
      assertTrue(
          f.get("url").asText().startsWith(server.baseUrl() + "/v0.1/servers?"), f.toString());
    }
    assertTrue(
        rejected
            .get(1)
            .get("reason")
            .asText()
            .startsWith("entry #3 rejected: name 'io.github.bad/n"),
        rejected.toString());
    assertTrue(
        rejected.get(0).get("reason").asText().startsWith("entry #4 rejected: io.github.bad/long-"),
        rejected.toString());
  }

  private static void addItem(ArrayNode servers, String name, String description, String status) {
    ObjectNode entry = Json.object();
    entry.put("name", name);
    entry.put("description", description);
    entry.put("version", "1.0.0");
    ObjectNode item = servers.addObject();
    item.set("server", entry);
    item.putObject("_meta").putObject(OFFICIAL).put("status", status).put("isLatest", true);
  }

  @Test
  void aLoopbackRegistryIsBlockedUnlessPrivateAddressesAreAllowed() throws Exception {
    stubPages(entries(), -1);
    CliProcess.Result result =
        CliProcess.run(
            "crawl",
            "--home",
            temp.resolve("home").toString(),
            "--source",
            "registry",
            "--registry-url",
            server.baseUrl(),
            "--no-progress",
            "--json");

    assertEquals(0, result.exitCode(), result.stderr());
    JsonNode summary = Json.parse(result.stdout());
    assertEquals(0, summary.get("servers").asInt());
    assertTrue(summary.get("failures").toString().contains("BLOCKED"), result.stdout());
    assertEquals(0, server.getAllServeEvents().size(), "no request left the guard");
  }

  @Test
  void badOptionsAreUsageErrors() throws Exception {
    CliProcess.Result source = CliProcess.run("crawl", "--source", "ftp");
    assertEquals(2, source.exitCode());
    assertTrue(source.stderr().contains("unknown source 'ftp'"), source.stderr());
    CliProcess.Result since = CliProcess.run("crawl", "--since", "yesterday");
    assertEquals(2, since.exitCode());
    assertTrue(since.stderr().contains("--since yesterday"), since.stderr());
    CliProcess.Result offline = CliProcess.run("run", "--offline", "--source", "registry");
    assertEquals(2, offline.exitCode());
  }

  private CliProcess.Result crawl(Path home, String... more) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "crawl",
                "--home",
                home.toString(),
                "--source",
                "all",
                "--registry-url",
                server.baseUrl(),
                "--npm-registry",
                server.baseUrl() + "/npm/",
                "--pypi-url",
                server.baseUrl(),
                "--allow-private-network",
                "--no-politeness",
                "--no-progress",
                "--json"));
    args.addAll(List.of(more));
    return CliProcess.run(args.toArray(String[]::new));
  }

  private List<ServeEvent> registryRequests() {
    List<ServeEvent> out = new ArrayList<>();
    for (ServeEvent e : server.getAllServeEvents()) {
      if (e.getRequest().getUrl().startsWith("/v0.1/servers")) {
        out.add(e);
      }
    }
    return out;
  }

  /** The bundled 2025-05-16 seed's entries and the two current-shape entries, in page order. */
  private static List<ObjectNode> entries() throws IOException {
    List<ObjectNode> out = new ArrayList<>();
    try (InputStream in = BundledData.open(BundledData.REGISTRY, "seed_2025_05_16.json")) {
      for (JsonNode e : Json.MAPPER.readTree(in)) {
        // 8 seed entries name remotes (localhost ports and public hosts): a test crawls loopback
        // only, and only servers it serves itself.
        ((ObjectNode) e).remove("remotes");
        out.add((ObjectNode) e);
      }
    }
    ObjectNode slack = Json.object();
    slack.put("name", SLACK);
    slack.put("description", "MCP Server for the Slack API");
    slack.put("version", "2025.4.25");
    ObjectNode pkg = slack.putArray("packages").addObject();
    pkg.put("registryType", "npm");
    pkg.put("identifier", "@modelcontextprotocol/server-slack");
    pkg.put("version", "2025.4.25");
    pkg.putObject("transport").put("type", "stdio");
    out.add(slack);
    ObjectNode remote = Json.object();
    remote.put("name", REMOTE);
    remote.put("description", "Records, hosted");
    remote.put("version", "1.0.0");
    ObjectNode r = remote.putArray("remotes").addObject();
    r.put("type", "streamable-http");
    r.put("url", "http://127.0.0.1:0/mcp"); // the port is set in stubPages
    out.add(remote);
    return out;
  }

  /** Serves the entries as pages of 100; page {@code brokenPage} (0-based) answers 500. */
  private void stubPages(List<ObjectNode> entries, int brokenPage) {
    int pages = (entries.size() + PAGE - 1) / PAGE;
    for (int p = 0; p < pages; p++) {
      ObjectNode body = Json.object();
      ArrayNode servers = body.putArray("servers");
      for (ObjectNode e : entries.subList(p * PAGE, Math.min(entries.size(), (p + 1) * PAGE))) {
        ObjectNode copy = e.deepCopy();
        if (copy.has("remotes")) {
          ((ObjectNode) copy.get("remotes").get(0)).put("url", server.baseUrl() + "/mcp");
        }
        ObjectNode item = servers.addObject();
        item.set("server", copy);
        item.putObject("_meta")
            .putObject(OFFICIAL)
            .put("status", "active")
            .put("updatedAt", "2025-05-16T18:56:49Z")
            .put("isLatest", true);
      }
      ObjectNode metadata = body.putObject("metadata");
      metadata.put("count", servers.size());
      if (p + 1 < pages) {
        metadata.put("nextCursor", "c" + (p + 1));
      }
      MappingBuilder request =
          get(urlPathEqualTo("/v0.1/servers"))
              .withQueryParam("updated_since", absent())
              .withQueryParam("cursor", p == 0 ? absent() : equalTo("c" + p));
      server.stubFor(
          request.willReturn(
              p == brokenPage
                  ? aResponse().withStatus(500).withBody("boom")
                  : aResponse()
                      .withHeader("Content-Type", "application/json")
                      .withBody(Json.write(body))));
    }
    // An incremental listing: one changed entry, no next page.
    ObjectNode changed = Json.object();
    ObjectNode item = changed.putArray("servers").addObject();
    ObjectNode slack = entries.get(entries.size() - 2).deepCopy();
    slack.put("description", "MCP Server for the Slack API (changed)");
    item.set("server", slack);
    item.putObject("_meta").putObject(OFFICIAL).put("status", "active");
    changed.putObject("metadata").put("count", 1);
    server.stubFor(
        get(urlPathEqualTo("/v0.1/servers"))
            .withQueryParam("updated_since", matching(".+"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(Json.write(changed))));
  }

  /** The npm packument of server-slack, with its real README. */
  private void stubNpm() throws IOException {
    String readme;
    try (InputStream in =
        CrawlCommandIT.class.getResourceAsStream("/crawl/server-slack-README.md")) {
      readme = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    ObjectNode packument = Json.object();
    packument.put("name", "@modelcontextprotocol/server-slack");
    packument.putObject("dist-tags").put("latest", "2025.4.25");
    ObjectNode version = packument.putObject("versions").putObject("2025.4.25");
    version.put("name", "@modelcontextprotocol/server-slack");
    version.put("version", "2025.4.25");
    version.put("description", "MCP server for interacting with Slack");
    version.put("license", "MIT");
    version.putObject("dependencies").put("@modelcontextprotocol/sdk", "1.0.1");
    packument.putObject("time").put("2025.4.25", "2025-04-25T10:00:00.000Z");
    packument.put("readme", readme);
    server.stubFor(
        get(urlEqualTo("/npm/@modelcontextprotocol%2fserver-slack"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(Json.write(packument))));
  }

  /** A Streamable HTTP MCP server with one tool, answering JSON. */
  private void stubRemote() {
    server.stubFor(
        method("server/discover")
            .willReturn(
                json(
                    "{\"jsonrpc\":\"2.0\",\"id\":"
                        + ID
                        + ",\"error\":{\"code\":-32601,\"message\":\"Method not found\"}}")));
    server.stubFor(
        method("initialize")
            .willReturn(
                json(
                    result(
                        "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{\"tools\":{}},"
                            + "\"serverInfo\":{\"name\":\"records\",\"version\":\"1.0.0\"}}"))));
    server.stubFor(method("notifications/initialized").willReturn(aResponse().withStatus(202)));
    server.stubFor(
        method("tools/list")
            .willReturn(
                json(
                    result(
                        "{\"tools\":[{\"name\":\"delete_record\",\"description\":\"Deletes a"
                            + " record permanently\",\"inputSchema\":{\"type\":\"object\","
                            + "\"properties\":{\"id\":{\"type\":\"string\"}}}}]}"))));
  }

  private static MappingBuilder method(String name) {
    return post(urlEqualTo("/mcp")).withRequestBody(matchingJsonPath("$.method", equalTo(name)));
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(
      String body) {
    return aResponse()
        .withHeader("Content-Type", "application/json")
        .withBody(body)
        .withTransformers("response-template");
  }

  private static String result(String result) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + ID + ",\"result\":" + result + "}";
  }

  private static Map<String, Integer> ints(JsonNode object) {
    Map<String, Integer> out = new TreeMap<>();
    object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asInt()));
    return out;
  }
}
