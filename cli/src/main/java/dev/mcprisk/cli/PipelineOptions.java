package dev.mcprisk.cli;

import dev.mcprisk.crawler.mcp.ClientCapabilities;
import dev.mcprisk.crawler.mcp.CrawlLimits;
import dev.mcprisk.pipeline.PipelineConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The source and lock options shared by {@code run} and {@code schedule}. */
final class PipelineOptions {
  /** Environment variable naming where the reference MCP servers are installed. */
  static final String SERVERS_DIR_ENV = "MCPRISK_SERVERS_DIR";

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

  @Option(
      names = "--client-capabilities",
      paramLabel = "LIST",
      defaultValue = ClientCapabilities.ALL,
      description =
          "Client capabilities each live MCP crawl announces: all (roots, sampling, elicitation,"
              + " as a full client does), none, or a comma-separated list (default:"
              + " ${DEFAULT-VALUE}). Server requests are never honoured (empty roots, sampling"
              + " refused, elicitation declined).")
  String clientCapabilities;

  @Option(
      names = "--wait",
      description =
          "When another process holds the pipeline lock, wait for it (polling every 2 s) instead"
              + " of exiting with status 1.")
  boolean waitForLock;

  /** The usage error to print, or null when the options are consistent. */
  String problem() {
    if (snapshot != null && !Files.isDirectory(snapshot)) {
      return "--snapshot " + snapshot + " is not a folder";
    }
    try {
      ClientCapabilities.parse(clientCapabilities);
    } catch (IllegalArgumentException e) {
      return "--client-capabilities: " + e.getMessage();
    }
    return null;
  }

  PipelineConfig config(Path homeDir, String trigger) {
    return new PipelineConfig(
            homeDir,
            offline,
            snapshot == null ? null : snapshot.toAbsolutePath(),
            resolveServersDir(homeDir),
            !noSandbox,
            CrawlLimits.defaults(),
            trigger,
            waitForLock)
        .withClientCapabilities(ClientCapabilities.parse(clientCapabilities));
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
