package dev.mcprisk.cli;

import dev.mcprisk.crawler.http.CrawlBudget;
import dev.mcprisk.crawler.http.Politeness;
import dev.mcprisk.crawler.packages.LaunchConfig;
import dev.mcprisk.crawler.packages.LaunchConfigException;
import dev.mcprisk.crawler.packages.PypiJson;
import dev.mcprisk.crawler.registry.RegistryApiCrawler;
import dev.mcprisk.pipeline.source.CrawlSettings;
import dev.mcprisk.pipeline.source.CrawlSourceKind;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;

/** The live-source options shared by {@code crawl}, {@code run} and {@code schedule}. */
final class CrawlOptions {
  /** Most bytes of a --secrets-file. */
  static final long MAX_SECRETS_FILE_BYTES = 64 * 1024;

  @Option(
      names = "--source",
      paramLabel = "NAME",
      split = ",",
      description =
          "Live sources to read: registry (the MCP Registry API), npm, pypi, readme (tools"
              + " documented in READMEs, for servers with no tools/list answer), remotes"
              + " (tools/list over HTTP of entries with remotes), or all. Repeatable or"
              + " comma-separated.")
  List<String> sources = new ArrayList<>();

  @Option(
      names = "--since",
      paramLabel = "DATE",
      description =
          "Ask the registry only for entries updated since DATE (2026-11-01 or"
              + " 2026-11-01T00:00:00Z). Default: the start of the last complete registry crawl"
              + " (everything on the first).")
  String since;

  @Option(names = "--full", description = "List every registry entry, not only the changed ones.")
  boolean full;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "0",
      description = "Read at most N registry entries (0: all; a limited crawl is not complete).")
  int limit;

  @Option(
      names = "--launch-packages",
      description =
          "Install the pinned version of npm stdio packages (scripts disabled) and start them in"
              + " the sandbox to list their tools. Packages that need a secret are skipped unless"
              + " --secrets-file supplies it.")
  boolean launchPackages;

  @Option(
      names = "--secrets-file",
      paramLabel = "FILE",
      description =
          "NAME=VALUE lines: environment values for launched packages (e.g. GITHUB_TOKEN)."
              + " Values never appear in logs, reasons or the store.")
  Path secretsFile;

  @Option(
      names = "--launch-config",
      paramLabel = "FILE",
      description =
          "Per-package launch settings for --launch-packages (JSON: args, env with secret or"
              + " fromEnv values, files to create in the server's working directory), keyed by"
              + " server id npm:<package>. Default: <home>/"
              + LaunchConfig.FILE_NAME
              + " when it exists. Secret values never appear in output, logs or the store.")
  Path launchConfig;

  @Option(
      names = "--npm-package",
      paramLabel = "PKG",
      description = "Also read this npm package (repeatable); it becomes a server npm:PKG.")
  List<String> npmPackages = new ArrayList<>();

  @Option(
      names = "--pypi-package",
      paramLabel = "NAME",
      description = "Also read this PyPI project (repeatable); it becomes a server pypi:NAME.")
  List<String> pypiPackages = new ArrayList<>();

  @Option(
      names = "--registry-url",
      paramLabel = "URL",
      defaultValue = RegistryApiCrawler.DEFAULT_BASE_URL,
      description = "Base URL of the MCP Registry API (default: ${DEFAULT-VALUE}).")
  URI registryUrl;

  @Option(
      names = "--npm-registry",
      paramLabel = "URL",
      description =
          "npm registry to read. Default: the one your npm configuration names"
              + " (NPM_CONFIG_REGISTRY, .npmrc, `npm config get registry`).")
  URI npmRegistry;

  @Option(
      names = "--pypi-url",
      paramLabel = "URL",
      description = "Base URL of the PyPI JSON API (default: https://pypi.org/).")
  URI pypiUrl;

  @Option(
      names = "--allow-private-network",
      description =
          "Allow requests to loopback and private addresses (a local registry mirror, tests,"
              + " benchmarks). Off by default: crawled URLs could point inside your network.")
  boolean allowPrivateNetwork;

  @Option(
      names = "--no-politeness",
      description =
          "No per-host rate limit (default 2 requests/s and 2 at once per host). Only for"
              + " registries you run yourself, e.g. a loopback copy in a benchmark.")
  boolean noPoliteness;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      defaultValue = "" + CrawlSettings.DEFAULT_CONCURRENCY,
      description = "MCP servers crawled over HTTP at once (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(
      names = "--recrawl-after-days",
      paramLabel = "DAYS",
      defaultValue = "7",
      description =
          "Crawl again the remotes of servers not crawled for DAYS days even when their entry did"
              + " not change (default: ${DEFAULT-VALUE}).")
  int recrawlAfterDays;

  @Option(
      names = "--crawl-max-bytes",
      paramLabel = "SIZE",
      defaultValue = "256MiB",
      converter = ByteSizeConverter.class,
      description =
          "Most bytes one registry listing may fetch, e.g. 512MiB, 1GiB or a number of bytes"
              + " (default: ${DEFAULT-VALUE}, six times a full listing). A listing that reaches it"
              + " stops, keeps what it read and records BUDGET_EXCEEDED.")
  long crawlMaxBytes;

  @Option(
      names = "--crawl-max-time",
      paramLabel = "DURATION",
      defaultValue = "15m",
      converter = DurationConverter.class,
      description =
          "Longest wall time of one registry listing, e.g. 90s, 15m, 2h (default:"
              + " ${DEFAULT-VALUE}, four times a full polite listing). A listing that reaches it"
              + " stops, keeps what it read and records BUDGET_EXCEEDED.")
  Duration crawlMaxTime;

  @Option(names = "--no-progress", description = "No progress bar or progress lines on stderr.")
  boolean noProgress;

  /** The usage error to print, or null. */
  String problem() {
    try {
      kinds(Set.of());
      sinceInstant();
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    if (limit < 0) {
      return "--limit must not be negative, not " + limit;
    }
    if (concurrency < 1) {
      return "--concurrency must be at least 1, not " + concurrency;
    }
    if (recrawlAfterDays < 0) {
      return "--recrawl-after-days must not be negative";
    }
    if (secretsFile != null && !Files.isRegularFile(secretsFile)) {
      return "--secrets-file " + secretsFile + " is not a file";
    }
    if (launchConfig != null) {
      if (!Files.isRegularFile(launchConfig)) {
        return "--launch-config " + launchConfig + " is not a file";
      }
      try {
        LaunchConfig.read(launchConfig);
      } catch (LaunchConfigException e) {
        return "--launch-config " + e.getMessage();
      }
    }
    return null;
  }

  /** Whether any live source was asked for. */
  boolean any() {
    return !sources.isEmpty()
        || launchPackages
        || !npmPackages.isEmpty()
        || !pypiPackages.isEmpty();
  }

  /**
   * The settings.
   *
   * @param defaults sources read when --source is not given
   * @throws IOException when the secrets file cannot be read
   */
  CrawlSettings settings(Set<CrawlSourceKind> defaults, PrintStream progress) throws IOException {
    return new CrawlSettings(
        kinds(defaults),
        registryUrl,
        sinceInstant(),
        full,
        limit,
        launchPackages,
        secrets(),
        npmPackages,
        pypiPackages,
        npmRegistry,
        pypiUrl == null ? PypiJson.DEFAULT_BASE : pypiUrl,
        allowPrivateNetwork,
        noPoliteness ? Politeness.unthrottled() : Politeness.DEFAULT,
        concurrency,
        Duration.ofDays(recrawlAfterDays),
        noProgress ? null : progress,
        System.console() != null,
        budget(),
        launchConfig);
  }

  /**
   * The registry listing's budget from --crawl-max-bytes and --crawl-max-time (both positive:
   * {@link ByteSizeConverter} and {@link DurationConverter} refuse anything else).
   */
  CrawlBudget budget() {
    return new CrawlBudget(crawlMaxBytes, crawlMaxTime);
  }

  private Set<CrawlSourceKind> kinds(Set<CrawlSourceKind> defaults) {
    if (sources.isEmpty()) {
      return defaults;
    }
    Set<CrawlSourceKind> kinds = EnumSet.noneOf(CrawlSourceKind.class);
    for (String s : sources) {
      kinds.addAll(CrawlSourceKind.parse(s));
    }
    return kinds;
  }

  private Instant sinceInstant() {
    if (since == null) {
      return null;
    }
    try {
      return Instant.parse(since);
    } catch (DateTimeParseException e) {
      try {
        return LocalDate.parse(since).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException again) {
        throw new IllegalArgumentException(
            "--since "
                + since
                + " is neither a date (2026-11-01) nor an instant"
                + " (2026-11-01T00:00:00Z)");
      }
    }
  }

  private Map<String, String> secrets() throws IOException {
    Map<String, String> secrets = new LinkedHashMap<>();
    if (secretsFile == null) {
      return secrets;
    }
    if (Files.size(secretsFile) > MAX_SECRETS_FILE_BYTES) {
      throw new IOException(
          "--secrets-file " + secretsFile + " is over " + MAX_SECRETS_FILE_BYTES + " bytes");
    }
    int n = 0;
    for (String line : Files.readAllLines(secretsFile, StandardCharsets.UTF_8)) {
      n++;
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      int eq = t.indexOf('=');
      if (eq <= 0) {
        // Never echo the line: it may hold a secret.
        throw new IOException(secretsFile + " line " + n + " is not NAME=VALUE");
      }
      secrets.put(t.substring(0, eq).strip(), t.substring(eq + 1).strip());
    }
    return secrets;
  }
}
