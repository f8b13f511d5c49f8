package dev.mcprisk.store;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One finished stage of a pipeline run, as recorded.
 *
 * @param stage stage name, e.g. {@code registry}, {@code classify}; never blank, at most 64 chars
 * @param millis wall time in milliseconds, not negative
 * @param result one line on what it did, for a person; never null
 * @param counts named counts of the stage (e.g. {@code classified}, {@code fromCache}), sorted by
 *     name; never null
 */
public record RunStage(String stage, long millis, String result, Map<String, Long> counts) {
  public RunStage {
    Objects.requireNonNull(stage, "stage == null");
    Objects.requireNonNull(result, "result == null");
    if (stage.isBlank() || stage.length() > 64) {
      throw new IllegalArgumentException("stage must be 1..64 chars: '" + stage + "'");
    }
    if (millis < 0) {
      throw new IllegalArgumentException("millis < 0: " + millis);
    }
    counts =
        java.util.Collections.unmodifiableMap(new TreeMap<>(counts == null ? Map.of() : counts));
  }
}
