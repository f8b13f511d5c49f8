package dev.mcprisk.cli;

import dev.mcprisk.bench.BenchReport;
import dev.mcprisk.bench.BenchRunFailedException;
import dev.mcprisk.bench.BenchTable;
import dev.mcprisk.bench.Benchmark;
import dev.mcprisk.bench.GrowthPlot;
import dev.mcprisk.pipeline.PipelineLockedException;
import dev.mcprisk.pipeline.source.CrawlSettings;
import dev.mcprisk.store.StoreException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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
  @Spec CommandSpec spec;

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
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (fromJson != null) {
      return summarise(fromJson, out, err);
    }
    if (servers.isEmpty()) {
      err.println("mcprisk: --servers N (or --from-json FILE) is required");
      return Main.EXIT_USAGE;
    }
    for (int n : servers) {
      if (n < 1 || n > 1_000_000) {
        err.println("mcprisk: --servers must be 1 to 1,000,000, not " + n);
        return Main.EXIT_USAGE;
      }
    }
    if (!(changedFraction > 0 && changedFraction <= 1)) {
      err.println("mcprisk: --changed-fraction must be in (0, 1], not " + changedFraction);
      return Main.EXIT_USAGE;
    }
    if (concurrency < 1) {
      err.println("mcprisk: --concurrency must be at least 1");
      return Main.EXIT_USAGE;
    }
    err.printf(
        "mcprisk bench: max heap %d MiB, %d processors%n",
        Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
    PrintStream progress = PrintWriterStream.over(err);
    Benchmark benchmark =
        new Benchmark(
            seed,
            changedFraction,
            concurrency,
            home,
            progress,
            noProgress ? null : progress,
            System.console() != null);
    List<BenchReport> reports = new ArrayList<>();
    for (int n : servers) {
      try {
        reports.add(benchmark.run(n));
      } catch (BenchRunFailedException e) {
        err.println("mcprisk bench: " + e.getMessage());
        return Main.EXIT_FAILURE;
      }
      BenchReport report = reports.get(reports.size() - 1);
      out.println(json ? report.toJsonLine() : BenchTable.text(report));
      out.flush();
    }
    if (plot != null) {
      GrowthPlot.write(reports, plot);
      err.println("mcprisk bench: growth chart written to " + plot);
    }
    if (!json && reports.size() > 1) {
      out.println(BenchTable.markdown(reports));
    }
    return Main.EXIT_OK;
  }

  private Integer summarise(Path file, PrintWriter out, PrintWriter err) throws IOException {
    List<BenchReport> reports = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank()) {
        try {
          reports.add(BenchReport.fromJson(line));
        } catch (RuntimeException e) {
          err.println("mcprisk: " + file + ": not a bench result: " + e.getMessage());
          return Main.EXIT_FAILURE;
        }
      }
    }
    reports.sort(Comparator.comparingInt(BenchReport::servers));
    out.println(BenchTable.markdown(reports));
    if (plot != null) {
      GrowthPlot.write(reports, plot);
      err.println("mcprisk bench: growth chart written to " + plot);
    }
    return Main.EXIT_OK;
  }
}
