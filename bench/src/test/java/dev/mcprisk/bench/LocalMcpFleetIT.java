package dev.mcprisk.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcprisk.crawler.mcp.McpProbe;
import dev.mcprisk.crawler.mcp.ProbeOptions;
import dev.mcprisk.crawler.mcp.ProbeResult;
import dev.mcprisk.crawler.mcp.ProbeTarget;
import dev.mcprisk.crawler.mcp.ProbeTransport;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.CrawlStatus;
import dev.mcprisk.model.ToolDefinition;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LocalMcpFleetIT {

  private static final ProbeOptions LOOPBACK =
      ProbeOptions.defaults().withAllowPrivateNetwork(true);
  private static SyntheticCatalogue catalogue;
  private static LocalWorld world;

  @BeforeAll
  static void start() throws Exception {
    catalogue = SyntheticCatalogue.generate(3_000, 1);
    world = LocalWorld.start(catalogue);
  }

  @AfterAll
  static void stop() {
    world.close();
  }

  @Test
  void theProjectsClientCrawlsFleetServersWithTheGeneratedTools() {
    for (int n = 0; n < 5; n++) {
      assertCrawled(n);
    }
  }

  @Test
  void aServerWithMoreThan100ToolsIsPagedAndCrawledWhole() {
    int big = -1;
    for (int n = 0; n < catalogue.servers() && big < 0; n++) {
      if (catalogue.toolCount(n) > 2 * LocalMcpFleet.PAGE_SIZE) {
        big = n;
      }
    }
    assertTrue(big >= 0, "no server with over 200 tools in 3,000");
    long before = world.fleet().requests("tools/list");
    ProbeResult result = assertCrawled(big);
    int pages = (catalogue.toolCount(big) + LocalMcpFleet.PAGE_SIZE - 1) / LocalMcpFleet.PAGE_SIZE;
    assertEquals(pages, result.outcome().pages());
    assertEquals(pages, world.fleet().requests("tools/list") - before);
  }

  @Test
  void aSwitchedGenerationIsServedAtOnce() {
    SyntheticCatalogue next = catalogue.mutate(0.01, 2);
    world.switchTo(next);
    try {
      String name = next.changedServers().get(0);
      int n = Integer.parseInt(name.substring("io.github.synth-".length(), name.indexOf('/')));
      ProbeResult result = probe(n);
      assertEquals(next.server(n).version(), result.outcome().serverInfo().get("version").asText());
      assertEquals(names(next.tools(n)), names(result));
    } finally {
      world.switchTo(catalogue);
    }
  }

  @Test
  void answersTheAskedVersionUnknownMethodsAndUnknownServersAsTheSpecSays() throws Exception {
    JsonNode init =
        post(
            0,
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-03-26\"}}");
    assertEquals("2025-03-26", init.get("result").get("protocolVersion").asText());
    JsonNode other =
        post(
            0,
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2099-01-01\"}}");
    assertEquals(
        LocalMcpFleet.DEFAULT_VERSION, other.get("result").get("protocolVersion").asText());
    JsonNode discover = post(0, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"server/discover\"}");
    assertEquals(-32601, discover.get("error").get("code").asInt());
    JsonNode bad =
        post(
            0,
            "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/list\",\"params\":{\"cursor\":\"x\"}}");
    assertEquals(-32602, bad.get("error").get("code").asInt());
    assertEquals(
        202, status("POST", 0, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"));
    assertEquals(404, status("POST", catalogue.servers(), "{}"));
    assertEquals(405, status("GET", 0, null));
  }

  private static ProbeResult assertCrawled(int n) {
    ProbeResult result = probe(n);
    assertEquals(CrawlStatus.OK, result.status(), result.outcome().reason());
    assertEquals(names(catalogue.tools(n)), names(result));
    assertEquals("2025-06-18", result.outcome().protocolVersion());
    return result;
  }

  private static ProbeResult probe(int n) {
    return McpProbe.probe(
        ProbeTarget.url(world.fleetBaseUrl() + "/mcp/" + n, ProbeTransport.HTTP), LOOPBACK);
  }

  private static List<String> names(List<ObjectNode> tools) {
    return tools.stream().map(t -> t.get("name").asText()).toList();
  }

  private static List<String> names(ProbeResult result) {
    return result.outcome().tools().stream().map(ToolDefinition::name).toList();
  }

  private static JsonNode post(int n, String body) throws Exception {
    HttpResponse<String> response = send("POST", n, body);
    assertEquals(200, response.statusCode());
    return Json.parse(response.body());
  }

  private static int status(String method, int n, String body) throws Exception {
    return send(method, n, body).statusCode();
  }

  private static HttpResponse<String> send(String method, int n, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(world.fleetBaseUrl() + "/mcp/" + n))
            .header("Content-Type", "application/json");
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
