package dev.mcprisk.crawler.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CrawlLimitsTest {

  @Test
  void theSevenArgumentConstructorKeepsTheDefaultsOfTheNewerBounds() {
    CrawlLimits limits =
        new CrawlLimits(
            Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), 10, 10, 1, 1);

    assertEquals(CrawlLimits.DEFAULT_CONNECT_TIMEOUT, limits.connectTimeout());
    assertEquals(100, limits.maxJsonDepth());
    assertEquals(4 * 1024 * 1024, limits.maxSseEventBytes());
    assertEquals(8 * 1024, limits.maxStderrBytes());
    assertEquals(1_000, limits.maxNoiseLines());
    assertEquals(CrawlLimits.defaults().maxJsonDepth(), limits.maxJsonDepth());
  }

  @Test
  void aJsonDepthBeyondWhatTheStoreCanReadAgainIsRefused() {
    CrawlLimits d = CrawlLimits.defaults();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new CrawlLimits(
                    d.startupTimeout(),
                    d.requestTimeout(),
                    d.totalTimeout(),
                    d.maxMessageBytes(),
                    d.maxTotalBytes(),
                    d.maxPages(),
                    d.maxTools(),
                    d.connectTimeout(),
                    201,
                    d.maxSseEventBytes(),
                    d.maxStderrBytes(),
                    d.maxNoiseLines()));
    assertEquals("maxJsonDepth not in 1..200: 201", e.getMessage());
  }

  @Test
  void transportsParseFromTheirCliNames() {
    assertEquals(ProbeTransport.HTTP, ProbeTransport.parse("http"));
    assertEquals(ProbeTransport.SSE, ProbeTransport.parse("SSE"));
    assertEquals(ProbeTransport.AUTO, ProbeTransport.parse("auto"));
    assertEquals(
        "transport 'ws' is not one of auto, stdio, http, sse",
        assertThrows(IllegalArgumentException.class, () -> ProbeTransport.parse("ws"))
            .getMessage());
  }
}
