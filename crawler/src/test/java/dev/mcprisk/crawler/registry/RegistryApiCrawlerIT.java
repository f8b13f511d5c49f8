package dev.mcprisk.crawler.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.mcprisk.crawler.http.CollectingFetchListener;
import dev.mcprisk.crawler.http.CrawlBudget;
import dev.mcprisk.crawler.http.FetchLimits;
import dev.mcprisk.crawler.http.FetchOutcome;
import dev.mcprisk.crawler.http.FetchResult;
import dev.mcprisk.crawler.http.FetcherConfig;
import dev.mcprisk.crawler.http.PoliteFetcher;
import dev.mcprisk.crawler.http.Politeness;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.FetchRecord;
import dev.mcprisk.model.ServerEntry;
import dev.mcprisk.store.CatalogueStore;
import dev.mcprisk.store.StoredServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link RegistryApiCrawler} against registry pages built from the real seeds, on loopback. */
class RegistryApiCrawlerIT {
  private static final Politeness FAST =
      new Politeness(
          Politeness.UNLIMITED_RATE,
          4,
          2,
          Duration.ofMillis(10),
          Duration.ofMillis(50),
          Duration.ofSeconds(2));

  private WireMockServer server;
  private final CollectingFetchListener log = new CollectingFetchListener();
  @TempDir Path home;

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

  private RegistryCrawlResult crawl(Instant since, int max) {
    return crawl(since, max, FetchLimits.DEFAULT);
  }

  private RegistryCrawlResult crawl(Instant since, int max, FetchLimits limits) {
    FetcherConfig config =
        FetcherConfig.defaults()
            .withPoliteness(FAST)
            .withLimits(limits)
            .withAllowPrivateNetwork(true);
    try (PoliteFetcher fetcher = new PoliteFetcher(config, log)) {
      return new RegistryApiCrawler(fetcher, URI.create(server.baseUrl() + "/")).crawl(since, max);
    }
  }

  /** Stubs page {@code index} (0 = no cursor; n = cursor "c{n}") answering {@code body}. */
  private void stubPage(int index, String body) {
    server.stubFor(
        pageRequest(index)
            .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(body)));
  }

  private static MappingBuilder pageRequest(int index) {
    return get(urlPathEqualTo("/v0.1/servers"))
        .withQueryParam("cursor", index == 0 ? absent() : equalTo("c" + index));
  }

  /** The old seed's 471 entries in pages of 100, then the current seed's 5 with statuses. */
  private List<JsonNode> servePagesOfBothShapes() {
    List<JsonNode> old = RegistryPages.bundled("seed_2025_05_16.json");
    List<JsonNode> current = RegistryPages.bundled("seed.json");
    List<String> statuses = List.of("active", "active", "deprecated", "active", "deleted");
    List<List<JsonNode>> pages = new ArrayList<>();
    for (int i = 0; i < old.size(); i += RegistryApiCrawler.PAGE_LIMIT) {
      pages.add(
          old.subList(i, Math.min(old.size(), i + RegistryApiCrawler.PAGE_LIMIT)).stream()
              .map(e -> (JsonNode) RegistryPages.wrap(e, "active"))
              .toList());
    }
    List<JsonNode> last = new ArrayList<>();
    for (int i = 0; i < current.size(); i++) {
      last.add(RegistryPages.wrap(current.get(i), statuses.get(i)));
    }
    pages.add(last);
    for (int p = 0; p < pages.size(); p++) {
      // the last page ends the listing with an empty cursor, as the registry does
      stubPage(p, RegistryPages.page(pages.get(p), p + 1 < pages.size() ? "c" + (p + 1) : ""));
    }
    List<JsonNode> all = new ArrayList<>(old);
    all.addAll(current);
    return all;
  }

  @Test
  void crawlsEveryPageOfBothShapesFollowingCursorsAndKeepsDeprecatedAndDeleted() throws Exception {
    List<JsonNode> all = servePagesOfBothShapes();
    // the 2025-05 seed holds 7 entries with a blank name: rejected, the rest goes on
    List<String> expectedNames =
        new ArrayList<>(
            all.stream()
                .map(e -> e.get("name").asText())
                .filter(name -> !name.isBlank())
                .collect(Collectors.toCollection(LinkedHashSet::new)));
    long named = all.stream().filter(e -> !e.get("name").asText().isBlank()).count();

    RegistryCrawlResult result = crawl(null, 0);

    assertTrue(result.complete(), result.failure());
    assertEquals("", result.failure());
    assertEquals(6, result.pages());
    assertEquals(476 - 7, named);
    assertEquals(named, result.entriesRead());
    assertEquals(7, result.rejected().size());
    assertTrue(
        result.rejected().stream().allMatch(r -> r.reason().endsWith("entry has no name")),
        result.rejected().toString());
    assertEquals("page 1: entry has no name", result.rejected().get(0).reason());
    assertEquals(15, result.rejected().get(0).index());
    assertEquals(expectedNames, result.entries().stream().map(ServerEntry::id).toList());
    Map<String, ServerEntry> byId =
        result.entries().stream().collect(Collectors.toMap(ServerEntry::id, Function.identity()));
    assertEquals("deprecated", byId.get("io.github.domdomegg/time-mcp-nuget").status());
    assertEquals("deleted", byId.get("io.github.getcyphrex/cyphrex-mcp").status());
    assertEquals("active", byId.get("io.github.21st-dev/magic-mcp").status());
    assertEquals("1.7.3", byId.get("io.github.domdomegg/airtable-mcp-server").version());
    assertTrue(
        result.entries().stream().allMatch(e -> e.source().equals(RegistryApiCrawler.SOURCE)));
    // old shape read too: its npm package
    assertEquals(
        "@21st-dev/magic", byId.get("io.github.21st-dev/magic-mcp").packages().get(0).identifier());

    server.verify(
        6,
        getRequestedFor(urlPathEqualTo("/v0.1/servers"))
            .withQueryParam("limit", equalTo("100"))
            .withQueryParam("version", equalTo("latest"))
            .withQueryParam("updated_since", absent()));
    for (int p = 1; p < 6; p++) {
      server.verify(
          1,
          getRequestedFor(urlPathEqualTo("/v0.1/servers"))
              .withQueryParam("cursor", equalTo("c" + p)));
    }

    // what the crawl found is what the store keeps, and each page is in the fetch log
    try (CatalogueStore store = CatalogueStore.open(home)) {
      store.upsertServers(result.entries(), null, result.startedAt());
      store.recordFetches(null, log.drain());
      store.recordSourceCrawl(
          RegistryApiCrawler.SOURCE, result.startedAt(), Instant.now(), true, result.entriesRead());
      List<String> stored =
          store.cataloguePage(null, Integer.MAX_VALUE, "any", false).servers().stream()
              .map(StoredServer::entry)
              .map(ServerEntry::id)
              .sorted()
              .toList();
      assertEquals(expectedNames.stream().sorted().toList(), stored);
      List<FetchRecord> fetches = store.fetchLog(false, RegistryApiCrawler.SOURCE, 100);
      assertEquals(6, fetches.size());
      assertTrue(fetches.stream().allMatch(f -> f.outcome().equals("OK") && f.httpStatus() == 200));
      assertEquals(
          result.startedAt().toEpochMilli(),
          store.lastCompleteCrawlStart(RegistryApiCrawler.SOURCE).orElseThrow().toEpochMilli());
      assertEquals(
          "deleted", store.statusHistory("io.github.getcyphrex/cyphrex-mcp").get(0).status());
    }
  }

  @Test
  void incrementalCrawlAsksOnlyForWhatChangedSinceTheGivenTime() {
    List<JsonNode> current = RegistryPages.bundled("seed.json");
    stubPage(0, RegistryPages.page(List.of(RegistryPages.wrap(current.get(4), "deleted")), null));

    RegistryCrawlResult result = crawl(Instant.parse("2026-11-20T10:15:30.123Z"), 0);

    assertTrue(result.complete(), result.failure());
    assertEquals(
        List.of("io.github.getcyphrex/cyphrex-mcp"),
        result.entries().stream().map(ServerEntry::id).toList());
    assertEquals("deleted", result.entries().get(0).status());
    server.verify(
        1,
        getRequestedFor(urlPathEqualTo("/v0.1/servers"))
            .withQueryParam("updated_since", equalTo("2026-11-20T10:15:30Z"))
            .withQueryParam("version", equalTo("latest"))
            .withQueryParam("limit", equalTo("100")));
  }

  private List<JsonNode> firstPageThenCursor2() {
    List<JsonNode> old = RegistryPages.bundled("seed_2025_05_16.json");
    List<JsonNode> first =
        old.subList(0, 100).stream().map(e -> (JsonNode) RegistryPages.wrap(e, "active")).toList();
    stubPage(0, RegistryPages.page(first, "c1"));
    return first;
  }

  @Test
  void pageFailingAfterRetriesEndsTheListingButKeepsEveryEntryAlreadyRead() {
    firstPageThenCursor2();
    server.stubFor(pageRequest(1).willReturn(aResponse().withStatus(500)));

    RegistryCrawlResult result = crawl(null, 0);

    assertFalse(result.complete());
    assertEquals(1, result.pages());
    // the first 100 entries hold 2 without a name
    assertEquals(98, result.entriesRead());
    assertEquals(98, result.entries().size());
    assertEquals(2, result.rejected().size());
    assertTrue(result.failure().startsWith("page 2 (cursor c1): HTTP_ERROR"), result.failure());
    server.verify(
        FAST.maxRetries() + 1,
        getRequestedFor(urlPathEqualTo("/v0.1/servers")).withQueryParam("cursor", equalTo("c1")));
    List<FetchRecord> fetches = log.drain();
    assertEquals(List.of("OK", "HTTP_ERROR"), fetches.stream().map(FetchRecord::outcome).toList());
  }

  @Test
  void garbagePageEndsTheListingButKeepsEveryEntryAlreadyRead() {
    firstPageThenCursor2();
    stubPage(1, "<html>502 Bad Gateway</html>");

    RegistryCrawlResult result = crawl(null, 0);

    assertFalse(result.complete());
    assertEquals(98, result.entriesRead());
    assertTrue(result.failure().startsWith("page 2 (cursor c1): not JSON"), result.failure());
    List<FetchRecord> fetches = log.drain();
    assertEquals(List.of("OK", "REJECTED"), fetches.stream().map(FetchRecord::outcome).toList());
    assertTrue(fetches.get(1).reason().startsWith("not JSON: "), fetches.get(1).reason());
  }

  @Test
  void hugePageIsTooLargeAndEndsTheListingButKeepsEveryEntryAlreadyRead() {
    firstPageThenCursor2();
    stubPage(1, "{\"servers\":[],\"pad\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}");
    FetchLimits oneMiB =
        new FetchLimits(
            1024 * 1024, Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), 5);

    RegistryCrawlResult result = crawl(null, 0, oneMiB);

    assertFalse(result.complete());
    assertEquals(98, result.entriesRead());
    assertTrue(result.failure().startsWith("page 2 (cursor c1): TOO_LARGE"), result.failure());
  }

  @Test
  void badEntriesAreRejectedAndTheRestOfThePageGoesOn() {
    List<JsonNode> current = RegistryPages.bundled("seed.json");
    List<JsonNode> items = new ArrayList<>();
    items.add(RegistryPages.wrap(current.get(2), "active"));
    items.add(RegistryPages.wrap(Json.object().put("description", "no name"), "active"));
    items.add(IntNode.valueOf(42));
    items.add(RegistryPages.wrap(current.get(3), "active"));
    stubPage(0, RegistryPages.page(items, null));

    RegistryCrawlResult result = crawl(null, 0);

    assertTrue(result.complete(), result.failure());
    assertEquals(
        List.of("io.github.domdomegg/time-mcp-nuget", "io.github.domdomegg/time-mcp-pypi"),
        result.entries().stream().map(ServerEntry::id).toList());
    assertEquals(List.of(1, 2), result.rejected().stream().map(RejectedEntry::index).toList());
    assertTrue(
        result.rejected().get(0).reason().startsWith("page 1: "),
        result.rejected().get(0).reason());
  }

  @Test
  void cursorLoopIsStoppedAndKeepsWhatWasRead() {
    firstPageThenCursor2();
    List<JsonNode> current = RegistryPages.bundled("seed.json");
    stubPage(1, RegistryPages.page(List.of(RegistryPages.wrap(current.get(2), "active")), "c1"));

    RegistryCrawlResult result = crawl(null, 0);

    assertFalse(result.complete());
    assertEquals(99, result.entriesRead());
    assertEquals(2, result.pages());
    assertEquals(
        "page 2 (cursor c1): cursor loop: the next cursor c1 was followed before; the listing"
            + " stops here",
        result.failure());
    assertEquals(2, server.getAllServeEvents().size());
    List<FetchRecord> fetches = log.drain();
    assertEquals(List.of("OK", "REJECTED"), fetches.stream().map(FetchRecord::outcome).toList());
    assertEquals(200, fetches.get(1).httpStatus());
  }

  @Test
  void aRepeatedCursorOf6000CharsIsCutInTheCrawlLog() {
    String cursor = "&a." + "b.".repeat(3_000);
    List<JsonNode> current = RegistryPages.bundled("seed.json");
    stubPage(0, RegistryPages.page(List.of(RegistryPages.wrap(current.get(2), "active")), cursor));
    server.stubFor(
        get(urlPathEqualTo("/v0.1/servers"))
            .withQueryParam("cursor", equalTo(cursor))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        RegistryPages.page(
                            List.of(RegistryPages.wrap(current.get(3), "active")), cursor))));

    RegistryCrawlResult result = crawl(null, 0);

    assertFalse(result.complete());
    assertEquals(2, result.entriesRead());
    List<FetchRecord> fetches = log.drain();
    assertEquals(List.of("OK", "REJECTED"), fetches.stream().map(FetchRecord::outcome).toList());
    assertEquals(
        "cursor loop: the next cursor "
            + cursor.substring(0, RegistryApiCrawler.MAX_CURSOR_CHARS_SHOWN)
            + "... was followed before; the listing stops here",
        fetches.get(1).reason());
  }

  @Test
  void maxEntriesStopsEarlyAndTheCrawlIsNotComplete() {
    servePagesOfBothShapes();

    RegistryCrawlResult result = crawl(null, 150);

    assertFalse(result.complete());
    assertEquals(150, result.entriesRead());
    assertEquals(2, result.pages());
    assertEquals("stopped at the limit of 150 entries", result.failure());
    assertEquals(2, server.getAllServeEvents().size());
  }

  @Test
  void streamingCrawlHandsEveryEntryToTheConsumer() {
    servePagesOfBothShapes();
    List<ServerEntry> seen = new ArrayList<>();
    FetcherConfig config =
        FetcherConfig.defaults().withPoliteness(FAST).withAllowPrivateNetwork(true);
    RegistryCrawlResult result;
    try (PoliteFetcher fetcher = new PoliteFetcher(config, log)) {
      result =
          new RegistryApiCrawler(fetcher, URI.create(server.baseUrl())).crawl(null, 0, seen::add);
    }
    assertTrue(result.complete(), result.failure());
    assertEquals(List.of(), result.entries());
    assertEquals(469, result.entriesRead());
    assertEquals(469, seen.size());
  }

  @Test
  void defaultPolicyRefusesALoopbackRegistry() {
    servePagesOfBothShapes();
    try (PoliteFetcher fetcher =
        new PoliteFetcher(FetcherConfig.defaults().withPoliteness(FAST), log)) {
      RegistryCrawlResult result =
          new RegistryApiCrawler(fetcher, URI.create(server.baseUrl())).crawl(null, 0);
      assertFalse(result.complete());
      assertTrue(result.failure().startsWith("page 1: BLOCKED"), result.failure());
    }
    assertEquals(0, server.getAllServeEvents().size());
  }

  /**
   * Stubs an endless listing: every page one fresh entry and a fresh cursor, {@code delayMs} each.
   */
  private void serveEndlessPages(int delayMs) {
    server.stubFor(
        get(urlPathEqualTo("/v0.1/servers"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withFixedDelay(delayMs)
                    .withBody(
                        "{\"servers\":[{\"server\":{\"name\":\"io.github.loop/s-"
                            + "{{randomValue length=12 type='ALPHANUMERIC'}}\",\"version\":\"1\"}}],"
                            + "\"metadata\":{\"nextCursor\":"
                            + "\"{{randomValue length=16 type='ALPHANUMERIC'}}\"}}")
                    .withTransformers("response-template")));
  }

  private PoliteFetcher fastFetcher() {
    return new PoliteFetcher(
        FetcherConfig.defaults().withPoliteness(FAST).withAllowPrivateNetwork(true), log);
  }

  @Test
  void theByteBudgetEndsAnEndlessListingWithBudgetExceededKeepingEveryPageRead() {
    serveEndlessPages(0);
    List<ServerEntry> seen = new ArrayList<>();
    RegistryCrawlResult result;
    try (PoliteFetcher fetcher = fastFetcher()) {
      // each page is 124 bytes: the budget of 1,000 is spent by the 9th page (1,116 bytes)
      CrawlBudget budget = new CrawlBudget(1_000, Duration.ofMinutes(5));
      result =
          new RegistryApiCrawler(fetcher, URI.create(server.baseUrl()), budget)
              .crawl(null, 0, seen::add);
    }

    assertEquals(CrawlEnd.BUDGET_EXCEEDED, result.end(), result.failure());
    assertFalse(result.complete());
    assertEquals(9, result.pages());
    assertEquals(9, seen.size());
    assertEquals(9 * 124, result.bytesRead());
    assertEquals(
        "BUDGET_EXCEEDED: 1116 bytes read in 9 pages, the budget is 1000 bytes per crawl",
        result.failure());
    assertEquals(9, server.getAllServeEvents().size(), "no page fetched past the budget");
  }

  @Test
  void theTimeBudgetEndsAnEndlessListing() {
    serveEndlessPages(50);
    RegistryCrawlResult result;
    long start = System.nanoTime();
    try (PoliteFetcher fetcher = fastFetcher()) {
      CrawlBudget budget = new CrawlBudget(CrawlBudget.DEFAULT_MAX_BYTES, Duration.ofMillis(600));
      result =
          new RegistryApiCrawler(fetcher, URI.create(server.baseUrl()), budget)
              .crawl(null, 0, e -> {});
    }
    long tookMs = Duration.ofNanos(System.nanoTime() - start).toMillis();

    assertEquals(CrawlEnd.BUDGET_EXCEEDED, result.end(), result.failure());
    assertTrue(result.failure().endsWith("the budget is 600 ms per crawl"), result.failure());
    assertTrue(result.pages() >= 1 && result.pages() <= 13, result.pages() + " pages");
    assertTrue(tookMs < 10_000, "took " + tookMs + " ms");
  }

  @Test
  void aStopRequestEndsTheListingBeforeTheNextPageAndCancelsTheFetchInFlight() throws Exception {
    server.stubFor(
        pageRequest(0)
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(RegistryPages.page(List.of(), "slow"))));
    server.stubFor(
        get(urlPathEqualTo("/v0.1/servers"))
            .withQueryParam("cursor", equalTo("slow"))
            .willReturn(aResponse().withFixedDelay(20_000).withBody("{}")));
    AtomicReference<String> stop = new AtomicReference<>();
    CrawlControl control =
        new CrawlControl() {
          @Override
          public String stopReason() {
            return stop.get();
          }
        };
    RegistryCrawlResult result;
    long tookMs;
    try (PoliteFetcher fetcher = fastFetcher()) {
      Thread signal =
          new Thread(
              () -> {
                try {
                  Thread.sleep(500);
                } catch (InterruptedException e) {
                  return;
                }
                stop.set("SIGTERM");
                fetcher.cancel();
              });
      long start = System.nanoTime();
      signal.start();
      result =
          new RegistryApiCrawler(fetcher, URI.create(server.baseUrl()))
              .crawl(null, 0, control, e -> {});
      tookMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
      signal.join();
      FetchResult after =
          fetcher.get("registry-api", URI.create(server.baseUrl() + "/v0.1/servers"));
      assertEquals(FetchOutcome.INTERRUPTED, after.outcome(), "refused after the cancel");
      assertEquals(0, after.attempts());
    }

    assertEquals(CrawlEnd.STOPPED, result.end(), result.failure());
    assertEquals("stopped by SIGTERM during page 2 (cursor slow)", result.failure());
    assertEquals(1, result.pages());
    assertTrue(tookMs < 5_000, "the 20 s page was cancelled after " + tookMs + " ms");
    FetchRecord cut = log.drain().get(1);
    assertEquals("INTERRUPTED", cut.outcome());
    assertEquals(PoliteFetcher.CANCELLED_REASON, cut.reason());
  }
}
