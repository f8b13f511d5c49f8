package dev.mcprisk.bench;

import java.util.Objects;

/**
 * A pipeline run of a {@link Benchmark} did not end SUCCEEDED, so its figures would mean nothing.
 * Carries the run's status ({@code FAILED} or {@code INTERRUPTED}, see {@code
 * dev.mcprisk.store.RunStatus}).
 */
public final class BenchRunFailedException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The run's status name. */
  private final String status;

  /**
   * @param status the status the run ended with
   * @throws NullPointerException when {@code status} is null
   */
  public BenchRunFailedException(String status) {
    super("the run ended " + Objects.requireNonNull(status, "status == null"));
    this.status = status;
  }

  /** The status the run ended with, e.g. {@code FAILED}. */
  public String status() {
    return status;
  }
}
