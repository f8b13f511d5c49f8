package dev.mcprisk.crawler.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcprisk.model.CrawlStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The user's headers go only to the origin the user named: two loopback servers on two ports are
 * two origins (scheme, host and port, RFC 6454), A the one named and B another. Neither a redirect
 * nor an SSE {@code endpoint} event moves the credentials to B.
 */
class CredentialOriginIT {

  private static final CrawlLimits FAST =
      new CrawlLimits(
          Duration.ofSeconds(3),
          Duration.ofSeconds(2),
          Duration.ofSeconds(10),
          64 * 1024,
          1024 * 1024,
          20,
          1_000);

  private static final List<String> CREDENTIALS =
      List.of("Authorization", "Cookie", "Proxy-Authorization", "X-Api-Key");

  private LoopbackMcpServer a;
  private LoopbackMcpServer b;

  @BeforeEach
  void start() throws Exception {
    a = new LoopbackMcpServer();
    b = new LoopbackMcpServer();
  }

  @AfterEach
  void stop() throws Exception {
    a.close();
    b.close();
  }

  @Test
  void aRedirectToAnotherOriginDropsTheCredentialsOnEveryLaterRequest() {
    a.redirectTo = b.url("/mcp");

    ProbeResult result = probe(a.url("/redirect"), ProbeTransport.HTTP);

    assertEquals(CrawlStatus.OK, result.status(), result.outcome().reason());
    assertEquals(1, result.outcome().tools().size());
    assertTrue(a.seen().get(0).has("Authorization"), "the origin named gets them");
    assertTrue(b.seen().size() >= 3, "initialize, notification, tools/list: " + b.seen());
    assertNoCredentials(b);
  }

  @Test
  void aRedirectBackToTheNamedOriginCarriesTheCredentialsAgain() {
    a.redirectTo = b.url("/redirect");
    b.redirectTo = a.url("/mcp");

    ProbeResult result = probe(a.url("/redirect"), ProbeTransport.HTTP);

    assertEquals(CrawlStatus.OK, result.status(), result.outcome().reason());
    assertNoCredentials(b);
    assertTrue(
        a.seen().stream()
            .filter(s -> s.path().equals("/mcp"))
            .allMatch(s -> s.has("Authorization") && s.has("X-Api-Key")),
        a.seen().toString());
  }

  @Test
  void anSseEndpointEventNamingAnotherOriginIsRefused() {
    a.endpointEvent = b.url("/messages");

    ProbeResult result = probe(a.url("/sse"), ProbeTransport.SSE);

    assertEquals(CrawlStatus.PROTOCOL_ERROR, result.status(), result.outcome().reason());
    assertEquals(
        "the endpoint event names another origin than its stream's, or no URL",
        result.outcome().reason());
    assertEquals(List.of(), b.seen());
  }

  @Test
  void anSseStreamRedirectedToAnotherOriginPostsThereWithoutCredentials() {
    a.redirectTo = b.url("/sse");

    ProbeResult result = probe(a.url("/redirect"), ProbeTransport.SSE);

    assertEquals(CrawlStatus.OK, result.status(), result.outcome().reason());
    assertEquals("sse", result.outcome().method());
    assertTrue(b.seen().stream().anyMatch(s -> s.path().equals("/messages")), b.seen().toString());
    assertNoCredentials(b);
  }

  private ProbeResult probe(String url, ProbeTransport transport) {
    ProbeTarget target =
        ProbeTarget.url(url, transport)
            .withHeader("Authorization", "Bearer tok-for-a-only", true)
            .withHeader("Cookie", "sid=cookie-for-a", true)
            .withHeader("Proxy-Authorization", "Basic cHJveHk6cHc=", true)
            .withHeader("X-Api-Key", "key-for-a", false);
    return McpProbe.probe(
        target, ProbeOptions.defaults().withLimits(FAST).withAllowPrivateNetwork(true));
  }

  private static void assertNoCredentials(LoopbackMcpServer server) {
    for (LoopbackMcpServer.Seen request : server.seen()) {
      for (String header : CREDENTIALS) {
        assertFalse(request.has(header), header + " reached the other origin: " + request);
      }
    }
  }
}
