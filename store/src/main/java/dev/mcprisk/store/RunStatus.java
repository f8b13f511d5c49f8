package dev.mcprisk.store;

/**
 * How a pipeline run stands or ended. A run is {@link #RUNNING} from its start until it records its
 * end; one whose process died without recording an end (SIGKILL, power loss) is marked {@link
 * #INTERRUPTED} by the next run that takes over its stale lock.
 */
public enum RunStatus {
  /** Started, not ended (or its process died and no later run has noticed yet). */
  RUNNING,
  /** Every stage completed. */
  SUCCEEDED,
  /** A stage threw: the run's error says what. */
  FAILED,
  /** Stopped at a safe point on request (SIGTERM), or its process died mid-run. */
  INTERRUPTED;

  /**
   * Parses a stored status. Schema-1 rows written before statuses were fixed map as: null to {@link
   * #RUNNING}, {@code ok} to {@link #SUCCEEDED}, {@code failed} to {@link #FAILED}.
   *
   * @throws IllegalArgumentException for any other text
   */
  public static RunStatus parse(String text) {
    if (text == null) {
      return RUNNING;
    }
    return switch (text.trim().toUpperCase(java.util.Locale.ROOT)) {
      case "OK" -> SUCCEEDED;
      case "RUNNING", "SUCCEEDED", "FAILED", "INTERRUPTED" ->
          valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
      default -> throw new IllegalArgumentException("unknown run status: " + text);
    };
  }
}
