package dev.mcprisk.pipeline;

import dev.mcprisk.export.ExportStats;
import dev.mcprisk.model.Category;
import dev.mcprisk.model.RiskLevel;
import dev.mcprisk.store.RunStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one run has done so far, as the stages report it: finished stages, failures that did not
 * stop the run, notes for a person, and the run-wide figures (assessments, change events, suspected
 * rug pulls). Makes the run's {@link RunSummary}.
 *
 * <p>Not thread-safe: filled from the pipeline's thread (the tool sink serialises its callers).
 */
final class RunJournal {
  /** The order of categories in a summary: by increasing potential for harm, Other last. */
  private static final List<Category> CATEGORY_ORDER =
      List.of(
          Category.READ,
          Category.WRITE,
          Category.EXECUTE,
          Category.DESTRUCTIVE,
          Category.FINANCIAL,
          Category.OTHER);

  private final long runId;
  private final Path home;
  private final Path exportDir;
  private final Instant startedAt;
  private final List<StageTiming> stages = new ArrayList<>();
  private final List<Failure> failures = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private int assessedNew;
  private int assessedCached;
  private int changeEvents;
  private int suspectedRugPulls;

  RunJournal(long runId, Path home, Path exportDir, Instant startedAt) {
    this.runId = runId;
    this.home = home;
    this.exportDir = exportDir;
    this.startedAt = startedAt;
  }

  long runId() {
    return runId;
  }

  /** Stages finished so far; the next stage's number is this plus one. */
  int stagesDone() {
    return stages.size();
  }

  void stageDone(StageTiming timing) {
    stages.add(timing);
  }

  /** Records a failure that does not stop the run, and logs it (one WARN line). */
  void fail(Failure failure) {
    failures.add(failure);
    RunLog.LOG.warn(
        "run={} stage={} subject={} status={} reason={}",
        runId,
        failure.stage(),
        RunLog.quoted(failure.subject()),
        failure.status(),
        RunLog.quoted(failure.reason()));
  }

  /** Adds a note for the run summary (something a person should know, not a failure). */
  void note(String text) {
    notes.add(text);
  }

  void assessed(int classified, int fromCache) {
    assessedNew = classified;
    assessedCached = fromCache;
  }

  /** Adds change events: the store stage's, then the classify stage's RISK_CHANGED events. */
  void changes(int events) {
    changeEvents += events;
  }

  void suspectedRugPulls(int tools) {
    suspectedRugPulls = tools;
  }

  int changeEvents() {
    return changeEvents;
  }

  int suspectedRugPulls() {
    return suspectedRugPulls;
  }

  /**
   * The figures of a finished run: the catalogue as {@code tally} counted it and the export's
   * files. Adds a note when the store holds another number of tools than were exported.
   *
   * @param storedTools the tools the store holds (a consistency check)
   */
  RunSummary succeeded(CatalogueTally tally, ExportStats export, int storedTools) {
    if (tally.tools() != storedTools) {
      notes.add("store holds " + storedTools + " tools but " + tally.tools() + " were exported");
    }
    Map<String, Integer> categories = new LinkedHashMap<>();
    for (Category c : CATEGORY_ORDER) {
      categories.put(c.label(), tally.categories().get(c));
    }
    Map<String, Integer> riskLevels = new LinkedHashMap<>();
    tally.riskLevels().forEach((RiskLevel k, Integer v) -> riskLevels.put(k.label(), v));
    Path catalogueFile = exportDir.resolve("catalogue.json");
    long catalogueBytes;
    try {
      catalogueBytes = Files.size(catalogueFile);
    } catch (IOException e) {
      catalogueBytes = -1;
    }
    return summary(
        RunStatus.SUCCEEDED,
        new Catalogue(
            tally.servers(),
            new TreeMap<>(tally.serversBySource()),
            tally.serversWithTools(),
            tally.tools(),
            new TreeMap<>(tally.toolsByOrigin()),
            categories,
            riskLevels,
            catalogueBytes,
            export.interceptFiles(),
            export.policyLayerFiles()));
  }

  /** The figures of a run stopped at a safe point: its stages so far, nothing of the catalogue. */
  RunSummary interrupted() {
    return summary(RunStatus.INTERRUPTED, Catalogue.NONE);
  }

  /** The catalogue's figures in a summary; {@link #NONE} for a run that did not finish. */
  private record Catalogue(
      int servers,
      Map<String, Integer> serversBySource,
      int serversWithTools,
      int tools,
      Map<String, Integer> toolsByOrigin,
      Map<String, Integer> categories,
      Map<String, Integer> riskLevels,
      long catalogueBytes,
      int interceptFiles,
      int policyLayerFiles) {
    static final Catalogue NONE =
        new Catalogue(0, Map.of(), 0, 0, Map.of(), Map.of(), Map.of(), -1, 0, 0);
  }

  private RunSummary summary(RunStatus status, Catalogue c) {
    return new RunSummary(
        runId,
        status.name(),
        home.toString(),
        startedAt.toString(),
        c.servers(),
        c.serversBySource(),
        c.serversWithTools(),
        c.tools(),
        c.toolsByOrigin(),
        c.categories(),
        c.riskLevels(),
        assessedNew,
        assessedCached,
        List.copyOf(stages),
        List.copyOf(failures),
        List.copyOf(notes),
        exportDir.resolve("catalogue.json").toString(),
        c.catalogueBytes(),
        c.interceptFiles(),
        c.policyLayerFiles(),
        changeEvents,
        suspectedRugPulls);
  }
}
