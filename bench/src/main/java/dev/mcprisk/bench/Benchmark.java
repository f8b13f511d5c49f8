package dev.mcprisk.bench;

import dev.mcprisk.crawler.http.CrawlBudget;
import dev.mcprisk.crawler.http.Politeness;
import dev.mcprisk.crawler.mcp.CrawlLimits;
import dev.mcprisk.crawler.packages.PypiJson;
import dev.mcprisk.files.FileTrees;
import dev.mcprisk.index.CatalogueSearcher;
import dev.mcprisk.index.IndexDefaults;
import dev.mcprisk.index.JudgedQueries;
import dev.mcprisk.index.SearchRequest;
import dev.mcprisk.pipeline.Pipeline;
import dev.mcprisk.pipeline.PipelineConfig;
import dev.mcprisk.pipeline.PipelineLockedException;
import dev.mcprisk.pipeline.RunSummary;
import dev.mcprisk.pipeline.StageTiming;
import dev.mcprisk.pipeline.source.CrawlSession;
import dev.mcprisk.pipeline.source.CrawlSettings;
import dev.mcprisk.pipeline.source.CrawlSourceKind;
import dev.mcprisk.pipeline.source.LiveSources;
import dev.mcprisk.store.RunStatus;
import dev.mcprisk.store.StoreException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One benchmark of the whole nightly pipeline at one catalogue size: generates a {@link
 * SyntheticCatalogue} of N servers, serves it on loopback ({@link LocalWorld}), runs the pipeline
 * against it (registry and remotes crawl, store, classify, index, export), replays the judged
 * search queries on the index, changes a share of the servers and runs the pipeline again
 * incrementally; the figures of both runs make one {@link BenchReport}.
 *
 * <p>Not thread-safe: one benchmark at a time per instance (each run holds the pipeline lock of its
 * folder).
 */
public final class Benchmark {
  /**
   * Warm-up rounds of the judged queries before the measured ones: 3, as the index module's
   * SearchBenchmark (the JIT compiles the query path over the first rounds).
   */
  public static final int SEARCH_WARMUP_ROUNDS = 3;

  /** Rounds of the judged queries measured after the warm-up rounds. */
  public static final int SEARCH_ROUNDS = 5;

  private final long seed;
  private final double changedFraction;
  private final int concurrency;
  private final Path home;
  private final PrintStream progress;
  private final PrintStream crawlProgress;
  private final boolean terminal;

  /**
   * @param seed seed of the generator: the same seed gives the same catalogue
   * @param changedFraction share of servers changed before the incremental run, in (0, 1]
   * @param concurrency MCP servers crawled at once, at least 1
   * @param home where to keep each size's catalogue, index and export ({@code home/servers-N}), or
   *     null for a temporary folder deleted after the benchmark
   * @param progress where the pipeline prints its stage lines (standard error of the CLI)
   * @param crawlProgress where the crawl draws its progress bar or lines, or null for none
   * @param terminal true when {@code crawlProgress} is a terminal (a bar redrawn in place)
   * @throws IllegalArgumentException when {@code changedFraction} or {@code concurrency} is out of
   *     range
   * @throws NullPointerException when {@code progress} is null
   */
  public Benchmark(
      long seed,
      double changedFraction,
      int concurrency,
      Path home,
      PrintStream progress,
      PrintStream crawlProgress,
      boolean terminal) {
    if (!(changedFraction > 0 && changedFraction <= 1)) {
      throw new IllegalArgumentException("changedFraction not in (0, 1]: " + changedFraction);
    }
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency < 1: " + concurrency);
    }
    this.seed = seed;
    this.changedFraction = changedFraction;
    this.concurrency = concurrency;
    this.home = home;
    this.progress = Objects.requireNonNull(progress, "progress == null");
    this.crawlProgress = crawlProgress;
    this.terminal = terminal;
  }

  /**
   * Benchmarks a catalogue of {@code n} servers: the full run, the search replay and the
   * incremental run.
   *
   * @param n servers in the synthetic catalogue, at least 1
   * @return the figures of both runs
   * @throws BenchRunFailedException when a pipeline run did not end SUCCEEDED
   * @throws IOException when the folder, the loopback servers or the index fail
   * @throws StoreException when the catalogue store fails
   * @throws PipelineLockedException when another process holds the folder's pipeline lock
   */
  public BenchReport run(int n)
      throws IOException, StoreException, PipelineLockedException, BenchRunFailedException {
    Path dir =
        home != null ? home.resolve("servers-" + n) : Files.createTempDirectory("mcprisk-bench-");
    Files.createDirectories(dir);
    try (PeakHeap heap = PeakHeap.start()) {
      long started = System.nanoTime();
      SyntheticCatalogue catalogue = SyntheticCatalogue.generate(n, seed);
      try (LocalWorld world = LocalWorld.start(catalogue)) {
        RunSummary full = pipeline(dir, world);
        long fullNanos = System.nanoTime() - started;
        SearchFigures search = search(dir.resolve("index"));
        SyntheticCatalogue next = catalogue.mutate(changedFraction, seed + 1, Instant.now());
        world.switchTo(next);
        long incStarted = System.nanoTime();
        pipeline(dir, world);
        long incNanos = System.nanoTime() - incStarted;
        return report(
            n, full, fullNanos, search, next.changedServers().size(), incNanos, dir, heap);
      }
    } finally {
      if (home == null) {
        FileTrees.deleteQuietly(dir);
      }
    }
  }

  private RunSummary pipeline(Path dir, LocalWorld world)
      throws IOException, StoreException, PipelineLockedException, BenchRunFailedException {
    CrawlSettings settings =
        new CrawlSettings(
            EnumSet.of(CrawlSourceKind.REGISTRY, CrawlSourceKind.REMOTES),
            URI.create(world.registryBaseUrl()),
            null,
            false,
            0,
            false,
            Map.of(),
            List.of(),
            List.of(),
            null,
            PypiJson.DEFAULT_BASE,
            true,
            Politeness.unthrottled(),
            concurrency,
            CrawlSettings.DEFAULT_RECRAWL_AFTER,
            crawlProgress,
            terminal,
            CrawlBudget.DEFAULT,
            null);
    PipelineConfig config =
        new PipelineConfig(
            dir,
            false,
            null,
            dir.resolve("servers"),
            true,
            CrawlLimits.defaults(),
            PipelineConfig.TRIGGER_MANUAL);
    RunSummary summary;
    try (CrawlSession session = new CrawlSession(settings, dir)) {
      summary =
          new Pipeline(
                  config.withSources(LiveSources.forCrawl(session)), progress, Clock.systemUTC())
              .run();
    }
    if (!RunStatus.SUCCEEDED.name().equals(summary.status())) {
      throw new BenchRunFailedException(summary.status());
    }
    return summary;
  }

  private static SearchFigures search(Path indexDir) throws IOException {
    List<String> queries = JudgedQueries.queries();
    try (CatalogueSearcher searcher = CatalogueSearcher.open(indexDir)) {
      for (int round = 0; round < SEARCH_WARMUP_ROUNDS; round++) {
        for (String q : queries) {
          searcher.search(request(q));
        }
      }
      long[] nanos = new long[queries.size() * SEARCH_ROUNDS];
      int i = 0;
      for (int round = 0; round < SEARCH_ROUNDS; round++) {
        for (String q : queries) {
          long start = System.nanoTime();
          searcher.search(request(q));
          nanos[i++] = System.nanoTime() - start;
        }
      }
      return SearchFigures.of(nanos);
    }
  }

  private static SearchRequest request(String query) {
    return SearchRequest.builder(query).limit(IndexDefaults.DEFAULT_LIMIT).facets(true).build();
  }

  private static BenchReport report(
      int n,
      RunSummary full,
      long fullNanos,
      SearchFigures search,
      int changed,
      long incNanos,
      Path dir,
      PeakHeap heap)
      throws IOException {
    long crawlMs = millis(full, "registry") + millis(full, "tools");
    long writeMs = count(full, "tools", "storeMs");
    long storeMs = millis(full, "store") + writeMs;
    BenchStages stages =
        new BenchStages(
            CrawlFigures.of(ms(crawlMs - writeMs), full.servers()),
            StoreFigures.of(ms(storeMs)),
            ClassifyFigures.of(ms(millis(full, "classify")), full.tools()),
            IndexFigures.of(ms(millis(full, "index")), FileTrees.size(dir.resolve("index"))),
            search,
            ExportFigures.of(ms(millis(full, "export")), FileTrees.size(dir.resolve("export"))));
    return new BenchReport(
        n,
        full.tools(),
        fullNanos / 1e9,
        heap.peakBytes(),
        stages,
        IncrementalFigures.of(changed, incNanos));
  }

  private static long ms(long millis) {
    return Duration.ofMillis(Math.max(0, millis)).toNanos();
  }

  private static long millis(RunSummary summary, String stage) {
    return summary.stages().stream()
        .filter(s -> s.stage().equals(stage))
        .mapToLong(StageTiming::millis)
        .sum();
  }

  private static long count(RunSummary summary, String stage, String key) {
    return summary.stages().stream()
        .filter(s -> s.stage().equals(stage))
        .mapToLong(s -> s.counts().getOrDefault(key, 0L))
        .sum();
  }
}
