package dev.mcprisk.cli;

import dev.mcprisk.bench.BenchReport;
import dev.mcprisk.bench.BenchStages;
import dev.mcprisk.bench.BenchTable;
import dev.mcprisk.bench.ClassifyFigures;
import dev.mcprisk.bench.CrawlFigures;
import dev.mcprisk.bench.ExportFigures;
import dev.mcprisk.bench.GrowthPlot;
import dev.mcprisk.bench.IncrementalFigures;
import dev.mcprisk.bench.IndexFigures;
import dev.mcprisk.bench.LocalWorld;
import dev.mcprisk.bench.PeakHeap;
import dev.mcprisk.bench.SearchFigures;
import dev.mcprisk.bench.StoreFigures;
import dev.mcprisk.bench.SyntheticCatalogue;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mcprisk bench}: the whole nightly pipeline against a synthetic catalogue served on
 * loopback, then again after 1 % of the servers changed, with figures per stage.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Generates a deterministic synthetic catalogue of N servers from the bundled real tool"
          + " definitions, serves it on loopback (an MCP Registry API and one Streamable HTTP MCP"
          + " server per entry), runs the whole pipeline against it (crawl of the registry and"
          + " the remotes, store, classify, index, export), replays the judged search queries,"
          + " then changes a share of the servers and runs again incrementally.",
      "Prints a table (or --json). Run it with the heap you want to measure, e.g."
          + " MCPRISK_JAVA_OPTS=-Xmx1g ./mcprisk bench --servers 43000. Several --servers values"
          + " run one after the other; --plot writes their growth chart (PNG)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every run SUCCEEDED", "1:a run failed", "2:usage error"})
final class BenchCommand implements Callable<Integer> {
  /**
   * Warm-up rounds of the judged queries before the measured ones: 3, as the index module's
   * SearchBenchmark (the JIT compiles the query path over the first rounds).
   */
  static final int SEARCH_WARMUP_ROUNDS = 3;

  /** Rounds of the judged queries measured after the warm-up rounds. */
  static final int SEARCH_ROUNDS = 5;

  @Option(
      names = "--servers",
      paramLabel = "N",
      split = ",",
      description = "Servers in the synthetic catalogue; several values (1000,5000) run in turn.")
  List<Integer> servers = new ArrayList<>();

  @Option(
      names = "--from-json",
      paramLabel = "FILE",
      description =
          "Run nothing: read earlier --json results (one per line) from FILE and print their"
              + " growth table (Markdown), and the chart with --plot.")
  Path fromJson;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "1",
      description = "Seed of the generator: the same seed gives the same catalogue (default 1).")
  long seed;

  @Option(
      names = "--changed-fraction",
      paramLabel = "F",
      defaultValue = "0.01",
      description = "Share of servers changed before the incremental run (default 0.01).")
  double changedFraction;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      defaultValue = "" + CrawlSettings.DEFAULT_CONCURRENCY,
      description = "MCP servers crawled at once (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(
      names = "--home",
      paramLabel = "DIR",
      description =
          "Keep the benchmark's catalogue, index and export in DIR/servers-N (use a fresh DIR:"
              + " an earlier benchmark there makes the first run incremental). Default: a"
              + " temporary folder, deleted at the end.")
  Path home;

  @Option(names = "--plot", paramLabel = "PNG", description = "Write the growth chart here.")
  Path plot;

  @Option(names = "--no-progress", description = "No crawl progress bar or lines on stderr.")
  boolean noProgress;

  @Option(
      names = "--json",
      description =
          "Print {\"servers\", \"tools\", \"totalSeconds\", \"peakHeapBytes\", \"stages\":"
              + " {\"crawl\", \"store\", \"classify\", \"index\", \"search\", \"export\"},"
              + " \"incremental\"}, one object per line for several --servers values.")
  boolean json;

  @Override
  public Integer call() throws IOException, StoreException, PipelineLockedException {
    if (fromJson != null) {
      return summarise(fromJson);
    }
    if (servers.isEmpty()) {
      System.err.println("mcprisk: --servers N (or --from-json FILE) is required");
      return Main.EXIT_USAGE;
    }
    for (int n : servers) {
      if (n < 1 || n > 1_000_000) {
        System.err.println("mcprisk: --servers must be 1 to 1,000,000, not " + n);
        return Main.EXIT_USAGE;
      }
    }
    if (!(changedFraction > 0 && changedFraction <= 1)) {
      System.err.println("mcprisk: --changed-fraction must be in (0, 1], not " + changedFraction);
      return Main.EXIT_USAGE;
    }
    if (concurrency < 1) {
      System.err.println("mcprisk: --concurrency must be at least 1");
      return Main.EXIT_USAGE;
    }
    System.err.printf(
        "mcprisk bench: max heap %d MiB, %d processors%n",
        Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
    List<BenchReport> reports = new ArrayList<>();
    for (int n : servers) {
      BenchReport report = runOne(n);
      if (report == null) {
        return Main.EXIT_FAILURE;
      }
      reports.add(report);
      PrintStream out = System.out;
      out.println(json ? report.toJsonLine() : BenchTable.text(report));
      out.flush();
    }
    if (plot != null) {
      GrowthPlot.write(reports, plot);
      System.err.println("mcprisk bench: growth chart written to " + plot);
    }
    if (!json && reports.size() > 1) {
      System.out.println(BenchTable.markdown(reports));
    }
    return Main.EXIT_OK;
  }

  private Integer summarise(Path file) throws IOException {
    List<BenchReport> reports = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank()) {
        try {
          reports.add(BenchReport.fromJson(line));
        } catch (RuntimeException e) {
          System.err.println("mcprisk: " + file + ": not a bench result: " + e.getMessage());
          return Main.EXIT_FAILURE;
        }
      }
    }
    reports.sort(Comparator.comparingInt(BenchReport::servers));
    System.out.println(BenchTable.markdown(reports));
    if (plot != null) {
      GrowthPlot.write(reports, plot);
      System.err.println("mcprisk bench: growth chart written to " + plot);
    }
    return Main.EXIT_OK;
  }

  private BenchReport runOne(int n) throws IOException, StoreException, PipelineLockedException {
    Path dir =
        home != null ? home.resolve("servers-" + n) : Files.createTempDirectory("mcprisk-bench-");
    Files.createDirectories(dir);
    try (PeakHeap heap = PeakHeap.start()) {
      long started = System.nanoTime();
      SyntheticCatalogue catalogue = SyntheticCatalogue.generate(n, seed);
      try (LocalWorld world = LocalWorld.start(catalogue)) {
        RunSummary full = run(dir, world);
        if (full == null) {
          return null;
        }
        long fullNanos = System.nanoTime() - started;
        SearchFigures search = search(dir.resolve("index"));
        SyntheticCatalogue next = catalogue.mutate(changedFraction, seed + 1, Instant.now());
        world.switchTo(next);
        long incStarted = System.nanoTime();
        RunSummary incremental = run(dir, world);
        if (incremental == null) {
          return null;
        }
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

  private RunSummary run(Path dir, LocalWorld world)
      throws IOException, StoreException, PipelineLockedException {
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
            noProgress ? null : System.err,
            System.console() != null,
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
                  config.withSources(LiveSources.forCrawl(session)), System.err, Clock.systemUTC())
              .run();
    }
    if (!RunStatus.SUCCEEDED.name().equals(summary.status())) {
      System.err.println("mcprisk bench: the run ended " + summary.status());
      return null;
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
