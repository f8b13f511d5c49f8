package dev.mcprisk.pipeline.source;

import dev.mcprisk.crawler.mcp.Sandbox;
import dev.mcprisk.crawler.packages.LaunchConfig;
import dev.mcprisk.crawler.packages.LaunchConfigException;
import dev.mcprisk.crawler.packages.LaunchSettings;
import dev.mcprisk.crawler.packages.NpmRegistry;
import dev.mcprisk.crawler.packages.PackageLaunchOptions;
import dev.mcprisk.crawler.packages.PackageLauncher;
import dev.mcprisk.model.CrawlOutcome;
import dev.mcprisk.model.CrawlStatus;
import dev.mcprisk.model.ServerEntry;
import dev.mcprisk.model.ServerPackage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Stage 2 source for {@code --launch-packages}: installs the pinned version of each npm package
 * with stdio transport that the run's entries name ({@code npm install --ignore-scripts} into
 * {@code <home>/}{@value #CACHE_DIR}), starts it in the bubblewrap sandbox with an empty
 * environment and placeholder values for required variables, and lists its tools ({@link
 * PackageLauncher}). A package that needs a secret the user did not supply is not started: the
 * outcome says which variable. One package at a time: each is a process tree on a small machine.
 *
 * <p>An npm package the user lists ({@code --npm-package}) that no entry names yet gets its {@code
 * npm:<name>} entry here, from its packument, so the run that first names it launches it (the
 * package source, which runs later, takes the same answer: {@link ListedPackages}). Count {@code
 * launchListedEntries}: entries so added.
 *
 * <p>Packages start with the user's launch settings ({@link LaunchConfig}: arguments, variables,
 * files; count {@code launchConfigured}), read from {@code --launch-config} or {@code
 * <home>/}{@value LaunchConfig#FILE_NAME} at every run; {@code fromEnv} values are read from this
 * process's environment.
 */
public final class LaunchSource implements ToolSource {
  /** The source's name in counts and failures. */
  public static final String NAME = "launch";

  /** Folder of installed packages under the data home. */
  public static final String CACHE_DIR = "packages";

  private final CrawlSession session;
  private final ListedPackages listed;

  /**
   * @param session the run's HTTP side and settings
   * @param listed where the packuments of listed packages read here are left for {@link
   *     PackageSource}
   */
  LaunchSource(CrawlSession session, ListedPackages listed) {
    this.session = Objects.requireNonNull(session, "session == null");
    this.listed = Objects.requireNonNull(listed, "listed == null");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void crawl(SourceContext ctx, Map<String, ServerEntry> entries, ToolSink sink)
      throws IOException {
    boolean listedMissing =
        session.settings().npmPackages().stream()
            .anyMatch(name -> !entries.containsKey(ServerEntry.npmId(name)));
    NpmRegistry registry = null;
    if (listedMissing) {
      registry = registry(sink);
      if (registry == null) {
        return; // nothing can be installed
      }
      addListedEntries(ctx, entries, sink, registry);
    }
    Map<String, ServerPackage> targets = new LinkedHashMap<>();
    for (ServerEntry entry : entries.values()) {
      if (sink.hasUsable(entry.id())) {
        continue;
      }
      for (ServerPackage p : entry.packages()) {
        String transport = p.transportType() == null ? "stdio" : p.transportType();
        if ("npm".equalsIgnoreCase(p.registryType())
            && "stdio".equals(transport.toLowerCase(Locale.ROOT))) {
          targets.put(entry.id(), p);
          break;
        }
      }
    }
    sink.count(SourceCount.LAUNCH_TARGETS, targets.size());
    if (targets.isEmpty()) {
      return;
    }
    registry = registry != null ? registry : registry(sink);
    if (registry == null) {
      return;
    }
    LaunchConfig launchConfig = launchConfig(ctx, sink);
    if (launchConfig == null) {
      return;
    }
    Sandbox sandbox = ctx.config().sandboxed() ? Sandbox.detect() : Sandbox.none();
    if (!sandbox.available()) {
      sink.note("packages not launched: " + sandbox.unavailableReason());
      return;
    }
    if (!ctx.config().sandboxed()) {
      sink.note("packages launched WITHOUT a sandbox (--no-sandbox)");
    }
    PackageLauncher launcher =
        new PackageLauncher(
            LaunchSettings.defaults(ctx.config().home().resolve(CACHE_DIR), registry),
            ctx.config().clientCapabilities());
    CrawlProgress progress = session.settings().progress("packages launched", targets.size());
    try {
      for (Map.Entry<String, ServerPackage> target : targets.entrySet()) {
        if (ctx.stop().stopRequested()) {
          return;
        }
        PackageLaunchOptions options = launchConfig.forServer(target.getKey());
        if (!options.isEmpty()) {
          sink.count(SourceCount.LAUNCH_CONFIGURED, 1);
        }
        CrawlOutcome outcome =
            launcher.launchAndCrawl(
                target.getKey(),
                target.getValue(),
                options,
                session.settings().secrets(),
                System.getenv(),
                ctx.config().limits(),
                sandbox);
        sink.accept(outcome);
        sink.count(
            outcome.status() == CrawlStatus.OK ? SourceCount.LAUNCH_OK : SourceCount.LAUNCH_FAILED,
            1);
        if (!outcome.status().usable()) {
          sink.failed(target.getKey(), outcome.status().name(), outcome.reason());
        }
        progress.advance(1);
      }
    } finally {
      progress.finish();
    }
  }

  /**
   * The launch settings: {@link CrawlSettings#launchConfig()}, else {@code <home>/}{@value
   * LaunchConfig#FILE_NAME} when it exists, else none; read at every run, so a schedule sees an
   * edited file. Null, after a failure naming the file and the rule, when the file is invalid:
   * nothing is launched then, as the servers would start without the settings the user meant.
   */
  private LaunchConfig launchConfig(SourceContext ctx, ToolSink sink) {
    Path file = session.settings().launchConfig();
    if (file == null) {
      file = ctx.config().home().resolve(LaunchConfig.FILE_NAME);
      if (!Files.exists(file)) {
        return LaunchConfig.empty();
      }
    }
    try {
      return LaunchConfig.read(file);
    } catch (LaunchConfigException e) {
      sink.failed(file.toString(), "REJECTED", e.getMessage());
      sink.note("packages not launched: the launch settings " + file + " are invalid");
      return null;
    }
  }

  /** The npm registry npm installs from; null, after a note, when none is configured. */
  private NpmRegistry registry(ToolSink sink) {
    try {
      return session.npmRegistry();
    } catch (IOException e) {
      sink.note("packages not launched: " + e.getMessage());
      return null;
    }
  }

  /**
   * Adds the {@code npm:<name>} entry of every npm package the user lists that has none yet (a
   * fresh home, or a package no registry entry names), from its packument, so it is launched in
   * this run. {@link PackageSource} later finds the entry and takes the packument from {@link
   * ListedPackages} instead of fetching it again.
   */
  private void addListedEntries(
      SourceContext ctx, Map<String, ServerEntry> entries, ToolSink sink, NpmRegistry registry) {
    for (String name : session.settings().npmPackages()) {
      if (ctx.stop().stopRequested()) {
        return;
      }
      if (!entries.containsKey(ServerEntry.npmId(name))) {
        ServerEntry entry = listed.npmEntry(registry, name);
        if (entry != null) {
          sink.addEntry(entry);
          sink.count(SourceCount.LAUNCH_LISTED_ENTRIES, 1);
        }
      }
    }
  }
}
