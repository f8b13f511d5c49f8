package dev.mcprisk.pipeline;

import dev.mcprisk.store.RunLock;

/**
 * The pipeline lock is held by another process (and the run was told not to wait, or was stopped
 * while waiting). The message names the holder ({@code pid@host}) and since when.
 */
public final class PipelineLockedException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The holder, for a caller that wants more than the message. */
  private final transient RunLock holder;

  PipelineLockedException(String message, RunLock holder) {
    super(message);
    this.holder = holder;
  }

  /** Who holds the lock and since when. */
  public RunLock holder() {
    return holder;
  }
}
