package dev.mcprisk.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.FetchRecord;
import dev.mcprisk.store.CatalogueStore;
import dev.mcprisk.store.RunRecord;
import dev.mcprisk.store.RunStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry that hands out a fresh cursor on every page, forever (one entry a page, 200 ms a
 * page), served by WireMock on loopback to the real jar: SIGTERM ends the crawl INTERRUPTED within
 * 25 s with the lock free and the fetch log of the pages fetched kept; the crawl budget ends it by
 * itself with BUDGET_EXCEEDED.
 */
class CrawlStopIT {
  private static final String OFFICIAL = "io.modelcontextprotocol.registry/official";

  /** Pages the endless registry serves before the test signals the crawl. */
  private static final int PAGES_BEFORE_SIGNAL = 5;

  @TempDir Path home;
  private WireMockServer server;

  @BeforeEach
  void start() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    server.stubFor(
        get(urlPathEqualTo("/v0.1/servers"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withFixedDelay(200)
                    .withBody(
                        "{\"servers\":[{\"server\":{\"name\":\"io.github.loop/server-"
                            + "{{randomValue length=12 type='ALPHANUMERIC'}}\","
                            + "\"description\":\"one of many\",\"version\":\"1.0.0\"},"
                            + "\"_meta\":{\""
                            + OFFICIAL
                            + "\":{\"status\":\"active\"}}}],"
                            + "\"metadata\":{\"count\":1,\"nextCursor\":"
                            + "\"{{randomValue length=16 type='ALPHANUMERIC'}}\"}}")
                    .withTransformers("response-template")));
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void sigtermEndsAnEndlessCrawlInterruptedWithinTheGraceKeepingTheFetchLogAndFreeingTheLock()
      throws Exception {
    int served;
    try (CliDaemon crawl = CliDaemon.start(crawlArgs())) {
      awaitPages(PAGES_BEFORE_SIGNAL, crawl);
      long signalled = System.nanoTime();
      crawl.sigterm();
      int exit = crawl.awaitExit(Duration.ofSeconds(25));
      long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled);
      served = pagesServed();
      assertEquals(143, exit, crawl.output());
      assertTrue(tookMs < 25_000, "exited " + tookMs + " ms after SIGTERM");
      assertFalse(crawl.stderr().contains("no safe point"), crawl.output());
    }
    try (CatalogueStore store = CatalogueStore.open(home)) {
      RunRecord run = store.runs(1).get(0);
      assertEquals(RunStatus.INTERRUPTED, run.status(), run.toString());
      assertTrue(run.error().contains("SIGTERM"), run.error());
      assertTrue(store.pipelineLock().isEmpty(), "lock released on the way out");
      List<FetchRecord> fetches = store.fetchLog(false, "registry-api", 10_000);
      // every page served is in the log; the one in flight at the signal may be cut (INTERRUPTED)
      assertTrue(
          fetches.size() >= served - 1 && fetches.size() <= served + 1,
          fetches.size() + " fetch-log rows for " + served + " pages served");
      assertTrue(fetches.size() >= PAGES_BEFORE_SIGNAL, fetches.toString());
      assertTrue(store.counts().servers() >= PAGES_BEFORE_SIGNAL - 1, "entries read are kept");
    }
    CliProcess.Result next = CliProcess.run(crawlArgs("--crawl-max-time", "2s"));
    assertEquals(0, next.exitCode(), next.stderr());
    assertFalse(next.stderr().contains("locked"), next.stderr());
    assertFalse(next.stderr().contains("took over"), "the lock was not stale: " + next.stderr());
  }

  @Test
  void theTimeBudgetEndsAnEndlessCrawlWithBudgetExceededAndKeepsWhatItRead() throws Exception {
    long started = System.nanoTime();
    CliProcess.Result result = CliProcess.run(crawlArgs("--crawl-max-time", "4s"));
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

    assertEquals(0, result.exitCode(), result.stderr());
    assertTrue(tookMs < 60_000, "took " + tookMs + " ms");
    JsonNode summary = Json.parse(result.stdout());
    assertEquals("SUCCEEDED", summary.get("status").asText(), result.stdout());
    JsonNode failures = summary.get("failures");
    assertEquals(1, failures.size(), failures.toString());
    String reason = failures.get(0).get("reason").asText();
    assertTrue(reason.startsWith("BUDGET_EXCEEDED: "), reason);
    assertTrue(reason.endsWith("the budget is 4000 ms per crawl"), reason);
    int served = pagesServed();
    // at least 200 ms a page: at most 20 pages in 4 s, and one more that started before the end
    assertTrue(served >= 1 && served <= 21, served + " pages in 4 s at 200 ms a page");
    assertEquals(served, summary.get("servers").asInt(), "every page's entry kept");
    try (CatalogueStore store = CatalogueStore.open(home)) {
      assertEquals(served, store.fetchLog(false, "registry-api", 10_000).size());
    }
  }

  @Test
  void aByteBudgetOrTimeThatIsNotPositiveIsAUsageError() throws Exception {
    CliProcess.Result bytes = CliProcess.run(crawlArgs("--crawl-max-bytes", "0MiB"));
    assertEquals(2, bytes.exitCode(), bytes.stderr());
    // picocli's ByteSizeConverter message names the option and the value
    assertTrue(
        bytes
            .stderr()
            .contains("Invalid value for option '--crawl-max-bytes': 0MiB is not a positive size"),
        bytes.stderr());
    CliProcess.Result time = CliProcess.run(crawlArgs("--crawl-max-time", "soon"));
    assertEquals(2, time.exitCode(), time.stderr());
    assertTrue(
        time.stderr()
            .contains(
                "Invalid value for option '--crawl-max-time': soon is not a positive duration"),
        time.stderr());
    assertEquals(0, pagesServed());
  }

  private String[] crawlArgs(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "crawl",
                "--home",
                home.toString(),
                "--source",
                "registry",
                "--registry-url",
                server.baseUrl(),
                "--allow-private-network",
                "--no-politeness",
                "--no-progress",
                "--json"));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  private int pagesServed() {
    return server.getAllServeEvents().size();
  }

  private void awaitPages(int pages, CliDaemon crawl) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (pagesServed() < pages) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("only " + pagesServed() + " pages served; " + crawl.output());
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
  }
}
