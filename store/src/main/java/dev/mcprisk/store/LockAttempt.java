package dev.mcprisk.store;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link CatalogueStore#tryLockPipeline}.
 *
 * @param acquired true when the caller now holds the lock
 * @param holder the lock as it now stands: the caller's when acquired, else the other holder's
 * @param takenOver a stale lock the caller replaced (its owner's process was gone); null otherwise
 * @param abandonedRuns ids of RUNNING runs of that stale owner, now marked INTERRUPTED
 */
public record LockAttempt(
    boolean acquired, RunLock holder, RunLock takenOver, List<Long> abandonedRuns) {
  public LockAttempt {
    Objects.requireNonNull(holder, "holder == null");
    abandonedRuns = List.copyOf(abandonedRuns == null ? List.of() : abandonedRuns);
  }
}
