package dev.mcprisk.crawler.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcprisk.model.CrawlStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The whole sequence over a {@link ScriptedTransport}, legacy handshake. */
class McpSessionTest {

  private static final String TOOL = "{\"name\":\"t%d\",\"inputSchema\":{\"type\":\"object\"}}";

  @Test
  void countsTheOtherListsAndStopsThemAfterALostConnection() {
    ScriptedTransport transport =
        server(
            Map.of(
                "tools/list", "{\"tools\":[" + tool(1) + "]}",
                "prompts/list", "ERROR",
                "resources/list", "SILENCE",
                "resources/templates/list", "{\"resourceTemplates\":[]}"));

    ProbeResult result = run(transport);

    assertEquals(CrawlStatus.OK, result.status());
    assertEquals(ProbeResult.NOT_LISTED, result.prompts());
    assertEquals(ProbeResult.NOT_LISTED, result.resources());
    assertEquals(ProbeResult.NOT_LISTED, result.resourceTemplates());
    assertEquals(
        "prompts/list answered error {\"code\":-32601,\"message\":\"no\"}; "
            + "resources/list failed: no answer in time",
        result.outcome().reason());
    assertFalse(methods(transport).contains("resources/templates/list"));
  }

  @Test
  void countsAcrossPagesAndNotesARepeatedCursor() {
    ScriptedTransport transport =
        server(
            Map.of(
                "tools/list", "{\"tools\":[" + tool(1) + "," + tool(2) + "]}",
                "prompts/list", "{\"prompts\":[{},{}],\"nextCursor\":\"x\"}",
                "resources/list", "{\"resources\":[{}]}",
                "resources/templates/list", "{\"resourceTemplates\":{}}"));

    ProbeResult result = run(transport);

    assertEquals(CrawlStatus.OK, result.status());
    assertEquals(2, result.outcome().tools().size());
    assertEquals(4, result.prompts());
    assertEquals(1, result.resources());
    assertEquals(ProbeResult.NOT_LISTED, result.resourceTemplates());
    assertEquals(ProbeResult.NO_TTL, result.toolsTtlMs());
    assertEquals(
        "prompts/list repeated a cursor; counted 4; "
            + "resources/templates/list result has no 'resourceTemplates' array",
        result.outcome().reason());
    assertEquals(
        List.of(
            "initialize",
            "tools/list",
            "prompts/list",
            "prompts/list",
            "resources/list",
            "resources/templates/list"),
        methods(transport));
    assertEquals("notifications/initialized", transport.sent.get(1).get("method").asText());
  }

  @Test
  void theToolCapTruncatesAndKeepsTheToolsRead() {
    ScriptedTransport transport =
        server(
            Map.of("tools/list", "{\"tools\":[" + tool(1) + "," + tool(2) + "," + tool(3) + "]}"));
    CrawlLimits d = CrawlLimits.defaults();
    CrawlLimits twoTools =
        new CrawlLimits(
            d.startupTimeout(),
            d.requestTimeout(),
            d.totalTimeout(),
            d.maxMessageBytes(),
            d.maxTotalBytes(),
            d.maxPages(),
            2);

    ProbeResult result = run(transport, twoTools);

    assertEquals(CrawlStatus.TRUNCATED, result.status());
    assertTrue(result.truncated());
    assertEquals("stopped at the tool cap of 2", result.outcome().reason());
    assertEquals(2, result.outcome().tools().size());
    assertEquals(1, result.outcome().pages());
    assertEquals(ProbeResult.NOT_LISTED, result.prompts());
  }

  private static ProbeResult run(ScriptedTransport transport) {
    return run(transport, CrawlLimits.defaults());
  }

  private static ProbeResult run(ScriptedTransport transport, CrawlLimits limits) {
    McpSession session =
        new McpSession(
            "test",
            transport,
            limits,
            ClientCapabilities.full(),
            SessionMode.LEGACY_ONLY,
            System.nanoTime());
    session.run();
    return session.result(Instant.EPOCH, 0);
  }

  private static String tool(int n) {
    return String.format(TOOL, n);
  }

  private static List<String> methods(ScriptedTransport transport) {
    return transport.requests().stream().map(r -> r.get("method").asText()).toList();
  }

  /**
   * A legacy server announcing tools, prompts and resources; {@code results} maps a method to its
   * result JSON, {@code ERROR} (an error answer) or {@code SILENCE} (no answer).
   */
  private static ScriptedTransport server(Map<String, String> results) {
    return new ScriptedTransport(
        request -> {
          String method = request.get("method").asText();
          String id = request.get("id").toString();
          String result =
              method.equals("initialize")
                  ? "{\"protocolVersion\":\"2025-06-18\",\"serverInfo\":{\"name\":\"s\"},"
                      + "\"capabilities\":{\"tools\":{},\"prompts\":{},\"resources\":{}}}"
                  : results.get(method);
          if (result == null || result.equals("SILENCE")) {
            return List.of();
          }
          if (result.equals("ERROR")) {
            return List.of(
                "{\"jsonrpc\":\"2.0\",\"id\":"
                    + id
                    + ",\"error\":{\"code\":-32601,\"message\":\"no\"}}");
          }
          return List.of("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":" + result + "}");
        });
  }
}
