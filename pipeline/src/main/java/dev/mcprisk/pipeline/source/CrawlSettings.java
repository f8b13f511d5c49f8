package dev.mcprisk.pipeline.source;

import dev.mcprisk.crawler.http.CrawlBudget;
import dev.mcprisk.crawler.http.Politeness;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What one crawl of the live sources reads and how.
 *
 * @param sources the live sources to read; never null, may be empty (then nothing live is read)
 * @param registryUrl base URL of the MCP Registry API, e.g. {@link
 *     dev.mcprisk.crawler.registry.RegistryApiCrawler#DEFAULT_BASE_URL}
 * @param since list registry entries updated since then; null means since the start of the last
 *     complete registry crawl recorded in the store (everything on the first crawl)
 * @param full ignore the last crawl and list every entry (overrides the recorded start, not {@code
 *     since})
 * @param limit most registry entries read; 0 for all
 * @param launchPackages install and start npm stdio packages in the sandbox to list their tools
 * @param secrets values of environment variables the user supplies for launched packages, by name
 * @param npmPackages npm packages the user lists, crawled besides those entries name
 * @param pypiPackages PyPI projects the user lists
 * @param npmRegistryUrl the npm registry to read; null for the one the user's npm configuration
 *     names
 * @param pypiUrl base URL of the PyPI JSON API, e.g. {@code https://pypi.org/}
 * @param allowPrivateNetwork allow requests to loopback and private addresses (tests, local
 *     mirrors, benchmarks)
 * @param politeness per-host request rate, concurrency and retries of registry fetches
 * @param concurrency MCP servers crawled over HTTP at once (remotes), at least 1
 * @param recrawlAfter remotes of servers crawled longer ago than this are crawled again even when
 *     their entry did not change
 * @param progress where progress goes (standard error); null for none
 * @param terminal true to draw a progress bar in place, false for periodic log lines
 * @param budget bytes and wall time of one registry listing; never null
 * @param launchConfig the per-package launch settings file ({@code --launch-config}, {@link
 *     dev.mcprisk.crawler.packages.LaunchConfig}); null for {@code <home>/launch.json} when it
 *     exists
 */
public record CrawlSettings(
    Set<CrawlSourceKind> sources,
    URI registryUrl,
    Instant since,
    boolean full,
    int limit,
    boolean launchPackages,
    Map<String, String> secrets,
    List<String> npmPackages,
    List<String> pypiPackages,
    URI npmRegistryUrl,
    URI pypiUrl,
    boolean allowPrivateNetwork,
    Politeness politeness,
    int concurrency,
    Duration recrawlAfter,
    PrintStream progress,
    boolean terminal,
    CrawlBudget budget,
    Path launchConfig) {

  /** MCP servers crawled over HTTP at once when not configured. */
  public static final int DEFAULT_CONCURRENCY = 8;

  /** How long a remote's tool list is trusted before it is crawled again, when not configured. */
  public static final Duration DEFAULT_RECRAWL_AFTER = Duration.ofDays(7);

  public CrawlSettings {
    sources = Set.copyOf(Objects.requireNonNull(sources, "sources == null"));
    Objects.requireNonNull(registryUrl, "registryUrl == null");
    Objects.requireNonNull(pypiUrl, "pypiUrl == null");
    Objects.requireNonNull(politeness, "politeness == null");
    Objects.requireNonNull(recrawlAfter, "recrawlAfter == null");
    Objects.requireNonNull(budget, "budget == null");
    secrets = Map.copyOf(Objects.requireNonNull(secrets, "secrets == null"));
    npmPackages = List.copyOf(Objects.requireNonNull(npmPackages, "npmPackages == null"));
    pypiPackages = List.copyOf(Objects.requireNonNull(pypiPackages, "pypiPackages == null"));
    if (limit < 0) {
      throw new IllegalArgumentException("limit < 0: " + limit);
    }
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency < 1: " + concurrency);
    }
  }

  /** Whether {@code kind} is to be read. */
  public boolean reads(CrawlSourceKind kind) {
    return sources.contains(kind);
  }

  /** A progress reporter for one step, drawing on {@link #progress()}. */
  public CrawlProgress progress(String label, long total) {
    return progress == null
        ? CrawlProgress.silent(label)
        : new CrawlProgress(label, total, progress, terminal, System::nanoTime);
  }
}
