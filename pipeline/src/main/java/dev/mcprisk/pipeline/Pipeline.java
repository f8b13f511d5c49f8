package dev.mcprisk.pipeline;

import dev.mcprisk.json.Json;
import dev.mcprisk.pipeline.source.EntrySource;
import dev.mcprisk.pipeline.source.SourceContext;
import dev.mcprisk.pipeline.source.ToolSource;
import dev.mcprisk.store.CatalogueStore;
import dev.mcprisk.store.RunLockOwner;
import dev.mcprisk.store.RunStatus;
import dev.mcprisk.store.StoreException;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;

/**
 * The whole nightly flow, top to bottom: registry entries ({@link EntrySource}s), tools ({@link
 * ToolSource}s: by default the live stdio crawl, then the recorded answers), store, classify,
 * index, export. Which sources run is {@link PipelineConfig#sources()}; each stage is a class of
 * this package ({@link RegistryStage}, {@link ToolsStage}, {@link StoreStage}, {@link
 * ClassifyStage}, {@link IndexStage}, {@link ExportStage}) returning its typed {@link StageReport}.
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
 * <p>Runs: the pipeline lock in the store is taken first ({@link PipelineLock}: one run at a time
 * across processes; a stale lock of a gone process on this host is taken over), then the run is
 * recorded RUNNING, each finished stage with its time and counts, and its end as SUCCEEDED, FAILED
 * (with the error) or INTERRUPTED (a {@link StopSignal} at a safe point: between stages and between
 * servers).
 *
 * <p>Changes: the store stage records change events against the previous tool sets; the classify
 * stage adds RISK_CHANGED events and marks suspected rug pulls ({@link RiskChanges}).
 *
 * <p>Incremental: the classify stage takes assessments of known definition hashes from the cache;
 * the index stage updates only servers whose fingerprint changed since its last success ({@link
 * IndexPlan}); the export stage is skipped or updated when the catalogue equals or is close to the
 * last export's ({@link ExportPlan}). Each stage's result line and counts say what was skipped.
 *
 * <p>Not thread-safe: one instance runs one pipeline once.
 */
public final class Pipeline {
  /** Number of stages, as printed in each progress line ("[n/6]"). */
  public static final int STAGES = StageRunner.STAGES;

  /** Name of the logger: one INFO line per stage and per run end, one WARN line per failure. */
  public static final String LOGGER = RunLog.LOGGER;

  private final PipelineConfig config;
  private final PrintStream progress;
  private final Clock clock;
  private final StopSignal stop;

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
      var takeOver = PipelineLock.acquire(store, me, config.waitForLock(), stop, clock, progress);
      RunSummary summary;
      try {
        Instant startedAt = clock.instant();
        long runId = store.startRun(config.trigger(), startedAt, me);
        RunJournal journal = new RunJournal(runId, config.home(), config.exportDir(), startedAt);
        takeOver.ifPresent(journal::note);
        summary = runStages(store, journal, startedAt);
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

  /** The stage sequence, and how the run ends: SUCCEEDED, INTERRUPTED or FAILED. */
  private RunSummary runStages(CatalogueStore store, RunJournal journal, Instant startedAt)
      throws StoreException, IOException {
    long runId = journal.runId();
    StageRunner stages = new StageRunner(store, journal, stop, progress, config.trigger());
    try {
      SourceContext ctx = new SourceContext(config, clock, stop, store, startedAt);
      RegistryStage.Report registry =
          stages.run(
              "registry",
              () -> RegistryStage.run(config.sources().entrySources(), ctx, store, journal));
      ToolsStage.Report tools =
          stages.run(
              "tools",
              () ->
                  ToolsStage.run(
                      config.sources().toolSources(), ctx, store, registry.entries(), journal));
      stages.run("store", () -> StoreStage.run(store, registry.entries(), tools.sink(), journal));
      ClassifyStage.Report classified =
          stages.run("classify", () -> ClassifyStage.run(store, stop, journal));
      stages.run("index", () -> IndexStage.run(config, classified.catalogue(), classified.tally()));
      ExportStage.Report export =
          stages.run(
              "export",
              () -> ExportStage.run(config, clock, classified.catalogue(), classified.tally()));
      RunSummary summary =
          journal.succeeded(
              classified.tally(), export.stats(), Math.toIntExact(store.counts().tools()));
      store.finishRun(runId, RunStatus.SUCCEEDED, clock.instant(), Json.write(summary), null);
      RunLog.LOG.info(
          "run={} status=SUCCEEDED ms={} changes={} suspectedRugPulls={}",
          runId,
          summary.totalMillis(),
          journal.changeEvents(),
          journal.suspectedRugPulls());
      return summary;
    } catch (RunStopped e) {
      String why = "stopped by " + stop.reason() + " " + e.getMessage();
      journal.note(why);
      RunSummary summary = journal.interrupted();
      store.finishRun(runId, RunStatus.INTERRUPTED, clock.instant(), Json.write(summary), why);
      RunLog.LOG.warn("run={} status=INTERRUPTED reason={}", runId, RunLog.quoted(why));
      return summary;
    } catch (StoreException | IOException | RuntimeException | Error e) {
      try {
        store.finishRun(runId, RunStatus.FAILED, clock.instant(), null, RunLog.describe(e));
      } catch (StoreException | RuntimeException again) {
        e.addSuppressed(again);
      }
      RunLog.LOG.error("run={} status=FAILED error={}", runId, RunLog.quoted(RunLog.describe(e)));
      throw e;
    }
  }
}
