package dev.mcprisk.pipeline;

import dev.mcprisk.store.StoreException;

/**
 * A {@link StoreException} carried through a callback or an iterator that cannot throw it (a {@link
 * ToolSink}, the paged catalogue); the pipeline unwraps it and fails the run with the cause.
 */
public final class UncheckedStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Wraps {@code cause}; the message is the cause's. */
  public UncheckedStoreException(StoreException cause) {
    super(cause.getMessage(), cause);
  }

  @Override
  public synchronized StoreException getCause() {
    return (StoreException) super.getCause();
  }
}
