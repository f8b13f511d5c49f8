package dev.mcprisk.pipeline;

/**
 * Thrown at a safe point (between stages, sources and pages of servers) when the run's {@link
 * StopSignal} is raised; {@link Pipeline} records the run INTERRUPTED. Never leaves the pipeline.
 */
final class RunStopped extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private RunStopped(String where) {
    super(where, null, false, false);
  }

  /**
   * A safe point: returns when no stop was requested.
   *
   * @param where where the run is, for the run's note ("in the tools stage, before ...")
   * @throws RunStopped when {@code stop} is raised
   */
  static void checkpoint(StopSignal stop, String where) {
    if (stop.stopRequested()) {
      throw new RunStopped(where);
    }
  }
}
