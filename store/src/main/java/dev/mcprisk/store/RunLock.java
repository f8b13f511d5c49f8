package dev.mcprisk.store;

import java.time.Instant;
import java.util.Objects;

/**
 * The pipeline lock row: who holds it and since when.
 *
 * @param owner the holding process
 * @param since when it took the lock
 */
public record RunLock(RunLockOwner owner, Instant since) {
  public RunLock {
    Objects.requireNonNull(owner, "owner == null");
    Objects.requireNonNull(since, "since == null");
  }
}
