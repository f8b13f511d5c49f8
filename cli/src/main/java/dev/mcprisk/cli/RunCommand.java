package dev.mcprisk.cli;

import dev.mcprisk.crawler.mcp.CrawlLimits;
import dev.mcprisk.json.Json;
import dev.mcprisk.pipeline.Pipeline;
import dev.mcprisk.pipeline.PipelineConfig;
import dev.mcprisk.pipeline.RunSummary;
import dev.mcprisk.store.StoreException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mcprisk run}: the whole pipeline once, then a summary. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the whole pipeline once: registry entries, tools (recorded answers, then a live stdio"
          + " crawl of the reference servers), store, classify, index, export; then prints a"
          + " summary.",
      "Writes <home>/catalogue.mv.db, <home>/index/ and <home>/export/."
    })
final class RunCommand implements Callable<Integer> {
  /** Environment variable naming where the reference MCP servers are installed. */
  static final String SERVERS_DIR_ENV = "MCPRISK_SERVERS_DIR";

  @Mixin HomeOption home;

  @Option(
      names = "--offline",
      description =
          "No network and no live crawl: use the bundled registry entries and recorded answers"
              + " only.")
  boolean offline;

  @Option(
      names = "--snapshot",
      paramLabel = "DIR",
      description =
          "Read recorded initialize + tools/list answers from DIR (*.json) instead of the bundled"
              + " ones.")
  Path snapshot;

  @Option(
      names = "--servers-dir",
      paramLabel = "DIR",
      description =
          "Where the pinned reference MCP servers are installed (npm ci --ignore-scripts)."
              + " Default: $"
              + SERVERS_DIR_ENV
              + ", else <home>/servers.")
  Path serversDir;

  @Option(
      names = "--no-sandbox",
      description = "UNSAFE: start stdio servers without bubblewrap (only for packages you trust).")
  boolean noSandbox;

  @Option(names = "--json", description = "Print the summary as JSON instead of text.")
  boolean json;

  @Override
  public Integer call() throws StoreException, IOException {
    Path homeDir = home.resolve();
    if (snapshot != null && !Files.isDirectory(snapshot)) {
      System.err.println("mcprisk: --snapshot " + snapshot + " is not a folder");
      return Main.EXIT_USAGE;
    }
    PipelineConfig config =
        new PipelineConfig(
            homeDir,
            offline,
            snapshot == null ? null : snapshot.toAbsolutePath(),
            resolveServersDir(homeDir),
            !noSandbox,
            CrawlLimits.defaults(),
            "manual");
    PrintStream out = System.out;
    RunSummary summary = new Pipeline(config, System.err, Clock.systemUTC()).run();
    out.println(json ? Json.writePretty(summary) : SummaryPrinter.render(summary));
    out.flush();
    return Main.EXIT_OK;
  }

  private Path resolveServersDir(Path homeDir) {
    if (serversDir != null) {
      return serversDir.toAbsolutePath().normalize();
    }
    String env = System.getenv(SERVERS_DIR_ENV);
    if (env != null && !env.isBlank()) {
      return Path.of(env).toAbsolutePath().normalize();
    }
    return homeDir.resolve("servers");
  }
}
