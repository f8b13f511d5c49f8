package dev.mcprisk.pipeline;

import dev.mcprisk.bundled.BundledData;
import dev.mcprisk.classifier.Classifier;
import dev.mcprisk.classifier.ServerContext;
import dev.mcprisk.crawler.mcp.Sandbox;
import dev.mcprisk.crawler.mcp.StdioMcpClient;
import dev.mcprisk.crawler.mcp.StdioServerSpec;
import dev.mcprisk.crawler.reference.InstallResult;
import dev.mcprisk.crawler.reference.ReferenceServers;
import dev.mcprisk.crawler.registry.RegistryReadResult;
import dev.mcprisk.crawler.registry.RegistrySeedReader;
import dev.mcprisk.crawler.registry.RejectedEntry;
import dev.mcprisk.crawler.registry.Versions;
import dev.mcprisk.crawler.snapshot.Snapshot;
import dev.mcprisk.crawler.snapshot.SnapshotReader;
import dev.mcprisk.export.CatalogueJsonWriter;
import dev.mcprisk.export.ExportOptions;
import dev.mcprisk.export.ExportStats;
import dev.mcprisk.export.Exporter;
import dev.mcprisk.export.ToolDates;
import dev.mcprisk.export.ToolHistoryLookup;
import dev.mcprisk.files.FileTrees;
import dev.mcprisk.index.CatalogueIndexer;
import dev.mcprisk.index.IndexDefaults;
import dev.mcprisk.index.IndexStats;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.AssessedTool;
import dev.mcprisk.model.Assessment;
import dev.mcprisk.model.CatalogueServer;
import dev.mcprisk.model.Category;
import dev.mcprisk.model.CrawlOutcome;
import dev.mcprisk.model.CrawlStatus;
import dev.mcprisk.model.RiskLevel;
import dev.mcprisk.model.ServerEntry;
import dev.mcprisk.model.ServerPackage;
import dev.mcprisk.store.CatalogueStore;
import dev.mcprisk.store.ChangeKind;
import dev.mcprisk.store.LockAttempt;
import dev.mcprisk.store.RunLockOwner;
import dev.mcprisk.store.RunStage;
import dev.mcprisk.store.RunStatus;
import dev.mcprisk.store.StoreException;
import dev.mcprisk.store.ToolChange;
import dev.mcprisk.store.ToolHistory;
import dev.mcprisk.store.ToolKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole nightly flow, top to bottom: registry entries, tools (recorded snapshots, then live
 * stdio crawls), store, classify, index, export.
 *
 * <p>Every stage's failures are collected as data ({@link Failure}); only a failure of the store,
 * the index or the export (disk, lock) ends the run early, with an exception naming the path.
 *
 * <p>Runs: the pipeline lock in the store is taken first (one run at a time across processes; a
 * stale lock of a gone process on this host is taken over), then the run is recorded RUNNING, each
 * finished stage with its time and counts, and its end as SUCCEEDED, FAILED (with the error) or
 * INTERRUPTED (a {@link StopSignal} at a safe point: between stages and between servers).
 *
 * <p>Changes: the store stage records change events against the previous tool sets; the classify
 * stage adds RISK_CHANGED events and marks a change that adds a {@value #TOOL_POISONING_SIGNAL}
 * signal or raises the risk level {@code suspectedRugPull}.
 *
 * <p>Incremental: the classify stage takes assessments of known definition hashes from the cache;
 * the index stage updates only servers whose fingerprint changed since its last success ({@value
 * IndexState#FILE}) and rebuilds when that state is missing or stale; the export stage is skipped
 * when the catalogue equals the last export's ({@value ExportState#FILE}). Each stage's result line
 * and counts say what was skipped.
 *
 * <p>Not thread-safe: one instance runs one pipeline once.
 */
public final class Pipeline {
  /** Source name of the registry's first seed file (2025-05-16, snake_case shape). */
  public static final String SOURCE_SEED_2025 = "registry-seed-2025-05-16";

  /** Source name of registry entries in the current server.json shape. */
  public static final String SOURCE_SEED = "registry-seed";

  /** Source name of servers known only from a recorded tools/list answer. */
  public static final String SOURCE_SNAPSHOT = "snapshot";

  /** Source name of servers known only from a live crawl. */
  public static final String SOURCE_LIVE = "live";

  /** Number of stages, as printed in each progress line ("[n/6]"). */
  public static final int STAGES = 6;

  /** How often a run waiting for the pipeline lock tries again: every 2 seconds. */
  public static final Duration LOCK_POLL_INTERVAL = Duration.ofSeconds(2);

  /** The classifier's signal id for hidden instructions in a description (classifier rules). */
  public static final String TOOL_POISONING_SIGNAL = "tool-poisoning";

  /** Name of the logger: one INFO line per stage and per run end, one WARN line per failure. */
  public static final String LOGGER = "mcprisk.pipeline";

  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

  private final PipelineConfig config;
  private final PrintStream progress;
  private final Clock clock;
  private final StopSignal stop;
  private CatalogueStore runStore;
  private long runId;
  private Map<String, Long> lastCounts = new TreeMap<>();
  private int changeEvents;
  private int suspectedRugPulls;

  private final List<StageTiming> stages = new ArrayList<>();
  private final List<Failure> failures = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private int assessedNew;
  private int assessedCached;
  private String lastResult = "";
  private Map<String, String> serverFingerprints = Map.of();

  /**
   * @param config what to run on
   * @param progress where one line per stage is printed as it ends (e.g. stderr)
   * @param clock the clock for run and export times
   */
  public Pipeline(PipelineConfig config, PrintStream progress, Clock clock) {
    this(config, progress, clock, new StopSignal());
  }

  /**
   * @param config what to run on
   * @param progress where one line per stage is printed as it ends (e.g. stderr)
   * @param clock the clock for run and export times
   * @param stop checked at every safe point; when raised the run ends INTERRUPTED
   */
  public Pipeline(PipelineConfig config, PrintStream progress, Clock clock, StopSignal stop) {
    this.config = config;
    this.progress = progress;
    this.clock = clock;
    this.stop = stop;
  }

  /**
   * Runs every stage once, holding the pipeline lock.
   *
   * @return the run's figures; status {@code SUCCEEDED}, or {@code INTERRUPTED} when the stop
   *     signal was raised (then only the stages done are filled in)
   * @throws StoreException when the H2 catalogue cannot be opened or written (path in the message);
   *     the run is recorded FAILED with the error when the store still answers
   * @throws IOException when the index or the export cannot be written (path in the message); the
   *     run is recorded FAILED
   * @throws PipelineLockedException when another live process holds the pipeline lock and {@link
   *     PipelineConfig#waitForLock()} is false, or a stop was requested while waiting
   */
  public RunSummary run() throws StoreException, IOException, PipelineLockedException {
    RunLockOwner me = RunLockOwner.current();
    try (CatalogueStore store = CatalogueStore.open(config.home())) {
      lock(store, me);
      RunSummary summary;
      try {
        Instant startedAt = clock.instant();
        runStore = store;
        runId = store.startRun(config.trigger(), startedAt, me);
        summary = runStages(store, startedAt);
      } catch (StoreException | IOException | RuntimeException | Error e) {
        try {
          store.unlockPipeline(me);
        } catch (StoreException | RuntimeException unlock) {
          e.addSuppressed(unlock); // the lock goes stale with this process and is taken over
        }
        throw e;
      }
      store.unlockPipeline(me);
      return summary;
    }
  }

  private RunSummary runStages(CatalogueStore store, Instant startedAt)
      throws StoreException, IOException {
    try {
      Map<String, ServerEntry> entries = stage("registry", this::readRegistry);
      List<CrawlOutcome> crawls = stage("tools", () -> readTools(entries));
      stage("store", () -> store(store, entries, crawls));
      List<CatalogueServer> catalogue = stage("classify", () -> classify(store));
      stage("index", () -> index(catalogue));
      ExportStats exportStats = stage("export", () -> export(store, catalogue));
      RunSummary summary =
          summarize(startedAt, catalogue, exportStats, Math.toIntExact(store.counts().tools()));
      store.finishRun(runId, RunStatus.SUCCEEDED, clock.instant(), Json.write(summary), null);
      LOG.info(
          "run={} status=SUCCEEDED ms={} changes={} suspectedRugPulls={}",
          runId,
          summary.totalMillis(),
          changeEvents,
          suspectedRugPulls);
      return summary;
    } catch (Stopped e) {
      String why = "stopped by " + stop.reason() + " " + e.getMessage();
      notes.add(why);
      RunSummary summary = interrupted(startedAt);
      store.finishRun(runId, RunStatus.INTERRUPTED, clock.instant(), Json.write(summary), why);
      LOG.warn("run={} status=INTERRUPTED reason={}", runId, quoted(why));
      return summary;
    } catch (StoreException | IOException | RuntimeException e) {
      try {
        store.finishRun(runId, RunStatus.FAILED, clock.instant(), null, describe(e));
      } catch (StoreException | RuntimeException again) {
        e.addSuppressed(again);
      }
      LOG.error("run={} status=FAILED error={}", runId, quoted(describe(e)));
      throw e;
    }
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  // ---- the pipeline lock ----------------------------------------------------------------------

  private void lock(CatalogueStore store, RunLockOwner me)
      throws StoreException, PipelineLockedException {
    boolean announced = false;
    while (true) {
      LockAttempt attempt = store.tryLockPipeline(me, clock.instant());
      if (attempt.acquired()) {
        if (attempt.takenOver() != null) {
          String note =
              "took over the stale pipeline lock of "
                  + attempt.takenOver().owner()
                  + " (held since "
                  + attempt.takenOver().since()
                  + "; that process is gone)"
                  + (attempt.abandonedRuns().isEmpty()
                      ? ""
                      : "; its run(s) " + attempt.abandonedRuns() + " recorded as INTERRUPTED");
          notes.add(note);
          progress.println("mcprisk: " + note);
          progress.flush();
        }
        return;
      }
      String held =
          "the pipeline is locked by "
              + attempt.holder().owner()
              + " since "
              + attempt.holder().since();
      if (!config.waitForLock()) {
        throw new PipelineLockedException(
            held + " (another mcprisk run or schedule is running; --wait waits for it)",
            attempt.holder());
      }
      if (stop.stopRequested()) {
        throw new PipelineLockedException(
            "stopped by " + stop.reason() + " while waiting: " + held, attempt.holder());
      }
      if (!announced) {
        progress.println("mcprisk: " + held + "; waiting for it (--wait)");
        progress.flush();
        announced = true;
      }
      try {
        TimeUnit.MILLISECONDS.sleep(LOCK_POLL_INTERVAL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PipelineLockedException("interrupted while waiting: " + held, attempt.holder());
      }
    }
  }

  /** Thrown at a safe point when the stop signal is raised; caught in {@link #runStages}. */
  private static final class Stopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stopped(String where) {
      super(where, null, false, false);
    }
  }

  /** Records a failure that does not stop the run, and logs it (one WARN line). */
  private void fail(Failure failure) {
    failures.add(failure);
    LOG.warn(
        "run={} stage={} subject={} status={} reason={}",
        runId,
        failure.stage(),
        quoted(failure.subject()),
        failure.status(),
        quoted(failure.reason()));
  }

  /**
   * A log value from strangers (server ids, reasons) as one quoted token: quotes and backslashes
   * escaped, control and bidi characters as backslash-u escapes, so a value cannot forge a log
   * line.
   */
  static String quoted(String value) {
    if (value == null) {
      return "\"\"";
    }
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    value
        .codePoints()
        .forEach(
            cp -> {
              if (cp == '"' || cp == '\\') {
                out.append('\\').appendCodePoint(cp);
              } else if (cp < 0x20
                  || (cp >= 0x7F && cp <= 0x9F)
                  || (cp >= 0x200B && cp <= 0x200F)
                  || (cp >= 0x202A && cp <= 0x202E)
                  || (cp >= 0x2066 && cp <= 0x2069)) {
                out.append(String.format("\\u%04X", cp));
              } else {
                out.appendCodePoint(cp);
              }
            });
    return out.append('"').toString();
  }

  private void checkStop(String where) {
    if (stop.stopRequested()) {
      throw new Stopped(where);
    }
  }

  // ---- stage 1: registry entries --------------------------------------------------------------

  /**
   * Reads every bundled registry file. A name in several entries (versions of one server, in one
   * file or across files) keeps its highest version ({@link Versions}).
   */
  private Map<String, ServerEntry> readRegistry() {
    Map<String, ServerEntry> entries = new LinkedHashMap<>();
    int files = 0;
    int rejected = 0;
    int superseded = 0;
    for (String file : BundledData.list(BundledData.REGISTRY)) {
      String source = file.startsWith("seed_2025_05_16") ? SOURCE_SEED_2025 : SOURCE_SEED;
      RegistryReadResult result;
      try (InputStream in = BundledData.open(BundledData.REGISTRY, file)) {
        result = RegistrySeedReader.read(source, in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      files++;
      superseded += result.superseded();
      for (ServerEntry entry : result.entries()) {
        ServerEntry earlier = entries.putIfAbsent(entry.id(), entry);
        if (earlier != null) {
          superseded++;
          if (Versions.compare(entry.version(), earlier.version()) > 0) {
            entries.put(entry.id(), entry);
          }
        }
      }
      for (RejectedEntry r : result.rejected()) {
        rejected++;
        fail(
            new Failure(
                "registry",
                file + (r.index() >= 0 ? " entry #" + r.index() : ""),
                "REJECTED",
                r.reason()));
      }
    }
    lastResult =
        entries.size()
            + " servers from "
            + files
            + " bundled registry files ("
            + rejected
            + " entries rejected, "
            + superseded
            + " older versions superseded)";
    lastCounts.put("servers", (long) entries.size());
    lastCounts.put("files", (long) files);
    lastCounts.put("rejected", (long) rejected);
    lastCounts.put("superseded", (long) superseded);
    return entries;
  }

  // ---- stage 2: tools -------------------------------------------------------------------------

  private List<CrawlOutcome> readTools(Map<String, ServerEntry> entries) {
    Map<String, String> registryIdByNpmPackage = new HashMap<>();
    for (ServerEntry entry : entries.values()) {
      for (ServerPackage p : entry.packages()) {
        if ("npm".equals(p.registryType())) {
          registryIdByNpmPackage.putIfAbsent(p.identifier(), entry.id());
        }
      }
    }
    List<Snapshot> snapshots = readSnapshots();
    SnapshotMerger merger = new SnapshotMerger(registryIdByNpmPackage);
    for (Snapshot snapshot : snapshots) {
      if (snapshot.outcome().status() == CrawlStatus.SNAPSHOT_INVALID) {
        fail(
            new Failure(
                "tools",
                snapshot.fileName(),
                snapshot.outcome().status().name(),
                snapshot.outcome().reason()));
        continue;
      }
      merger.add(snapshot);
      entries.computeIfAbsent(
          merger.serverId(snapshot), id -> entryFromSnapshot(id, snapshot, SOURCE_SNAPSHOT));
    }
    List<CrawlOutcome> outcomes = new ArrayList<>(merger.outcomes());
    if (merger.differingDefinitions() > 0) {
      notes.add(
          merger.differingDefinitions()
              + " tool definitions differ between captures of the same server; the first capture"
              + " (stdio before HTTP, then by file name) is kept");
    }
    int recorded = outcomes.stream().mapToInt(o -> o.tools().size()).sum();
    List<CrawlOutcome> live = config.offline() ? List.of() : crawlLive(entries);
    // A usable live answer replaces the recorded one before either is stored, so that a server
    // crawled live every night does not flip between its recorded and live tool sets (which would
    // log ADDED and REMOVED events on every run).
    Set<String> liveUsable = new HashSet<>();
    live.stream().filter(o -> o.status().usable()).forEach(o -> liveUsable.add(o.serverId()));
    outcomes.removeIf(o -> liveUsable.contains(o.serverId()));
    outcomes.addAll(live);
    long liveOk = live.stream().filter(o -> o.status() == CrawlStatus.OK).count();
    lastResult =
        snapshots.size()
            + " recorded answers of "
            + merger.outcomes().size()
            + " servers ("
            + recorded
            + " tools); "
            + (config.offline()
                ? "live crawl off (--offline)"
                : liveOk + " of " + live.size() + " live stdio crawls OK");
    lastCounts.put("recordedAnswers", (long) snapshots.size());
    lastCounts.put("recordedTools", (long) recorded);
    lastCounts.put("liveCrawls", (long) live.size());
    lastCounts.put("liveOk", liveOk);
    return outcomes;
  }

  private List<Snapshot> readSnapshots() {
    if (config.snapshotDir() != null) {
      try {
        return SnapshotReader.readDirectory(config.snapshotDir());
      } catch (IllegalArgumentException | UncheckedIOException e) {
        fail(
            new Failure(
                "tools", config.snapshotDir().toString(), "SNAPSHOT_INVALID", e.getMessage()));
        return List.of();
      }
    }
    List<Snapshot> snapshots = new ArrayList<>();
    for (String file : BundledData.list(BundledData.TOOLS_LIST)) {
      try (InputStream in = BundledData.open(BundledData.TOOLS_LIST, file)) {
        snapshots.add(SnapshotReader.read(file, in));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return snapshots;
  }

  private List<CrawlOutcome> crawlLive(Map<String, ServerEntry> entries) {
    Optional<Path> node = ReferenceServers.findNode();
    if (node.isEmpty()) {
      notes.add("node not found on PATH: live crawl skipped, recorded answers used");
      return List.of();
    }
    Sandbox sandbox = config.sandboxed() ? Sandbox.detect() : Sandbox.none();
    if (!sandbox.available()) {
      notes.add("live crawl skipped: " + sandbox.unavailableReason());
      return List.of();
    }
    if (!config.sandboxed()) {
      notes.add("live crawl ran WITHOUT a sandbox (--no-sandbox)");
    }
    InstallResult install = ReferenceServers.ensureInstalled(config.serversDir(), true);
    if (!install.ok()) {
      notes.add(
          "reference servers not installed in "
              + config.serversDir()
              + ": "
              + install.reason()
              + "; recorded answers used");
      return List.of();
    }
    Path scratch;
    try {
      Files.createDirectories(config.home());
      scratch = Files.createTempDirectory(config.home(), "live-");
    } catch (IOException e) {
      notes.add("live crawl skipped: cannot create a scratch folder in " + config.home());
      return List.of();
    }
    List<CrawlOutcome> outcomes = new ArrayList<>();
    try {
      for (StdioServerSpec spec : ReferenceServers.specs(config.serversDir(), scratch)) {
        checkStop("during the live crawl, before " + spec.serverId());
        CrawlOutcome outcome = StdioMcpClient.crawl(spec, config.limits(), sandbox);
        outcomes.add(outcome);
        if (!outcome.status().usable()) {
          fail(new Failure("tools", spec.serverId(), outcome.status().name(), outcome.reason()));
        }
        entries.computeIfAbsent(spec.serverId(), id -> entryFromLive(id, outcome));
      }
    } finally {
      FileTrees.deleteQuietly(scratch);
    }
    return outcomes;
  }

  private static ServerEntry entryFromSnapshot(String id, Snapshot snapshot, String source) {
    CrawlOutcome o = snapshot.outcome();
    List<ServerPackage> packages =
        snapshot.packageName() == null
            ? List.of()
            : List.of(
                new ServerPackage(
                    "npm",
                    snapshot.packageName(),
                    snapshot.packageVersion(),
                    "npx",
                    "stdio",
                    null,
                    List.of()));
    return new ServerEntry(
        id,
        snapshot.packageName() == null ? id : snapshot.packageName(),
        Json.text(o.serverInfo(), "title"),
        Json.text(o.serverInfo(), "description"),
        snapshot.packageVersion(),
        null,
        packages,
        List.of(),
        source,
        "active");
  }

  private static ServerEntry entryFromLive(String id, CrawlOutcome outcome) {
    String name = id.startsWith("npm:") ? id.substring("npm:".length()) : id;
    return new ServerEntry(
        id,
        name,
        Json.text(outcome.serverInfo(), "title"),
        Json.text(outcome.serverInfo(), "description"),
        Json.text(outcome.serverInfo(), "version"),
        null,
        List.of(new ServerPackage("npm", name, null, "npx", "stdio", null, List.of())),
        List.of(),
        SOURCE_LIVE,
        "active");
  }

  // ---- stage 3: store -------------------------------------------------------------------------

  private Void store(
      CatalogueStore store, Map<String, ServerEntry> entries, List<CrawlOutcome> crawls)
      throws StoreException {
    store.upsertServers(entries.values());
    int changes = 0;
    for (CrawlOutcome crawl : crawls) {
      checkStop("in the store stage, before " + crawl.serverId());
      changes += store.recordCrawl(runId, crawl).size();
    }
    changeEvents = changes;
    lastResult =
        entries.size()
            + " servers, "
            + crawls.size()
            + " crawl results recorded, "
            + changes
            + " tool changes";
    lastCounts.put("servers", (long) entries.size());
    lastCounts.put("crawls", (long) crawls.size());
    lastCounts.put("changes", (long) changes);
    return null;
  }

  // ---- stage 4: classify ----------------------------------------------------------------------

  private List<CatalogueServer> classify(CatalogueStore store) throws StoreException {
    Classifier classifier = Classifier.loadDefault();
    CatalogueAssembler.Assembled assembled =
        CatalogueAssembler.assemble(
            store, classifier, id -> checkStop("in the classify stage, before " + id));
    List<CatalogueServer> catalogue = assembled.servers();
    Map<String, Assessment> fresh = assembled.fresh();
    int cached = assembled.cached();
    assessedNew = fresh.size();
    assessedCached = cached;
    int riskChanges = assessChanges(store, classifier, assembled.byHash(), assembled.contexts());
    lastResult =
        fresh.size()
            + " definitions classified, "
            + cached
            + " from cache (skipped), "
            + riskChanges
            + " risk changes, "
            + suspectedRugPulls
            + " suspected rug pulls";
    lastCounts.put("classified", (long) fresh.size());
    lastCounts.put("fromCache", (long) cached);
    lastCounts.put("riskChanges", (long) riskChanges);
    lastCounts.put("suspectedRugPulls", (long) suspectedRugPulls);
    return catalogue;
  }

  /**
   * Adds a RISK_CHANGED event for each tool whose definition changed in this run and whose risk
   * level moved, and marks the run's events of a tool {@code suspectedRugPull} when its change
   * added a {@value #TOOL_POISONING_SIGNAL} signal or raised its risk level.
   *
   * @return RISK_CHANGED events added
   */
  private int assessChanges(
      CatalogueStore store,
      Classifier classifier,
      Map<String, Assessment> byHash,
      Map<String, ServerContext> contexts)
      throws StoreException {
    Map<ToolKey, ToolChange> changed = new LinkedHashMap<>();
    for (ToolChange change : store.changesOfRun(runId)) {
      if (change.oldHash() != null && change.newHash() != null) {
        changed.putIfAbsent(change.key(), change);
      }
    }
    List<ToolChange> riskEvents = new ArrayList<>();
    Set<ToolKey> suspected = new LinkedHashSet<>();
    for (ToolChange change : changed.values()) {
      Assessment now = byHash.get(change.newHash());
      if (now == null) {
        continue; // the tool changed twice in this run and its middle definition is gone
      }
      ServerContext context =
          contexts.getOrDefault(change.serverId(), new ServerContext(change.serverId(), null));
      Optional<Assessment> before = earlierAssessment(store, classifier, change, context, byHash);
      if (before.isEmpty()) {
        continue;
      }
      Assessment was = before.get();
      boolean raised = now.riskLevel().ordinal() > was.riskLevel().ordinal();
      boolean poisoned =
          now.signalIds().contains(TOOL_POISONING_SIGNAL)
              && !was.signalIds().contains(TOOL_POISONING_SIGNAL);
      if (now.riskLevel() != was.riskLevel()) {
        riskEvents.add(
            new ToolChange(
                0,
                runId,
                change.serverId(),
                change.toolName(),
                ChangeKind.RISK_CHANGED,
                change.at(),
                com.fasterxml.jackson.databind.node.TextNode.valueOf(was.riskLevel().label()),
                com.fasterxml.jackson.databind.node.TextNode.valueOf(now.riskLevel().label()),
                change.oldHash(),
                change.newHash(),
                raised || poisoned));
      }
      if (raised || poisoned) {
        suspected.add(change.key());
      }
    }
    store.recordAssessedChanges(runId, riskEvents, suspected);
    suspectedRugPulls = suspected.size();
    changeEvents += riskEvents.size();
    return riskEvents.size();
  }

  private static Optional<Assessment> earlierAssessment(
      CatalogueStore store,
      Classifier classifier,
      ToolChange change,
      ServerContext context,
      Map<String, Assessment> byHash)
      throws StoreException {
    Assessment known = byHash.get(change.oldHash());
    if (known != null) {
      return Optional.of(known);
    }
    Optional<Assessment> cached = store.findAssessment(change.oldHash(), classifier.version());
    if (cached.isPresent()) {
      return cached;
    }
    return store
        .definition(change.serverId(), change.toolName(), change.oldHash())
        .map(old -> classifier.classify(old, context));
  }

  // ---- stages 5 and 6: index and export ------------------------------------------------------

  /**
   * Brings the index up to date with {@code catalogue}: updates in place only the servers whose
   * fingerprint ({@link CatalogueFingerprints#server}) differs from the one saved by the last
   * successful index stage, and deletes the servers gone since. It rebuilds instead when there is
   * no saved state or it cannot be read, the index is missing or was written by another run, the
   * index format or classifier version changed, or more than {@link IndexPlan#MAX_UPDATE_FRACTION}
   * of the servers changed.
   *
   * <p>Crash safety: the state file ({@value IndexState#FILE}) is deleted before the index is
   * touched and written (atomically) only after its commit or swap succeeded, so it always
   * describes the index on disk or is absent; absent means the next run rebuilds.
   */
  private IndexStats index(List<CatalogueServer> catalogue) throws IOException {
    Path stateFile = config.home().resolve(IndexState.FILE);
    serverFingerprints = CatalogueFingerprints.servers(catalogue);
    IndexPlan plan =
        IndexPlan.decide(
            config.indexDir(),
            StateFiles.read(stateFile, IndexState.class, IndexState.VERSION),
            IndexDefaults.INDEX_FORMAT_VERSION,
            Classifier.VERSION,
            catalogue,
            serverFingerprints);
    int tools = catalogue.stream().mapToInt(s -> s.tools().size()).sum();
    long bytes;
    if (plan.rebuild()) {
      StateFiles.delete(stateFile);
      bytes = CatalogueIndexer.rebuild(config.indexDir(), catalogue).bytes();
      saveIndexState(stateFile);
      lastResult = "rebuilt (" + plan.reason() + "): ";
    } else if (plan.changed().isEmpty() && plan.removed().isEmpty()) {
      bytes = indexBytes(config.indexDir());
      lastResult = "updated 0 servers, " + plan.unchanged() + " unchanged (skipped): ";
    } else {
      StateFiles.delete(stateFile);
      bytes = CatalogueIndexer.update(config.indexDir(), plan.changed(), plan.removed()).bytes();
      saveIndexState(stateFile);
      lastResult =
          "updated "
              + plan.changed().size()
              + " servers, "
              + plan.removed().size()
              + " removed, "
              + plan.unchanged()
              + " unchanged (skipped): ";
    }
    lastResult += tools + " tools and " + catalogue.size() + " servers, " + bytes + " bytes";
    lastCounts.put("tools", (long) tools);
    lastCounts.put("servers", (long) catalogue.size());
    lastCounts.put("bytes", bytes);
    lastCounts.put("rebuilt", plan.rebuild() ? 1L : 0L);
    lastCounts.put(
        "serversUpdated", (long) (plan.rebuild() ? catalogue.size() : plan.changed().size()));
    lastCounts.put("serversRemoved", (long) plan.removed().size());
    lastCounts.put("serversUnchanged", (long) plan.unchanged());
    return new IndexStats(catalogue.size(), tools, bytes, 0);
  }

  private void saveIndexState(Path stateFile) throws IOException {
    StateFiles.write(
        stateFile,
        new IndexState(
            IndexState.VERSION,
            IndexDefaults.INDEX_FORMAT_VERSION,
            Classifier.VERSION,
            IndexPlan.commitOf(config.indexDir()),
            Json.sha256Hex(Json.write(serverFingerprints)),
            serverFingerprints));
  }

  /**
   * Writes the export, unless it would hold what the last successful export wrote: same catalogue
   * fingerprint ({@link CatalogueFingerprints#export}: servers, crawl times, tool dates),
   * classifier version and schema version, and the export folder as that export left it. A skipped
   * export keeps its earlier files, so {@code generatedAt} in {@code catalogue.json} and the policy
   * dates stay those of the run that last changed something: intended, the catalogue is the same.
   *
   * <p>Crash safety: as for the index, the state file ({@value ExportState#FILE}) is deleted before
   * the export is written and saved only after the export folder was swapped into place.
   */
  private ExportStats export(CatalogueStore store, List<CatalogueServer> catalogue)
      throws IOException, StoreException {
    Path stateFile = config.home().resolve(ExportState.FILE);
    ToolHistoryLookup history = historyLookup(store.toolHistory());
    String fingerprint = CatalogueFingerprints.export(serverFingerprints, catalogue, history);
    Optional<ExportState> last = StateFiles.read(stateFile, ExportState.class, ExportState.VERSION);
    boolean unchanged =
        last.isPresent()
            && last.get().fingerprint().equals(fingerprint)
            && last.get().classifierVersion().equals(Classifier.VERSION)
            && last.get().schemaVersion().equals(CatalogueJsonWriter.SCHEMA_VERSION)
            && Files.isDirectory(config.exportDir())
            && last.get().files().equals(ExportState.stampOf(config.exportDir()));
    ExportStats stats;
    if (unchanged) {
      stats = last.get().stats();
      lastResult = "unchanged, skipped: ";
    } else {
      StateFiles.delete(stateFile);
      stats =
          Exporter.writeAll(
              config.exportDir(),
              catalogue,
              clock.instant(),
              Classifier.VERSION,
              ExportOptions.DEFAULTS,
              history);
      StateFiles.write(
          stateFile,
          new ExportState(
              ExportState.VERSION,
              CatalogueJsonWriter.SCHEMA_VERSION,
              Classifier.VERSION,
              fingerprint,
              stats,
              ExportState.stampOf(config.exportDir())));
      lastResult = "";
    }
    lastResult +=
        "catalogue.json, "
            + stats.interceptFiles()
            + " Intercept and "
            + stats.policyLayerFiles()
            + " PolicyLayer files, "
            + stats.bytes()
            + " bytes";
    lastCounts.put("interceptFiles", (long) stats.interceptFiles());
    lastCounts.put("policyLayerFiles", (long) stats.policyLayerFiles());
    lastCounts.put("bytes", stats.bytes());
    lastCounts.put("skipped", unchanged ? 1L : 0L);
    return stats;
  }

  /**
   * The export's view of the store's tool history: first seen and last changed per (server, tool).
   *
   * @param history from {@link CatalogueStore#toolHistory()}
   */
  public static ToolHistoryLookup historyLookup(Map<ToolKey, ToolHistory> history) {
    return (serverId, toolName) -> {
      ToolHistory h = history.get(new ToolKey(serverId, toolName));
      return h == null ? null : new ToolDates(h.firstSeen(), h.lastChanged());
    };
  }

  /** Bytes of the index on disk, or -1 when it cannot be measured (the figure is informative). */
  private static long indexBytes(Path indexDir) {
    try {
      return FileTrees.size(indexDir);
    } catch (IOException e) {
      return -1;
    }
  }

  // ---- summary --------------------------------------------------------------------------------

  private RunSummary summarize(
      Instant startedAt,
      List<CatalogueServer> catalogue,
      ExportStats exportStats,
      int storedTools) {
    Map<String, Integer> bySource = new TreeMap<>();
    Map<String, Integer> byOrigin = new TreeMap<>();
    Map<Category, Integer> categories = new EnumMap<>(Category.class);
    Map<RiskLevel, Integer> risks = new EnumMap<>(RiskLevel.class);
    for (Category c : Category.values()) {
      categories.put(c, 0);
    }
    for (RiskLevel r : RiskLevel.values()) {
      risks.put(r, 0);
    }
    int tools = 0;
    int withTools = 0;
    for (CatalogueServer server : catalogue) {
      bySource.merge(server.server().source(), 1, Integer::sum);
      if (!server.tools().isEmpty()) {
        withTools++;
      }
      for (AssessedTool tool : server.tools()) {
        tools++;
        byOrigin.merge(tool.origin(), 1, Integer::sum);
        categories.merge(tool.assessment().category(), 1, Integer::sum);
        risks.merge(tool.assessment().riskLevel(), 1, Integer::sum);
      }
    }
    if (tools != storedTools) {
      notes.add("store holds " + storedTools + " tools but " + tools + " were exported");
    }
    Map<String, Integer> categoryLabels = new LinkedHashMap<>();
    Category[] order = {
      Category.READ,
      Category.WRITE,
      Category.EXECUTE,
      Category.DESTRUCTIVE,
      Category.FINANCIAL,
      Category.OTHER
    };
    for (Category c : order) {
      categoryLabels.put(c.label(), categories.get(c));
    }
    Map<String, Integer> riskLabels = new LinkedHashMap<>();
    risks.forEach((k, v) -> riskLabels.put(k.label(), v));
    Path catalogueFile = config.exportDir().resolve("catalogue.json");
    long catalogueBytes;
    try {
      catalogueBytes = Files.size(catalogueFile);
    } catch (IOException e) {
      catalogueBytes = -1;
    }
    return new RunSummary(
        runId,
        RunStatus.SUCCEEDED.name(),
        config.home().toString(),
        startedAt.toString(),
        catalogue.size(),
        bySource,
        withTools,
        tools,
        byOrigin,
        categoryLabels,
        riskLabels,
        assessedNew,
        assessedCached,
        List.copyOf(stages),
        List.copyOf(failures),
        List.copyOf(notes),
        catalogueFile.toString(),
        catalogueBytes,
        exportStats.interceptFiles(),
        exportStats.policyLayerFiles(),
        changeEvents,
        suspectedRugPulls);
  }

  /** The figures of a run stopped at a safe point: its stages so far, nothing of the catalogue. */
  private RunSummary interrupted(Instant startedAt) {
    return new RunSummary(
        runId,
        RunStatus.INTERRUPTED.name(),
        config.home().toString(),
        startedAt.toString(),
        0,
        Map.of(),
        0,
        0,
        Map.of(),
        Map.of(),
        Map.of(),
        assessedNew,
        assessedCached,
        List.copyOf(stages),
        List.copyOf(failures),
        List.copyOf(notes),
        config.exportDir().resolve("catalogue.json").toString(),
        -1,
        0,
        0,
        changeEvents,
        suspectedRugPulls);
  }

  // ---- stage bookkeeping ----------------------------------------------------------------------

  /** A stage body: may fail with the store's exception or an I/O error. */
  @FunctionalInterface
  private interface StageBody<T> {
    T run() throws StoreException, IOException;
  }

  /**
   * Runs one stage after checking the stop signal, then prints its progress line and records it in
   * the store.
   */
  private <T> T stage(String name, StageBody<T> body) throws StoreException, IOException {
    checkStop("before the " + name + " stage");
    long start = System.nanoTime();
    lastResult = "";
    lastCounts = new TreeMap<>();
    T value = body.run();
    long millis = (System.nanoTime() - start) / 1_000_000;
    StageTiming timing = new StageTiming(name, millis, lastResult, lastCounts);
    stages.add(timing);
    progress.printf("[%d/%d] %-8s %6d ms  %s%n", stages.size(), STAGES, name, millis, lastResult);
    progress.flush();
    runStore.recordStage(runId, new RunStage(name, millis, lastResult, lastCounts));
    if (LOG.isInfoEnabled()) {
      StringBuilder counts = new StringBuilder();
      lastCounts.forEach((k, v) -> counts.append(' ').append(k).append('=').append(v));
      LOG.info("run={} trigger={} stage={} ms={}{}", runId, config.trigger(), name, millis, counts);
    }
    return value;
  }
}
