package dev.mcprisk.crawler.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PoliteFetcherTest {

  @Test
  void retryAfterReadsSecondsAndHttpDates() {
    assertEquals(TimeUnit.SECONDS.toNanos(7), PoliteFetcher.retryAfterNanos("7"));
    assertEquals(-1, PoliteFetcher.retryAfterNanos(null));
    assertEquals(-1, PoliteFetcher.retryAfterNanos("soon"));
    String inTenSeconds =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(10));
    long nanos = PoliteFetcher.retryAfterNanos(inTenSeconds);
    assertTrue(
        nanos > TimeUnit.SECONDS.toNanos(8) && nanos <= TimeUnit.SECONDS.toNanos(10), "" + nanos);
    assertEquals(0, PoliteFetcher.retryAfterNanos("Wed, 21 Oct 2015 07:28:00 GMT"));
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    assertEquals(2.0, Politeness.DEFAULT.requestsPerSecondPerHost());
    assertEquals(2, Politeness.DEFAULT.concurrentPerHost());
    assertEquals(3, Politeness.DEFAULT.maxRetries());
    assertEquals(500_000_000L, Politeness.DEFAULT.intervalNanos());
    assertEquals(0, Politeness.unthrottled().intervalNanos());
    assertEquals(32L * 1024 * 1024, FetchLimits.DEFAULT.maxBodyBytes());
    assertEquals(Duration.ofSeconds(60), Politeness.DEFAULT.maxRetryAfter());
    assertTrue(FetcherConfig.USER_AGENT.startsWith("mcprisk/"));
    assertTrue(FetcherConfig.USER_AGENT.contains("(+https://"));
  }

  @Test
  void invalidSettingsAreRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new Politeness(0, 1, 0, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ZERO));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new FetchLimits(
                0, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), 0));
  }

  @Test
  void nonHttpUrlIsAnOutcomeNotAnException() {
    try (PoliteFetcher f = new PoliteFetcher(FetcherConfig.defaults(), FetchListener.NONE)) {
      FetchResult r = f.get("npm", URI.create("file:///etc/passwd"));
      assertEquals(FetchOutcome.INVALID_URL, r.outcome());
      assertEquals(0, r.attempts());
    }
  }
}
