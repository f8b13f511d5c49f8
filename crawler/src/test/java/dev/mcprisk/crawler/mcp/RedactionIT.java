package dev.mcprisk.crawler.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcprisk.json.Json;
import dev.mcprisk.model.CrawlStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A loopback server that echoes the client's secret back, in its 401 challenge, its serverInfo and
 * its tool: the probe's result holds the secret nowhere, in any of its forms.
 */
class RedactionIT {

  private static final CrawlLimits FAST =
      new CrawlLimits(
          Duration.ofSeconds(3),
          Duration.ofSeconds(2),
          Duration.ofSeconds(10),
          64 * 1024,
          1024 * 1024,
          20,
          1_000);

  private static final String TOKEN = "tok-bare-4242";

  private LoopbackMcpServer server;

  @BeforeEach
  void start() throws Exception {
    server = new LoopbackMcpServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aTokenEchoedInTheChallengeIsMaskedInMetadataScopesAndReason() {
    server.challenge =
        "Bearer resource_metadata=\"https://auth.example/meta?token="
            + TOKEN
            + "\", scope=\"read "
            + TOKEN
            + "\"";

    ProbeResult result = probe("/protected", "Authorization", "Bearer " + TOKEN);

    assertEquals(CrawlStatus.AUTH_REQUIRED, result.status(), result.outcome().reason());
    assertEquals("https://auth.example/meta?token=[REDACTED]", result.authResourceMetadata());
    assertEquals(List.of("read", "[REDACTED]"), result.authScopes());
    assertTrue(result.outcome().reason().contains("token=[REDACTED]"), result.outcome().reason());
    assertNoSecret(result, TOKEN);
  }

  @Test
  void aBareTokenEchoedInServerInfoAndToolsIsMasked() {
    server.serverName = "echo " + TOKEN;
    server.toolDescription = "called with " + TOKEN;

    ProbeResult result = probe("/mcp", "Authorization", "Bearer " + TOKEN);

    assertEquals(CrawlStatus.OK, result.status(), result.outcome().reason());
    assertEquals("echo [REDACTED]", result.outcome().serverInfo().get("name").asText());
    assertEquals("called with [REDACTED]", result.outcome().tools().get(0).description());
    assertNoSecret(result, TOKEN);
  }

  @Test
  void aBasicPasswordAndACookieValueEchoedAloneAreMasked() {
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString("user:pw-basic-77".getBytes(StandardCharsets.UTF_8));
    server.serverName = "pw-basic-77";
    server.toolDescription = "session cookie-val-55";

    ProbeResult result =
        McpProbe.probe(
            ProbeTarget.url(server.url("/mcp"), ProbeTransport.HTTP)
                .withHeader("Authorization", basic, false)
                .withHeader("Cookie", "sid=cookie-val-55; lang=en", false),
            options());

    assertEquals(CrawlStatus.OK, result.status(), result.outcome().reason());
    assertNoSecret(result, "pw-basic-77");
    assertNoSecret(result, "cookie-val-55");
  }

  @Test
  void aMarkedHeaderValueWithoutAnySchemeIsMasked() {
    server.toolDescription = "key k-plain-31337 accepted";

    ProbeResult result = probe("/mcp", "X-Api-Key", "k-plain-31337");

    assertEquals(CrawlStatus.OK, result.status(), result.outcome().reason());
    assertEquals("key [REDACTED] accepted", result.outcome().tools().get(0).description());
  }

  private ProbeResult probe(String path, String header, String value) {
    return McpProbe.probe(
        ProbeTarget.url(server.url(path), ProbeTransport.HTTP).withHeader(header, value, true),
        options());
  }

  private static ProbeOptions options() {
    return ProbeOptions.defaults().withLimits(FAST).withAllowPrivateNetwork(true);
  }

  /** Every text of the result, as it would be printed or stored. */
  static void assertNoSecret(ProbeResult result, String secret) {
    String all =
        String.join(
            "\n",
            result.outcome().reason(),
            String.valueOf(result.outcome().protocolVersion()),
            Json.write(result.outcome().serverInfo()),
            Json.write(result.outcome().capabilities()),
            String.valueOf(result.outcome().instructions()),
            Json.write(result.outcome().tools().stream().map(t -> t.json()).toList()),
            String.valueOf(result.authResourceMetadata()),
            String.join(" ", result.authScopes()));
    assertFalse(all.contains(secret), all);
  }
}
