package dev.mcprisk.pipeline;

import dev.mcprisk.store.CatalogueStore;
import dev.mcprisk.store.LockAttempt;
import dev.mcprisk.store.RunLockOwner;
import dev.mcprisk.store.StoreException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Takes the pipeline lock in the store (one run at a time across processes on one catalogue),
 * waiting for it when asked. A stale lock of a process gone from this host is taken over ({@link
 * CatalogueStore#tryLockPipeline}).
 */
final class PipelineLock {
  /** How often a run waiting for the pipeline lock tries again: every 2 seconds. */
  static final Duration POLL_INTERVAL = Duration.ofSeconds(2);

  private PipelineLock() {}

  /**
   * Takes the lock for {@code me}.
   *
   * @param wait whether to wait for a live holder ({@code --wait}); otherwise fail at once
   * @param progress where "waiting for it" and a take-over are announced, once each
   * @return a note for the run summary when a stale lock was taken over
   * @throws PipelineLockedException when a live process holds the lock and {@code wait} is false,
   *     or the stop signal was raised or the thread interrupted while waiting
   * @throws StoreException when the store cannot be read or written
   */
  static Optional<String> acquire(
      CatalogueStore store,
      RunLockOwner me,
      boolean wait,
      StopSignal stop,
      Clock clock,
      PrintStream progress)
      throws StoreException, PipelineLockedException {
    boolean announced = false;
    while (true) {
      LockAttempt attempt = store.tryLockPipeline(me, clock.instant());
      if (attempt.acquired()) {
        if (attempt.takenOver() == null) {
          return Optional.empty();
        }
        String note =
            "took over the stale pipeline lock of "
                + attempt.takenOver().owner()
                + " (held since "
                + attempt.takenOver().since()
                + "; that process is gone)"
                + (attempt.abandonedRuns().isEmpty()
                    ? ""
                    : "; its run(s) " + attempt.abandonedRuns() + " recorded as INTERRUPTED");
        progress.println("mcprisk: " + note);
        progress.flush();
        return Optional.of(note);
      }
      String held =
          "the pipeline is locked by "
              + attempt.holder().owner()
              + " since "
              + attempt.holder().since();
      if (!wait) {
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
        TimeUnit.MILLISECONDS.sleep(POLL_INTERVAL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PipelineLockedException("interrupted while waiting: " + held, attempt.holder());
      }
    }
  }
}
