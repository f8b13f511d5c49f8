package dev.mcprisk.pipeline;

import dev.mcprisk.store.CatalogueStore;
import dev.mcprisk.store.RunStage;
import dev.mcprisk.store.StoreException;
import java.io.IOException;
import java.io.PrintStream;

/**
 * Runs the stages of one run: a safe point before each, then its timing, its progress line ({@code
 * "[n/6] name ms result"}), its record in the store and one INFO log line.
 *
 * <p>Not thread-safe.
 */
final class StageRunner {
  /** Number of stages, as printed in each progress line ("[n/6]"). */
  static final int STAGES = 6;

  /** A stage's body: may fail with the store's exception or an I/O error. */
  @FunctionalInterface
  interface Body<R extends StageReport> {
    R run() throws StoreException, IOException;
  }

  private final CatalogueStore store;
  private final RunJournal journal;
  private final StopSignal stop;
  private final PrintStream progress;
  private final String trigger;

  StageRunner(
      CatalogueStore store,
      RunJournal journal,
      StopSignal stop,
      PrintStream progress,
      String trigger) {
    this.store = store;
    this.journal = journal;
    this.stop = stop;
    this.progress = progress;
    this.trigger = trigger;
  }

  /**
   * Runs stage {@code name}.
   *
   * @return what the stage reported
   * @throws RunStopped when the stop signal is raised before the stage
   * @throws StoreException when the stage or its record fails in the store (an {@link
   *     UncheckedStoreException} from a sink is unwrapped)
   * @throws IOException when the stage cannot write its files
   */
  <R extends StageReport> R run(String name, Body<R> body) throws StoreException, IOException {
    RunStopped.checkpoint(stop, "before the " + name + " stage");
    long start = System.nanoTime();
    R report;
    try {
      report = body.run();
    } catch (UncheckedStoreException e) {
      throw e.getCause();
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    StageTiming timing = new StageTiming(name, millis, report.result(), report.counts());
    journal.stageDone(timing);
    progress.printf(
        "[%d/%d] %-8s %6d ms  %s%n", journal.stagesDone(), STAGES, name, millis, timing.result());
    progress.flush();
    store.recordStage(
        journal.runId(), new RunStage(name, millis, timing.result(), timing.counts()));
    if (RunLog.LOG.isInfoEnabled()) {
      StringBuilder counts = new StringBuilder();
      timing.counts().forEach((k, v) -> counts.append(' ').append(k).append('=').append(v));
      RunLog.LOG.info(
          "run={} trigger={} stage={} ms={}{}", journal.runId(), trigger, name, millis, counts);
    }
    return report;
  }
}
