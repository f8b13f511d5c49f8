package dev.mcprisk.crawler.mcp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.mcprisk.model.CrawlStatus;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Streamable HTTP, HTTP+SSE fallback and 2026-07-28 against WireMock on a dynamic loopback port.
 * Every probe here allows private networks explicitly (WireMock is on 127.0.0.1), except the tests
 * of the address policy itself.
 */
class StreamableHttpIT {

  private static final CrawlLimits FAST =
      new CrawlLimits(
          Duration.ofSeconds(3),
          Duration.ofSeconds(2),
          Duration.ofSeconds(10),
          64 * 1024,
          1024 * 1024,
          20,
          1_000);

  private static final String ID = "{{jsonPath request.body '$.id'}}";

  private WireMockServer server;

  @BeforeEach
  void start() {
    server =
        new WireMockServer(
            com.github.tomakehurst.wiremock.core.WireMockConfiguration.options()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .templatingEnabled(true));
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void listsToolsFromJsonAnswersWithASessionAndEndsItWithDelete() {
    legacyServer();
    stub(method("tools/list"), json(result("{\"tools\":[" + tool("a") + "," + tool("b") + "]}")));

    ProbeResult result = probe(ProbeTransport.HTTP);

    assertEquals(CrawlStatus.OK, result.status(), result.outcome().reason());
    assertEquals("streamable-http", result.outcome().method());
    assertEquals("2025-06-18", result.outcome().protocolVersion());
    assertEquals(List.of("a", "b"), names(result));
    server.verify(
        postRequestedFor(urlEqualTo("/mcp"))
            .withRequestBody(matchingJsonPath("$.method", equalTo("tools/list")))
            .withHeader("Mcp-Session-Id", equalTo("s-1"))
            .withHeader("MCP-Protocol-Version", equalTo("2025-06-18"))
            .withHeader("Accept", equalTo("application/json, text/event-stream")));
    server.verify(
        postRequestedFor(urlEqualTo("/mcp"))
            .withRequestBody(matchingJsonPath("$.method", equalTo("notifications/initialized"))));
    server.verify(
        1, deleteRequestedFor(urlEqualTo("/mcp")).withHeader("Mcp-Session-Id", equalTo("s-1")));
  }

  @Test
  void readsSseAnswersWithIdsRetryCommentsNoEventNameAndMultiLineData() {
    legacyServer();
    String answer =
        "{\"jsonrpc\":\"2.0\",\n\"id\":" + ID + ",\"result\":{\"tools\":[" + tool("x") + "]}}";
    String body =
        ": a comment\n"
            + "retry: 1000\n\n"
            + "event: message\nid: 7\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\"}\n\n"
            + "event: ping\ndata: ignored\n\n"
            + "id: 8\r\n"
            + answer.lines().map(line -> "data: " + line + "\r\n").reduce("", String::concat)
            + "\r\n";
    stub(
        method("tools/list"),
        aResponse()
            .withHeader("Content-Type", "text/event-stream")
            .withBody(body)
            .withTransformers("response-template"));

    ProbeResult result = probe(ProbeTransport.HTTP);

    assertEquals(CrawlStatus.OK, result.status(), result.outcome().reason());
    assertEquals(List.of("x"), names(result));
  }

  @Test
  void unauthorizedIsAuthRequiredWithResourceMetadataAndScopes() {
    server.stubFor(
        post(urlEqualTo("/mcp"))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader(
                        "WWW-Authenticate",
                        "Bearer resource_metadata=\"https://auth.example/.well-known/oauth-protected-resource\","
                            + " scope=\"files:read files:write\"")));

    ProbeResult result =
        McpProbe.probe(
            ProbeTarget.url(url("/mcp"), ProbeTransport.AUTO)
                .withHeader("Authorization", "Bearer tok-12345", true),
            options());

    assertEquals(CrawlStatus.AUTH_REQUIRED, result.status(), result.outcome().reason());
    assertEquals(
        "https://auth.example/.well-known/oauth-protected-resource", result.authResourceMetadata());
    assertEquals(List.of("files:read", "files:write"), result.authScopes());
    assertEquals(3, result.exitCode());
    assertFalse(result.outcome().reason().contains("tok-12345"));
  }

  @Test
  void aServerErrorIsAnHttpErrorWithItsCodeAndNoSecretInTheReason() {
    server.stubFor(
        post(urlEqualTo("/mcp"))
            .willReturn(
                aResponse().withStatus(500).withBody("upstream said: key sk-live-98765 rejected")));

    ProbeResult result =
        McpProbe.probe(
            ProbeTarget.url(url("/mcp"), ProbeTransport.AUTO)
                .withHeader("X-Api-Key", "sk-live-98765", true),
            options());

    assertEquals(CrawlStatus.HTTP_ERROR, result.status(), result.outcome().reason());
    assertTrue(
        result.outcome().reason().startsWith("HTTP 500 from POST"), result.outcome().reason());
    assertTrue(result.outcome().reason().contains("[REDACTED]"), result.outcome().reason());
    assertFalse(result.outcome().reason().contains("sk-live-98765"));
    server.verify(
        postRequestedFor(urlEqualTo("/mcp")).withHeader("X-Api-Key", equalTo("sk-live-98765")));
  }

  @Test
  void aLoopbackTargetIsBlockedBeforeAnyRequestUnlessPrivateNetworksAreAllowed() {
    ProbeResult result =
        McpProbe.probe(ProbeTarget.url(url("/mcp"), ProbeTransport.AUTO), ProbeOptions.defaults());

    assertEquals(CrawlStatus.BLOCKED, result.status());
    assertTrue(
        result.outcome().reason().startsWith("127.0.0.1, a loopback address; blocked"),
        result.outcome().reason());
    server.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void aRedirectTo127001IsBlockedWhenPrivateNetworksAreNotAllowed() {
    server.stubFor(
        post(urlEqualTo("/mcp"))
            .willReturn(aResponse().withStatus(307).withHeader("Location", url("/internal"))));
    // "localhost" alone is trusted, so the first hop is made; the redirect names 127.0.0.1.
    ProbeOptions options =
        ProbeOptions.defaults().withLimits(FAST).withAllowedHosts(Set.of("localhost"));

    ProbeResult result =
        McpProbe.probe(
            ProbeTarget.url("http://localhost:" + server.port() + "/mcp", ProbeTransport.HTTP),
            options);

    assertEquals(CrawlStatus.BLOCKED, result.status(), result.outcome().reason());
    assertTrue(
        result.outcome().reason().startsWith("redirect to 127.0.0.1, a loopback address"),
        result.outcome().reason());
    server.verify(0, postRequestedFor(urlEqualTo("/internal")));
  }

  @Test
  void redirectsAreFollowedUpToTheCap() {
    for (int i = 0; i < 7; i++) {
      server.stubFor(
          post(urlEqualTo("/r" + i))
              .willReturn(aResponse().withStatus(308).withHeader("Location", "/r" + (i + 1))));
    }

    ProbeResult result =
        McpProbe.probe(ProbeTarget.url(url("/r0"), ProbeTransport.HTTP), options());

    assertEquals(CrawlStatus.HTTP_ERROR, result.status(), result.outcome().reason());
    assertTrue(
        result.outcome().reason().startsWith("more than 5 redirects"), result.outcome().reason());
  }

  @Test
  void anAnswerWithAnotherIdIsAProtocolError() {
    legacyServer();
    stub(
        method("tools/list"),
        aResponse()
            .withHeader("Content-Type", "application/json")
            .withBody("{\"jsonrpc\":\"2.0\",\"id\":4242,\"result\":{\"tools\":[]}}"));

    ProbeResult result = probe(ProbeTransport.HTTP);

    assertEquals(CrawlStatus.PROTOCOL_ERROR, result.status(), result.outcome().reason());
    assertTrue(
        result.outcome().reason().startsWith("answer with id 4242 while waiting for id 3"),
        result.outcome().reason());
  }

  @Test
  void aCursorThatNeverEndsIsTruncatedAtThePageCapWithTheToolsKept() {
    legacyServer();
    stub(
        method("tools/list"),
        json(
            result(
                "{\"tools\":[{\"name\":\"t{{randomValue length=8 type='ALPHANUMERIC'}}\","
                    + "\"inputSchema\":{\"type\":\"object\"}}],"
                    + "\"nextCursor\":\"{{randomValue length=16 type='ALPHANUMERIC'}}\"}")));

    long start = System.nanoTime();
    ProbeResult result = probe(ProbeTransport.HTTP);
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertEquals(CrawlStatus.TRUNCATED, result.status(), result.outcome().reason());
    assertTrue(result.truncated());
    assertEquals("stopped at the page cap of 20", result.outcome().reason());
    assertEquals(20, result.outcome().tools().size());
    assertEquals(3, result.exitCode());
    assertTrue(millis < 10_000, "took " + millis + " ms");
  }

  @Test
  void aBodyOverTheMessageLimitIsTooLarge() {
    legacyServer();
    stub(
        method("tools/list"),
        aResponse()
            .withHeader("Content-Type", "application/json")
            .withBody("{\"pad\":\"" + "x".repeat(200_000) + "\"}"));

    ProbeResult result = probe(ProbeTransport.HTTP);

    assertEquals(CrawlStatus.TOO_LARGE, result.status(), result.outcome().reason());
    assertTrue(result.outcome().reason().contains("65536"), result.outcome().reason());
    // The limit, at most one more 8 KiB read, and the short answers before it.
    assertTrue(result.outcome().bytesRead() < 80 * 1024, "read " + result.outcome().bytesRead());
  }

  @Test
  void aModernServerIsDiscoveredAndEveryRequestCarriesMetaAndHeaders() {
    server.stubFor(
        post(urlEqualTo("/mcp"))
            .withRequestBody(matchingJsonPath("$.method", equalTo("server/discover")))
            .withHeader("Mcp-Method", equalTo("server/discover"))
            .withHeader("MCP-Protocol-Version", equalTo("2026-07-28"))
            .willReturn(
                json(
                    result(
                        "{\"resultType\":\"complete\",\"supportedVersions\":[\"2026-07-28\"],"
                            + "\"capabilities\":{\"tools\":{},\"resources\":{}},"
                            + "\"serverInfo\":{\"name\":\"modern\",\"version\":\"1\"},"
                            + "\"instructions\":\"stateless\"}"))));
    MappingBuilder toolsList =
        post(urlEqualTo("/mcp"))
            .withRequestBody(matchingJsonPath("$.method", equalTo("tools/list")))
            .withRequestBody(
                matchingJsonPath(
                    "$.params._meta['io.modelcontextprotocol/protocolVersion']",
                    equalTo("2026-07-28")))
            .withRequestBody(
                matchingJsonPath(
                    "$.params._meta['io.modelcontextprotocol/clientInfo'].name",
                    equalTo("mcp-risk-catalogue")))
            .withHeader("Mcp-Method", equalTo("tools/list"))
            .withHeader("MCP-Protocol-Version", equalTo("2026-07-28"));
    server.stubFor(
        toolsList.willReturn(
            json(
                result(
                    "{\"resultType\":\"complete\",\"ttlMs\":300000,\"cacheScope\":\"public\","
                        + "\"tools\":["
                        + tool("modern_tool")
                        + "]}"))));
    server.stubFor(
        post(urlEqualTo("/mcp"))
            .withRequestBody(matchingJsonPath("$.method", equalTo("resources/list")))
            .willReturn(
                json(result("{\"resultType\":\"complete\",\"resources\":[{\"uri\":\"a://1\"}]}"))));
    server.stubFor(
        post(urlEqualTo("/mcp"))
            .withRequestBody(matchingJsonPath("$.method", equalTo("resources/templates/list")))
            .willReturn(json(result("{\"resultType\":\"complete\",\"resourceTemplates\":[]}"))));

    ProbeResult result = probe(ProbeTransport.AUTO);

    assertEquals(CrawlStatus.OK, result.status(), result.outcome().reason());
    assertEquals("2026-07-28", result.outcome().protocolVersion());
    assertEquals("modern", result.outcome().serverInfo().get("name").asText());
    assertEquals("stateless", result.outcome().instructions());
    assertEquals(List.of("modern_tool"), names(result));
    assertEquals(300_000, result.toolsTtlMs());
    assertEquals(1, result.resources());
    assertEquals(0, result.resourceTemplates());
    assertEquals(-1, result.prompts());
    server.verify(
        0,
        postRequestedFor(urlEqualTo("/mcp"))
            .withRequestBody(matchingJsonPath("$.method", equalTo("initialize"))));
    server.verify(0, deleteRequestedFor(urlEqualTo("/mcp")));
  }

  @Test
  void autoFallsBackToHttpPlusSseWhenInitializeGets404() {
    server.stubFor(post(urlEqualTo("/sse")).willReturn(aResponse().withStatus(404)));
    server.stubFor(
        get(urlEqualTo("/sse"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody("event: endpoint\ndata: /messages?session=1\n\n")));
    server.stubFor(post(urlPathEqualTo("/messages")).willReturn(aResponse().withStatus(202)));

    ProbeResult result = probe(ProbeTransport.AUTO);

    // WireMock cannot stream answers on the GET, so the session ends there; it did fall back.
    assertEquals("sse", result.outcome().method());
    assertEquals(CrawlStatus.PROTOCOL_ERROR, result.status(), result.outcome().reason());
    assertEquals("the SSE stream ended (waiting for initialize)", result.outcome().reason());
    server.verify(
        postRequestedFor(urlEqualTo("/messages?session=1"))
            .withRequestBody(matchingJsonPath("$.method", equalTo("initialize"))));
  }

  @Test
  void aServerErrorOnInitializeDoesNotFallBack() {
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503)));

    ProbeResult result = probe(ProbeTransport.AUTO);

    assertEquals(CrawlStatus.HTTP_ERROR, result.status());
    assertEquals("streamable-http", result.outcome().method());
    assertTrue(
        result.outcome().reason().startsWith("HTTP 503 from POST"), result.outcome().reason());
    assertNull(result.outcome().protocolVersion());
  }

  @Test
  void aSessionEndedWith404IsStartedAgainOnce() {
    server.stubFor(
        method("server/discover")
            .willReturn(aResponse().withStatus(400).withBody("Bad Request: no session")));
    String init =
        result(
            "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{\"tools\":{}},"
                + "\"serverInfo\":{\"name\":\"restarting\",\"version\":\"1\"}}");
    server.stubFor(
        method("initialize")
            .inScenario("sessions")
            .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
            .willSetStateTo("second")
            .willReturn(json(init).withHeader("Mcp-Session-Id", "s-1")));
    server.stubFor(
        method("initialize")
            .inScenario("sessions")
            .whenScenarioStateIs("second")
            .willReturn(json(init).withHeader("Mcp-Session-Id", "s-2")));
    server.stubFor(method("notifications/initialized").willReturn(aResponse().withStatus(202)));
    server.stubFor(
        method("tools/list")
            .withHeader("Mcp-Session-Id", equalTo("s-1"))
            .willReturn(aResponse().withStatus(404)));
    server.stubFor(
        method("tools/list")
            .withHeader("Mcp-Session-Id", equalTo("s-2"))
            .willReturn(json(result("{\"tools\":[" + tool("after-restart") + "]}"))));
    server.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.delete(urlEqualTo("/mcp"))
            .willReturn(aResponse().withStatus(200)));

    ProbeResult result = probe(ProbeTransport.HTTP);

    assertEquals(CrawlStatus.OK, result.status(), result.outcome().reason());
    assertEquals(List.of("after-restart"), names(result));
    server.verify(
        2,
        postRequestedFor(urlEqualTo("/mcp"))
            .withRequestBody(matchingJsonPath("$.method", equalTo("initialize"))));
  }

  @Test
  void aSessionThatEndsEveryTimeIsAnHttpErrorAfterOneRestart() {
    legacyServer();
    server.stubFor(method("tools/list").willReturn(aResponse().withStatus(404)));

    ProbeResult result = probe(ProbeTransport.HTTP);

    assertEquals(CrawlStatus.HTTP_ERROR, result.status());
    assertTrue(result.outcome().reason().contains("ended the session"), result.outcome().reason());
    server.verify(
        2,
        postRequestedFor(urlEqualTo("/mcp"))
            .withRequestBody(matchingJsonPath("$.method", equalTo("initialize"))));
  }

  // ---- helpers ----

  /** A legacy (2025-06-18) server: discover refused with a plain 400, initialize with a session. */
  private void legacyServer() {
    server.stubFor(
        post(urlEqualTo("/mcp"))
            .withRequestBody(matchingJsonPath("$.method", equalTo("server/discover")))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32000,"
                            + "\"message\":\"Bad Request: Server not initialized\"}}")));
    stub(
        method("initialize"),
        json(result(
                "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{\"tools\":{}},"
                    + "\"serverInfo\":{\"name\":\"legacy\",\"version\":\"1\"}}"))
            .withHeader("Mcp-Session-Id", "s-1"));
    server.stubFor(
        post(urlEqualTo("/mcp"))
            .withRequestBody(matchingJsonPath("$.method", equalTo("notifications/initialized")))
            .willReturn(aResponse().withStatus(202)));
    server.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.delete(urlEqualTo("/mcp"))
            .willReturn(aResponse().withStatus(200)));
  }

  private MappingBuilder method(String name) {
    return post(urlEqualTo("/mcp")).withRequestBody(matchingJsonPath("$.method", equalTo(name)));
  }

  private void stub(MappingBuilder request, ResponseDefinitionBuilder response) {
    server.stubFor(request.willReturn(response));
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

  private static String tool(String name) {
    return "{\"name\":\"" + name + "\",\"inputSchema\":{\"type\":\"object\"}}";
  }

  private ProbeResult probe(ProbeTransport transport) {
    String path =
        transport == ProbeTransport.AUTO
                && server.getStubMappings().stream()
                    .anyMatch(m -> "/sse".equals(m.getRequest().getUrl()))
            ? "/sse"
            : "/mcp";
    return McpProbe.probe(ProbeTarget.url(url(path), transport), options());
  }

  private ProbeOptions options() {
    return ProbeOptions.defaults().withLimits(FAST).withAllowPrivateNetwork(true);
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }

  private static List<String> names(ProbeResult result) {
    return result.outcome().tools().stream().map(t -> t.name()).toList();
  }
}
