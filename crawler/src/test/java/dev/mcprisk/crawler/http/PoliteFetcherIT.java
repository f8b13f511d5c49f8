package dev.mcprisk.crawler.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.sun.net.httpserver.HttpServer;
import dev.mcprisk.crawler.net.AddressPolicy;
import dev.mcprisk.model.FetchRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PoliteFetcher} against WireMock (and a JDK HttpServer) on loopback. */
class PoliteFetcherIT {
  /** Fast retries so the suite stays quick: 3 retries, 20 ms doubling up to 100 ms. */
  private static final Politeness FAST_RETRIES =
      new Politeness(
          Politeness.UNLIMITED_RATE,
          8,
          3,
          Duration.ofMillis(20),
          Duration.ofMillis(100),
          Duration.ofSeconds(5));

  private WireMockServer server;
  private final CollectingFetchListener log = new CollectingFetchListener();
  @TempDir Path cacheDir;

  @BeforeEach
  void start() {
    server =
        new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private FetcherConfig config(Politeness politeness) {
    return FetcherConfig.defaults().withPoliteness(politeness).withAllowPrivateNetwork(true);
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  @Test
  void okAnswerCarriesBodyContentTypeAndUserAgentAndIsLoggedOnce() {
    server.stubFor(
        get(urlPathEqualTo("/p"))
            .willReturn(
                aResponse().withHeader("Content-Type", "application/json").withBody("{\"a\":1}")));
    try (PoliteFetcher f = new PoliteFetcher(config(FAST_RETRIES), log)) {
      FetchResult r = f.get("npm", url("/p?access_token=s3cret&x=1"));
      assertEquals(FetchOutcome.OK, r.outcome(), r.reason());
      assertEquals("{\"a\":1}", r.text());
      assertEquals("application/json", r.contentType());
      assertEquals(1, r.attempts());
      assertFalse(r.fromCache());
    }
    server.verify(
        getRequestedFor(urlPathEqualTo("/p"))
            .withHeader("User-Agent", equalTo(FetcherConfig.USER_AGENT)));
    List<FetchRecord> records = log.drain();
    assertEquals(1, records.size());
    FetchRecord rec = records.get(0);
    assertEquals("npm", rec.source());
    assertEquals("OK", rec.outcome());
    assertEquals(7, rec.bytes());
    assertEquals(url("/p?access_token=[REDACTED]&x=1").toString(), rec.url());
  }

  @Test
  void tooManyRequestsWithRetryAfterOneSecondIsRetriedAfterAtLeastOneSecond() {
    server.stubFor(
        get("/r")
            .inScenario("429")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
            .willSetStateTo("again"));
    server.stubFor(
        get("/r")
            .inScenario("429")
            .whenScenarioStateIs("again")
            .willReturn(aResponse().withBody("ok")));
    try (PoliteFetcher f = new PoliteFetcher(config(FAST_RETRIES), log)) {
      FetchResult r = f.get("registry-api", url("/r"));
      assertEquals(FetchOutcome.OK, r.outcome(), r.reason());
      assertEquals(2, r.attempts());
      assertTrue(r.durationMs() >= 1000, "waited " + r.durationMs() + " ms");
    }
    List<Long> times =
        server.getAllServeEvents().stream()
            .map(e -> e.getRequest().getLoggedDate().getTime())
            .sorted()
            .toList();
    assertEquals(2, times.size());
    assertTrue(times.get(1) - times.get(0) >= 1000, "requests " + times);
  }

  @Test
  void retryAfterLongerThanHonouredEndsAsRateLimitedWithoutWaiting() {
    server.stubFor(
        get("/r").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));
    try (PoliteFetcher f = new PoliteFetcher(config(FAST_RETRIES), log)) {
      FetchResult r = f.get("registry-api", url("/r"));
      assertEquals(FetchOutcome.RATE_LIMITED, r.outcome());
      assertEquals(1, r.attempts());
      assertTrue(r.reason().contains("Retry-After of 3600 s"), r.reason());
      assertTrue(r.durationMs() < 1000);
    }
  }

  @Test
  void serviceUnavailableIsRetriedWithBackoffUntilItAnswers() {
    server.stubFor(
        get("/s")
            .inScenario("503")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("second"));
    server.stubFor(
        get("/s")
            .inScenario("503")
            .whenScenarioStateIs("second")
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("up"));
    server.stubFor(
        get("/s")
            .inScenario("503")
            .whenScenarioStateIs("up")
            .willReturn(aResponse().withBody("up")));
    try (PoliteFetcher f = new PoliteFetcher(config(FAST_RETRIES), log)) {
      FetchResult r = f.get("npm", url("/s"));
      assertEquals(FetchOutcome.OK, r.outcome(), r.reason());
      assertEquals("up", r.text());
      assertEquals(3, r.attempts());
    }
    assertEquals(3, server.getAllServeEvents().size());
  }

  @Test
  void serverErrorsGiveUpAfterMaxRetriesAndKeepTheStatus() {
    server.stubFor(get("/e").willReturn(aResponse().withStatus(500).withBody("boom")));
    try (PoliteFetcher f = new PoliteFetcher(config(FAST_RETRIES), log)) {
      FetchResult r = f.get("npm", url("/e"));
      assertEquals(FetchOutcome.HTTP_ERROR, r.outcome());
      assertEquals(500, r.httpStatus());
      assertEquals(FAST_RETRIES.maxRetries() + 1, r.attempts());
      assertEquals(0, r.body().length);
      assertTrue(r.reason().contains("after 4 attempts"), r.reason());
    }
    assertEquals(FAST_RETRIES.maxRetries() + 1, server.getAllServeEvents().size());
    FetchRecord rec = log.drain().get(0);
    assertEquals(4, rec.attempts());
    assertTrue(rec.failed());
  }

  @Test
  void notFoundIsNotRetried() {
    server.stubFor(get("/gone").willReturn(aResponse().withStatus(404)));
    try (PoliteFetcher f = new PoliteFetcher(config(FAST_RETRIES), log)) {
      FetchResult r = f.get("pypi", url("/gone"));
      assertEquals(FetchOutcome.NOT_FOUND, r.outcome());
      assertEquals(1, r.attempts());
    }
    assertEquals(1, server.getAllServeEvents().size());
  }

  @Test
  void slowBodyTimesOut() {
    server.stubFor(
        get("/slow")
            .willReturn(aResponse().withBody("x".repeat(1000)).withChunkedDribbleDelay(4, 4000)));
    FetchLimits limits =
        new FetchLimits(
            FetchLimits.DEFAULT_MAX_BODY_BYTES,
            Duration.ofSeconds(2),
            Duration.ofMillis(300),
            Duration.ofSeconds(5),
            5);
    try (PoliteFetcher f =
        new PoliteFetcher(config(FAST_RETRIES.withMaxRetries(0)).withLimits(limits), log)) {
      FetchResult r = f.get("readme", url("/slow"));
      assertEquals(FetchOutcome.TIMEOUT, r.outcome(), r.reason());
      // the 300 ms read timeout, not the 5 s call timeout, ended it
      assertTrue(r.durationMs() < 3500, "took " + r.durationMs() + " ms");
    }
  }

  @Test
  void slowFirstByteRunsIntoTheCallTimeout() {
    server.stubFor(get("/late").willReturn(aResponse().withBody("late").withFixedDelay(3000)));
    FetchLimits limits =
        new FetchLimits(
            FetchLimits.DEFAULT_MAX_BODY_BYTES,
            Duration.ofSeconds(2),
            Duration.ofSeconds(10),
            Duration.ofMillis(400),
            5);
    try (PoliteFetcher f =
        new PoliteFetcher(config(FAST_RETRIES.withMaxRetries(1)).withLimits(limits), log)) {
      FetchResult r = f.get("readme", url("/late"));
      assertEquals(FetchOutcome.TIMEOUT, r.outcome(), r.reason());
      assertEquals(2, r.attempts());
    }
  }

  @Test
  void declaredHugeBodyIsTooLargeWithoutReadingIt() {
    server.stubFor(get("/big").willReturn(aResponse().withBody(new byte[3 * 1024 * 1024])));
    try (PoliteFetcher f =
        new PoliteFetcher(config(FAST_RETRIES).withLimits(small(1024 * 1024)), log)) {
      FetchResult r = f.get("npm", url("/big"));
      assertEquals(FetchOutcome.TOO_LARGE, r.outcome(), r.reason());
      assertEquals(1, r.attempts());
    }
    assertTrue(log.drain().get(0).bytes() <= 1024 * 1024 + PoliteFetcher.READ_CHUNK_BYTES);
  }

  @Test
  void endlessBodyWithoutLengthStopsAtTheCap() throws Exception {
    // a chunked body that never ends: only a fetcher that stops reading at the cap returns
    HttpServer endless = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    endless.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(200, 0);
          byte[] chunk = new byte[64 * 1024];
          try (OutputStream out = exchange.getResponseBody()) {
            while (true) {
              out.write(chunk);
            }
          } catch (IOException expected) {
            // the client hung up
          }
        });
    endless.setExecutor(Executors.newCachedThreadPool());
    endless.start();
    try (PoliteFetcher f =
        new PoliteFetcher(config(FAST_RETRIES).withLimits(small(2 * 1024 * 1024)), log)) {
      FetchResult r =
          f.get("npm", URI.create("http://127.0.0.1:" + endless.getAddress().getPort() + "/"));
      assertEquals(FetchOutcome.TOO_LARGE, r.outcome(), r.reason());
      assertEquals(0, r.body().length);
      long read = log.drain().get(0).bytes();
      assertTrue(
          read > 2 * 1024 * 1024 && read <= 2 * 1024 * 1024 + PoliteFetcher.READ_CHUNK_BYTES,
          "read " + read);
    } finally {
      endless.stop(0);
    }
  }

  private static FetchLimits small(long maxBytes) {
    return new FetchLimits(
        maxBytes, Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), 5);
  }

  @Test
  void secondGetRevalidatesWithIfNoneMatchAndServesTheCachedBodyOn304() {
    server.stubFor(
        get("/pkg")
            .withHeader("If-None-Match", absent())
            .willReturn(
                aResponse()
                    .withHeader("ETag", "\"v1\"")
                    .withHeader("Cache-Control", "no-cache")
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"name\":\"pkg\"}")));
    server.stubFor(
        get("/pkg")
            .withHeader("If-None-Match", equalTo("\"v1\""))
            .willReturn(aResponse().withStatus(304)));
    try (PoliteFetcher f = new PoliteFetcher(config(FAST_RETRIES).withCache(cacheDir), log)) {
      FetchResult first = f.get("npm", url("/pkg"));
      assertEquals(FetchOutcome.OK, first.outcome(), first.reason());
      assertFalse(first.fromCache());
      FetchResult second = f.get("npm", url("/pkg"));
      assertEquals(FetchOutcome.NOT_MODIFIED, second.outcome(), second.reason());
      assertTrue(second.fromCache());
      assertEquals(304, second.httpStatus());
      assertArrayEquals(first.body(), second.body());
      assertTrue(second.ok());
    }
    server.verify(
        1, getRequestedFor(urlEqualTo("/pkg")).withHeader("If-None-Match", equalTo("\"v1\"")));
    List<FetchRecord> records = log.drain();
    assertEquals(List.of(false, true), records.stream().map(FetchRecord::fromCache).toList());
    assertFalse(records.get(1).failed());
  }

  @Test
  void redirectsAreFollowedAndCapped() {
    for (int i = 0; i < 10; i++) {
      server.stubFor(
          get("/hop" + i)
              .willReturn(aResponse().withStatus(302).withHeader("Location", "/hop" + (i + 1))));
    }
    server.stubFor(
        get("/hop2").willReturn(aResponse().withStatus(301).withHeader("Location", "/hop3")));
    server.stubFor(get("/hop10").willReturn(aResponse().withBody("landed")));
    try (PoliteFetcher f = new PoliteFetcher(config(FAST_RETRIES), log)) {
      FetchResult r = f.get("readme", url("/hop7"));
      assertEquals(FetchOutcome.OK, r.outcome(), r.reason());
      assertEquals(url("/hop10"), r.url());
      assertEquals("landed", r.text());
      assertEquals(1, r.attempts());
      FetchResult capped = f.get("readme", url("/hop0"));
      assertEquals(FetchOutcome.TOO_MANY_REDIRECTS, capped.outcome());
    }
    server.verify(0, getRequestedFor(urlEqualTo("/hop6")).withHeader("User-Agent", absent()));
    // /hop0 .. /hop5: the first request and 5 redirects; the 6th redirect is not followed
    server.verify(1, getRequestedFor(urlEqualTo("/hop5")));
    server.verify(0, getRequestedFor(urlEqualTo("/hop6")));
  }

  @Test
  void redirectLoopIsStopped() {
    server.stubFor(get("/a").willReturn(aResponse().withStatus(307).withHeader("Location", "/b")));
    server.stubFor(get("/b").willReturn(aResponse().withStatus(307).withHeader("Location", "/a")));
    try (PoliteFetcher f = new PoliteFetcher(config(FAST_RETRIES), log)) {
      FetchResult r = f.get("readme", url("/a"));
      assertEquals(FetchOutcome.REDIRECT_LOOP, r.outcome(), r.reason());
    }
    assertEquals(2, server.getAllServeEvents().size());
  }

  @Test
  void loopbackIsBlockedByDefaultAndSoIsARedirectToIt() {
    server.stubFor(
        get("/go")
            .willReturn(
                aResponse()
                    .withStatus(302)
                    .withHeader("Location", "http://127.0.0.1:" + server.port() + "/inside")));
    server.stubFor(get("/inside").willReturn(aResponse().withBody("secret")));
    FetcherConfig defaults = FetcherConfig.defaults().withPoliteness(FAST_RETRIES);
    try (PoliteFetcher f = new PoliteFetcher(defaults, log)) {
      FetchResult direct = f.get("readme", url("/inside"));
      assertEquals(FetchOutcome.BLOCKED, direct.outcome(), direct.reason());
      assertEquals(0, direct.attempts());
    }
    // "localhost" is trusted by name (as a mirror host would be); its redirect to an IP is not
    AddressPolicy trustLocalhost = AddressPolicy.publicOnly().allowingHosts(Set.of("localhost"));
    try (PoliteFetcher f = new PoliteFetcher(defaults, log, trustLocalhost)) {
      FetchResult r = f.get("readme", URI.create("http://localhost:" + server.port() + "/go"));
      assertEquals(FetchOutcome.BLOCKED, r.outcome(), r.reason());
      assertTrue(r.reason().startsWith("redirect to "), r.reason());
    }
    server.verify(1, getRequestedFor(urlEqualTo("/go")));
    server.verify(0, getRequestedFor(urlEqualTo("/inside")));
  }

  @Test
  void twoRequestsPerSecondPerHostStartHalfASecondApart() throws Exception {
    server.stubFor(get(urlPathEqualTo("/polite")).willReturn(aResponse().withBody("ok")));
    Politeness polite = Politeness.DEFAULT;
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try (PoliteFetcher f = new PoliteFetcher(config(polite), log)) {
      List<Future<FetchResult>> results = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        int n = i;
        results.add(pool.submit(() -> f.get("registry-api", url("/polite?n=" + n))));
      }
      for (Future<FetchResult> r : results) {
        assertEquals(FetchOutcome.OK, r.get().outcome());
      }
    } finally {
      pool.shutdownNow();
    }
    List<Long> served =
        server.getAllServeEvents().stream()
            .map(e -> e.getRequest().getLoggedDate().getTime())
            .sorted()
            .toList();
    assertEquals(6, served.size());
    // Starts are 500 ms apart at the client. The server logs arrival, which a busy machine can
    // delay by a few hundred ms (the first request also opens the connection), so one gap may
    // shrink while the next grows: each gap is asserted loosely, the whole span tightly (without
    // the limit, 6 requests at 2 at once arrive within a few ms).
    for (int i = 1; i < served.size(); i++) {
      long gap = served.get(i) - served.get(i - 1);
      assertTrue(gap >= 100, "requests " + (i - 1) + " and " + i + " were " + gap + " ms apart");
    }
    long span = served.get(5) - served.get(0);
    assertTrue(span >= 2000, "6 requests within " + span + " ms");
  }

  @Test
  void concurrencyPerHostNeverExceedsTheLimit() throws Exception {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    HttpServer slow = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    slow.createContext(
        "/",
        exchange -> {
          int now = inFlight.incrementAndGet();
          most.accumulateAndGet(now, Math::max);
          try {
            Thread.sleep(250);
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            inFlight.decrementAndGet();
            exchange.close();
          }
        });
    ExecutorService serverThreads = Executors.newCachedThreadPool();
    slow.setExecutor(serverThreads);
    slow.start();
    Politeness twoAtOnce =
        new Politeness(
            Politeness.UNLIMITED_RATE,
            2,
            0,
            Duration.ofMillis(10),
            Duration.ofMillis(10),
            Duration.ZERO);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (PoliteFetcher f = new PoliteFetcher(config(twoAtOnce), log)) {
      List<Future<FetchResult>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        int n = i;
        results.add(
            pool.submit(
                () ->
                    f.get(
                        "npm",
                        URI.create("http://127.0.0.1:" + slow.getAddress().getPort() + "/" + n),
                        Map.of("Accept", "text/plain"))));
      }
      for (Future<FetchResult> r : results) {
        assertEquals(FetchOutcome.OK, r.get().outcome());
      }
    } finally {
      pool.shutdownNow();
      slow.stop(0);
      serverThreads.shutdownNow();
    }
    assertEquals(2, most.get(), "most requests in flight at once");
  }
}
