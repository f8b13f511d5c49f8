package dev.mcprisk.pipeline;

import dev.mcprisk.classifier.Classifier;
import dev.mcprisk.classifier.ServerContext;
import dev.mcprisk.export.CatalogueJsonWriter;
import dev.mcprisk.export.ExportOptions;
import dev.mcprisk.export.ExportStats;
import dev.mcprisk.export.Exporter;
import dev.mcprisk.files.FileTrees;
import dev.mcprisk.index.CatalogueIndexer;
import dev.mcprisk.index.IndexDefaults;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.Assessment;
import dev.mcprisk.model.Category;
import dev.mcprisk.model.RiskLevel;
import dev.mcprisk.model.ServerEntry;
import dev.mcprisk.pipeline.source.EntrySource;
import dev.mcprisk.pipeline.source.SourceContext;
import dev.mcprisk.pipeline.source.ToolSource;
import dev.mcprisk.store.CatalogueStore;
import dev.mcprisk.store.ChangeKind;
import dev.mcprisk.store.LockAttempt;
import dev.mcprisk.store.RefusedServer;
import dev.mcprisk.store.RunLockOwner;
import dev.mcprisk.store.RunStage;
import dev.mcprisk.store.RunStatus;
import dev.mcprisk.store.StoreException;
import dev.mcprisk.store.ToolChange;
import dev.mcprisk.store.ToolKey;
import dev.mcprisk.text.UnsafeCharacter;
import dev.mcprisk.text.UntrustedText;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole nightly flow, top to bottom: registry entries ({@link EntrySource}s), tools ({@link
 * ToolSource}s: by default the live stdio crawl, then the recorded answers), store, classify,
 * index, export. Which sources run is {@link PipelineConfig#sources()}.
 *
 * <p>Memory: bounded by a batch or a page, not by the catalogue. Tool outcomes are written to the
 * store in batches as the sources hand them over ({@link ToolCollector}); the classify stage reads
 * the tools needing an assessment a page of servers at a time ({@link
 * CatalogueAssembler#assessAll}); the index and export stages and the summary read the catalogue
 * through {@link StoredCatalogue}, which pages it out of the store (one pass for the fingerprints
 * and counts, one for a rebuild or update of the index, one for the export). What is held across
 * the catalogue is per server: its entry until the store stage, then its id and fingerprint.
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
  private CatalogueTally classifyTally;

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
      SourceContext ctx = new SourceContext(config, clock, stop, store, runId, startedAt);
      Map<String, ServerEntry> entries = stage("registry", () -> readRegistry(ctx));
      ToolCollector crawls = stage("tools", () -> readTools(ctx, store, entries));
      stage("store", () -> store(store, entries, crawls));
      StoredCatalogue catalogue = stage("classify", () -> classify(store));
      CatalogueTally tally = stage("index", () -> index(catalogue, classifyTally));
      ExportStats exportStats = stage("export", () -> export(catalogue, tally));
      RunSummary summary =
          summarize(startedAt, tally, exportStats, Math.toIntExact(store.counts().tools()));
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
    } catch (StoreException | IOException | RuntimeException | Error e) {
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
   * escaped, unsafe characters (controls, line separators, bidi, zero-width and tag characters,
   * unpaired surrogates) as the visible escapes of {@link UntrustedText#escapeCodePoint}, so a
   * value cannot forge a log line or hide in one.
   */
  static String quoted(String value) {
    if (value == null) {
      return "\"\"";
    }
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    int i = 0;
    while (i < value.length()) {
      int cp = value.codePointAt(i);
      if (cp == '"' || cp == '\\') {
        out.append('\\').appendCodePoint(cp);
      } else if (UnsafeCharacter.isUnsafe(cp)) {
        out.append(UntrustedText.escapeCodePoint(cp));
      } else {
        out.appendCodePoint(cp);
      }
      i += Character.charCount(cp);
    }
    return out.append('"').toString();
  }

  private void checkStop(String where) {
    if (stop.stopRequested()) {
      throw new Stopped(where);
    }
  }

  // ---- stage 1: registry entries --------------------------------------------------------------

  /**
   * Reads every entry source in order ({@link PipelineSources#entrySources()}). A name in several
   * entries (versions of one server, in one source or across sources) keeps its highest version.
   *
   * @return the entries by id, a thread-safe map the tool sources may add to
   */
  private Map<String, ServerEntry> readRegistry(SourceContext ctx) throws IOException {
    RegistryCollector sink = new RegistryCollector(this::fail);
    List<String> names = new ArrayList<>();
    for (EntrySource source : config.sources().entrySources()) {
      checkStop("in the registry stage, before the " + source.name() + " source");
      source.read(ctx, sink);
      names.add(source.name());
    }
    Map<String, Long> counts = sink.counts();
    Map<String, ServerEntry> entries = new ConcurrentHashMap<>(sink.entries());
    long files = counts.getOrDefault("files", 0L);
    lastResult =
        entries.size()
            + " servers from "
            + String.join(", ", names)
            + (files > 0 ? " (" + files + " registry files)" : "")
            + " ("
            + counts.get("rejected")
            + " entries rejected, "
            + counts.get("superseded")
            + " older versions superseded)";
    lastCounts.putAll(counts);
    lastCounts.put("servers", (long) entries.size());
    lastCounts.putIfAbsent("files", 0L);
    return entries;
  }

  // ---- stage 2: tools -------------------------------------------------------------------------

  /**
   * Runs every tool source in order ({@link PipelineSources#toolSources()}: by default the live
   * crawl, then the recorded answers) into one {@link ToolCollector}, which writes the outcomes to
   * the store in batches as they arrive. A source skips servers that already have a usable outcome,
   * so a usable live answer replaces the recorded one before either is stored and a server crawled
   * live every night does not flip between its recorded and live tool sets.
   *
   * <p>Counts: the sources' ({@code recordedAnswers}, {@code recordedTools}, {@code liveCrawls},
   * {@code liveOk}, ...), {@code outcomes} accepted, and {@code storeMs}, the milliseconds of this
   * stage spent writing batches to the store (the rest is crawling).
   */
  private ToolCollector readTools(
      SourceContext ctx, CatalogueStore store, Map<String, ServerEntry> entries)
      throws IOException {
    ToolCollector sink = new ToolCollector(store, runId, entries, this::fail, notes::add);
    Map<String, ServerEntry> view = Collections.unmodifiableMap(entries);
    for (ToolSource source : config.sources().toolSources()) {
      checkStop("in the tools stage, before the " + source.name() + " source");
      source.crawl(ctx, view, sink);
    }
    checkStop("in the tools stage, after its sources");
    Map<String, Long> counts = sink.counts();
    lastCounts.putAll(counts);
    for (String key : List.of("recordedAnswers", "recordedTools", "liveCrawls", "liveOk")) {
      lastCounts.putIfAbsent(key, 0L);
    }
    lastCounts.put("outcomes", sink.outcomes());
    lastCounts.put("storeMs", sink.storeMillis());
    StringBuilder result = new StringBuilder();
    if (lastCounts.get("recordedAnswers") > 0) {
      result
          .append(lastCounts.get("recordedAnswers"))
          .append(" recorded answers of ")
          .append(counts.getOrDefault("recordedServers", 0L))
          .append(" servers (")
          .append(lastCounts.get("recordedTools"))
          .append(" tools); ");
    }
    if (config.offline()) {
      result.append("live crawl off (--offline); ");
    } else if (lastCounts.get("liveCrawls") > 0) {
      result
          .append(lastCounts.get("liveOk"))
          .append(" of ")
          .append(lastCounts.get("liveCrawls"))
          .append(" live stdio crawls OK; ");
    }
    appendCount(result, counts, "remoteTargets", "", " remote servers crawled over HTTP (");
    appendCount(result, counts, "remoteOk", "", " OK); ");
    appendCount(result, counts, "launchTargets", "", " packages launched; ");
    appendCount(result, counts, "npmPackuments", "", " npm packuments; ");
    appendCount(result, counts, "pypiProjects", "", " PyPI projects; ");
    appendCount(result, counts, "readmeServers", "README tools for ", " servers; ");
    result
        .append(sink.outcomes())
        .append(" outcomes, ")
        .append(sink.storeMillis())
        .append(" ms of it writing them to the store");
    lastResult = result.toString();
    return sink;
  }

  private static void appendCount(
      StringBuilder out, Map<String, Long> counts, String key, String before, String after) {
    Long n = counts.get(key);
    if (n != null) {
      out.append(before).append(n).append(after);
    }
  }

  // ---- stage 3: store -------------------------------------------------------------------------

  /**
   * Stores the servers and the last batch of outcomes. The entries are dropped from memory after.
   */
  private Void store(CatalogueStore store, Map<String, ServerEntry> entries, ToolCollector crawls)
      throws StoreException {
    long writing = crawls.storeMillis();
    for (RefusedServer r : store.upsertServers(entries.values()).refused()) {
      fail(new Failure("store", r.id(), "REJECTED", "not stored: " + r.reason()));
    }
    crawls.flush();
    int servers = entries.size();
    entries.clear();
    changeEvents = Math.toIntExact(crawls.changes());
    lastResult =
        servers
            + " servers, "
            + crawls.outcomes()
            + " crawl results recorded in "
            + crawls.batches()
            + " batches, "
            + changeEvents
            + " tool changes";
    lastCounts.put("servers", (long) servers);
    lastCounts.put("crawls", crawls.outcomes());
    lastCounts.put("changes", (long) changeEvents);
    lastCounts.put("batches", crawls.batches());
    lastCounts.put("crawlWriteMs", crawls.storeMillis() - writing);
    return null;
  }

  // ---- stage 4: classify ----------------------------------------------------------------------

  /**
   * Assesses every current tool without a cached assessment, page by page ({@link
   * CatalogueAssembler#assessAll}), then records the run's risk changes.
   *
   * @return the assessed catalogue, paged out of the store by the index and export stages
   */
  private StoredCatalogue classify(CatalogueStore store) throws StoreException {
    Classifier classifier = Classifier.loadDefault();
    CatalogueTally tally = CatalogueTally.empty();
    CatalogueAssembler.Assessed assessed =
        CatalogueAssembler.assessAll(
            store,
            classifier,
            id -> checkStop("in the classify stage, before the page up to " + id),
            tally);
    classifyTally = tally.finish();
    if (tally.unassessedTools() != 0) {
      // every tool read without an assessment was assessed in the same pass: a bug if not
      notes.add(
          tally.unassessedTools()
              + " tools left without an assessment by the classify stage; counts may be off");
    }
    assessedNew = assessed.classified();
    assessedCached = Math.toIntExact(assessed.cached());
    int riskChanges = assessChanges(store, classifier);
    lastResult =
        assessedNew
            + " definitions classified, "
            + assessedCached
            + " from cache (skipped), "
            + riskChanges
            + " risk changes, "
            + suspectedRugPulls
            + " suspected rug pulls";
    lastCounts.put("classified", (long) assessedNew);
    lastCounts.put("fromCache", (long) assessedCached);
    lastCounts.put("riskChanges", (long) riskChanges);
    lastCounts.put("suspectedRugPulls", (long) suspectedRugPulls);
    return new StoredCatalogue(store, classifier);
  }

  /**
   * Adds a RISK_CHANGED event for each tool whose definition changed in this run and whose risk
   * level moved, and marks the run's events of a tool {@code suspectedRugPull} when its change
   * added a {@value #TOOL_POISONING_SIGNAL} signal or raised its risk level.
   *
   * @return RISK_CHANGED events added
   */
  private int assessChanges(CatalogueStore store, Classifier classifier) throws StoreException {
    Map<ToolKey, ToolChange> changed = new LinkedHashMap<>();
    for (ToolChange change : store.changesOfRun(runId)) {
      if (change.oldHash() != null && change.newHash() != null) {
        changed.putIfAbsent(change.key(), change);
      }
    }
    List<ToolChange> riskEvents = new ArrayList<>();
    Set<ToolKey> suspected = new LinkedHashSet<>();
    Map<String, ServerContext> contexts = new HashMap<>();
    for (ToolChange change : changed.values()) {
      Optional<Assessment> found = store.findAssessment(change.newHash(), classifier.version());
      if (found.isEmpty()) {
        continue; // the tool changed twice in this run and its middle definition is gone
      }
      Assessment now = found.get();
      ServerContext context = contexts.get(change.serverId());
      if (context == null) {
        context =
            store
                .findServer(change.serverId())
                .map(e -> new ServerContext(e.name(), e.description()))
                .orElse(new ServerContext(change.serverId(), null));
        contexts.put(change.serverId(), context);
      }
      Optional<Assessment> before = earlierAssessment(store, classifier, change, context);
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
      CatalogueStore store, Classifier classifier, ToolChange change, ServerContext context)
      throws StoreException {
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
   * index digest ({@link dev.mcprisk.store.ServerDigest#indexDigest}, read by the classify stage's
   * pass without assembling a server: {@code tally}) differs from the one saved by the last
   * successful index stage, reading just those servers ({@link StoredCatalogue#only}), and deletes
   * the servers gone since. It rebuilds instead when there is no saved state or it cannot be read,
   * the index is missing or was written by another run, the index format or classifier version
   * changed, or more than {@link IndexPlan#MAX_UPDATE_FRACTION} of the servers changed.
   *
   * <p>Crash safety: the state file ({@value IndexState#FILE}) is deleted before the index is
   * touched and written (atomically) only after its commit or swap succeeded, so it always
   * describes the index on disk or is absent; absent means the next run rebuilds.
   */
  private CatalogueTally index(StoredCatalogue catalogue, CatalogueTally tally) throws IOException {
    Path stateFile = config.home().resolve(IndexState.FILE);
    IndexPlan plan =
        IndexPlan.decide(
            config.indexDir(),
            StateFiles.read(stateFile, IndexState.class, IndexState.VERSION),
            IndexDefaults.INDEX_FORMAT_VERSION,
            Classifier.VERSION,
            tally.indexDigests());
    int tools = tally.tools();
    int servers = tally.servers();
    long bytes;
    if (plan.rebuild()) {
      StateFiles.delete(stateFile);
      bytes = CatalogueIndexer.rebuild(config.indexDir(), catalogue.withoutHistory()).bytes();
      saveIndexState(stateFile, tally.indexDigests());
      lastResult = "rebuilt (" + plan.reason() + "): ";
    } else if (plan.changed().isEmpty() && plan.removed().isEmpty()) {
      bytes = indexBytes(config.indexDir());
      lastResult = "updated 0 servers, " + plan.unchanged() + " unchanged (skipped): ";
    } else {
      StateFiles.delete(stateFile);
      bytes =
          CatalogueIndexer.update(config.indexDir(), catalogue.only(plan.changed()), plan.removed())
              .bytes();
      saveIndexState(stateFile, tally.indexDigests());
      lastResult =
          "updated "
              + plan.changed().size()
              + " servers, "
              + plan.removed().size()
              + " removed, "
              + plan.unchanged()
              + " unchanged (skipped): ";
    }
    lastResult += tools + " tools and " + servers + " servers, " + bytes + " bytes";
    lastCounts.put("tools", (long) tools);
    lastCounts.put("servers", (long) servers);
    lastCounts.put("bytes", bytes);
    lastCounts.put("rebuilt", plan.rebuild() ? 1L : 0L);
    lastCounts.put("serversUpdated", (long) (plan.rebuild() ? servers : plan.changed().size()));
    lastCounts.put("serversRemoved", (long) plan.removed().size());
    lastCounts.put("serversUnchanged", (long) plan.unchanged());
    return tally;
  }

  private void saveIndexState(Path stateFile, Map<String, String> indexDigests) throws IOException {
    StateFiles.write(
        stateFile,
        new IndexState(
            IndexState.VERSION,
            IndexDefaults.INDEX_FORMAT_VERSION,
            Classifier.VERSION,
            IndexPlan.commitOf(config.indexDir()),
            Json.sha256Hex(Json.write(indexDigests)),
            indexDigests));
  }

  /**
   * Brings the export folder up to date. Skipped when it would hold what the last successful export
   * wrote: same catalogue fingerprint ({@link CatalogueTally#exportFingerprint}: every server's
   * export digest), classifier version and schema version, and the export folder as that export
   * left it. A skipped export keeps its earlier files, so {@code generatedAt} in {@code
   * catalogue.json} and the policy dates stay those of the run that last changed something:
   * intended, the catalogue is the same.
   *
   * <p>Updated in place ({@link Exporter#update}) when under the same conditions but for the
   * catalogue, at most {@link IndexPlan#MAX_UPDATE_FRACTION} of the servers were added, changed or
   * removed: only their lines and policy files are written, the other lines are copied. Else the
   * whole folder is written anew ({@link Exporter#writeAll}).
   *
   * <p>Crash safety: as for the index, the state file ({@value ExportState#FILE}) is deleted before
   * the export is written and saved only after the export folder was swapped into place or updated;
   * a run that finds no state writes the folder anew.
   */
  private ExportStats export(StoredCatalogue catalogue, CatalogueTally tally) throws IOException {
    Path stateFile = config.home().resolve(ExportState.FILE);
    String fingerprint = tally.exportFingerprint();
    Optional<ExportState> last = StateFiles.read(stateFile, ExportState.class, ExportState.VERSION);
    boolean sameFolder =
        last.isPresent()
            && last.get().classifierVersion().equals(Classifier.VERSION)
            && last.get().schemaVersion().equals(CatalogueJsonWriter.SCHEMA_VERSION)
            && Files.isDirectory(config.exportDir())
            && last.get().files().equals(ExportState.stampOf(config.exportDir()));
    boolean unchanged = sameFolder && last.get().fingerprint().equals(fingerprint);
    Set<String> changed = new TreeSet<>();
    Set<String> removed = new TreeSet<>();
    if (sameFolder && !unchanged) {
      Map<String, String> before = last.get().servers();
      tally
          .exportDigests()
          .forEach(
              (id, digest) -> {
                if (!digest.equals(before.get(id))) {
                  changed.add(id);
                }
              });
      removed.addAll(before.keySet());
      removed.removeAll(tally.exportDigests().keySet());
    }
    boolean update =
        sameFolder
            && !unchanged
            && changed.size() + removed.size()
                <= IndexPlan.MAX_UPDATE_FRACTION * Math.max(1, tally.servers());
    ExportStats stats;
    if (unchanged) {
      stats = last.get().stats();
      lastResult = "unchanged, skipped: ";
    } else {
      StateFiles.delete(stateFile);
      if (update) {
        stats =
            Exporter.update(
                config.exportDir(),
                catalogue.only(changed),
                removed,
                clock.instant(),
                Classifier.VERSION,
                ExportOptions.DEFAULTS,
                catalogue.history(),
                last.get().stats());
        lastResult =
            "updated "
                + changed.size()
                + " servers, "
                + removed.size()
                + " removed, "
                + (tally.servers() - changed.size())
                + " unchanged (copied): ";
      } else {
        stats =
            Exporter.writeAll(
                config.exportDir(),
                catalogue,
                clock.instant(),
                Classifier.VERSION,
                ExportOptions.DEFAULTS,
                catalogue.history());
        lastResult = "";
      }
      StateFiles.write(
          stateFile,
          new ExportState(
              ExportState.VERSION,
              CatalogueJsonWriter.SCHEMA_VERSION,
              Classifier.VERSION,
              fingerprint,
              stats,
              ExportState.stampOf(config.exportDir()),
              tally.exportDigests()));
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
    lastCounts.put("updated", update ? 1L : 0L);
    lastCounts.put(
        "serversWritten", (long) (update ? changed.size() : unchanged ? 0 : tally.servers()));
    return stats;
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
      Instant startedAt, CatalogueTally tally, ExportStats exportStats, int storedTools) {
    Map<Category, Integer> categories = tally.categories();
    Map<RiskLevel, Integer> risks = tally.riskLevels();
    int tools = tally.tools();
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
        tally.servers(),
        new TreeMap<>(tally.serversBySource()),
        tally.serversWithTools(),
        tools,
        new TreeMap<>(tally.toolsByOrigin()),
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
    T value;
    try {
      value = body.run();
    } catch (UncheckedStoreException e) {
      throw e.getCause();
    }
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
