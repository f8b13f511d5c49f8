package dev.mcprisk.pipeline;

import dev.mcprisk.crawler.mcp.ClientCapabilities;
import dev.mcprisk.crawler.mcp.CrawlLimits;
import dev.mcprisk.pipeline.source.PipelineSources;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything one pipeline run needs to know.
 *
 * @param home data home: {@code catalogue.mv.db}, {@code index/}, {@code export/} live under it
 * @param offline when true, no network and no live crawl: registry and tools come from bundled or
 *     snapshot data only
 * @param snapshotDir folder of recorded {@code tools/list} answers; null means the bundled ones
 * @param serversDir where the pinned reference MCP servers are (or get) installed with npm
 * @param sandboxed run stdio servers under bubblewrap; false only on explicit user request
 * @param limits byte and time bounds of every live crawl
 * @param trigger who started the run: {@code manual} or {@code schedule}
 * @param waitForLock when another process holds the pipeline lock: true waits for it, polling every
 *     {@link PipelineLock#POLL_INTERVAL}; false fails at once naming the holder
 * @param sources the registry and tool sources, in order; null means {@link
 *     PipelineSources#defaults} of {@code offline} and {@code snapshotDir}
 * @param clientCapabilities what every live MCP crawl announces ({@code --client-capabilities});
 *     null means {@link ClientCapabilities#full()}
 */
public record PipelineConfig(
    Path home,
    boolean offline,
    Path snapshotDir,
    Path serversDir,
    boolean sandboxed,
    CrawlLimits limits,
    String trigger,
    boolean waitForLock,
    PipelineSources sources,
    ClientCapabilities clientCapabilities) {
  /** Who started a run from the command line. */
  public static final String TRIGGER_MANUAL = "manual";

  /** Who started a run from the scheduler. */
  public static final String TRIGGER_SCHEDULE = "schedule";

  public PipelineConfig {
    Objects.requireNonNull(home, "home == null");
    Objects.requireNonNull(serversDir, "serversDir == null");
    Objects.requireNonNull(limits, "limits == null");
    Objects.requireNonNull(trigger, "trigger == null");
    if (sources == null) {
      sources = PipelineSources.defaults(offline, snapshotDir);
    }
    if (clientCapabilities == null) {
      clientCapabilities = ClientCapabilities.full();
    }
  }

  /** The configuration announcing every client capability. */
  public PipelineConfig(
      Path home,
      boolean offline,
      Path snapshotDir,
      Path serversDir,
      boolean sandboxed,
      CrawlLimits limits,
      String trigger,
      boolean waitForLock,
      PipelineSources sources) {
    this(
        home,
        offline,
        snapshotDir,
        serversDir,
        sandboxed,
        limits,
        trigger,
        waitForLock,
        sources,
        null);
  }

  /** The configuration with the {@link PipelineSources#defaults default sources}. */
  public PipelineConfig(
      Path home,
      boolean offline,
      Path snapshotDir,
      Path serversDir,
      boolean sandboxed,
      CrawlLimits limits,
      String trigger,
      boolean waitForLock) {
    this(home, offline, snapshotDir, serversDir, sandboxed, limits, trigger, waitForLock, null);
  }

  /** The same configuration without waiting for the lock. */
  public PipelineConfig(
      Path home,
      boolean offline,
      Path snapshotDir,
      Path serversDir,
      boolean sandboxed,
      CrawlLimits limits,
      String trigger) {
    this(home, offline, snapshotDir, serversDir, sandboxed, limits, trigger, false, null);
  }

  /** This configuration with another trigger. */
  public PipelineConfig withTrigger(String newTrigger) {
    return new PipelineConfig(
        home,
        offline,
        snapshotDir,
        serversDir,
        sandboxed,
        limits,
        newTrigger,
        waitForLock,
        sources,
        clientCapabilities);
  }

  /** This configuration with other sources. */
  public PipelineConfig withSources(PipelineSources newSources) {
    Objects.requireNonNull(newSources, "newSources == null");
    return new PipelineConfig(
        home,
        offline,
        snapshotDir,
        serversDir,
        sandboxed,
        limits,
        trigger,
        waitForLock,
        newSources,
        clientCapabilities);
  }

  /** This configuration announcing {@code capabilities} in every live MCP crawl. */
  public PipelineConfig withClientCapabilities(ClientCapabilities capabilities) {
    Objects.requireNonNull(capabilities, "capabilities == null");
    return new PipelineConfig(
        home,
        offline,
        snapshotDir,
        serversDir,
        sandboxed,
        limits,
        trigger,
        waitForLock,
        sources,
        capabilities);
  }

  /** {@code <home>/index}: the Lucene index. */
  public Path indexDir() {
    return home.resolve("index");
  }

  /** {@code <home>/export}: catalogue.json and the policy files. */
  public Path exportDir() {
    return home.resolve("export");
  }
}
