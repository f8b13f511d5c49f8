package dev.mcprisk.pipeline;

import java.util.Map;
import java.util.TreeMap;

/**
 * How one pipeline stage went.
 *
 * @param stage stage name: registry, tools, store, classify, index, export
 * @param millis wall time in milliseconds
 * @param result one line on what it did, e.g. "468 servers from 2 files"
 * @param counts the stage's figures by name (e.g. {@code classified}, {@code fromCache}), sorted
 */
public record StageTiming(String stage, long millis, String result, Map<String, Long> counts) {
  public StageTiming {
    counts =
        java.util.Collections.unmodifiableMap(new TreeMap<>(counts == null ? Map.of() : counts));
  }
}
