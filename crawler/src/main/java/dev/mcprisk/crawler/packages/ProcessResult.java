package dev.mcprisk.crawler.packages;

import java.util.Objects;

/**
 * How one bounded child process (such as {@code npm install}) ended.
 *
 * @param exitCode the exit code; -1 when the process was killed on its deadline
 * @param timedOut true when the deadline passed and the process tree was killed
 * @param outputTail the last bytes of its merged stdout and stderr, UTF-8 decoded and stripped;
 *     never null
 * @param durationMs wall time in milliseconds, zero or more
 */
public record ProcessResult(int exitCode, boolean timedOut, String outputTail, long durationMs) {
  public ProcessResult {
    Objects.requireNonNull(outputTail, "outputTail == null");
    if (durationMs < 0) {
      throw new IllegalArgumentException("durationMs < 0: " + durationMs);
    }
  }

  /** True when the process ended by itself with exit code 0. */
  public boolean ok() {
    return !timedOut && exitCode == 0;
  }
}
