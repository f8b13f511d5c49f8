package dev.mcprisk.pipeline.source;

import dev.mcprisk.model.CrawlStatus;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The figures the sources of one stage report through their sink: a count per {@link SourceCount},
 * and the remote crawls by outcome.
 *
 * <p>Not thread-safe; the sinks serialise calls.
 */
public final class SourceReport {
  private final Map<SourceCount, Long> counts = new EnumMap<>(SourceCount.class);
  private final Map<CrawlStatus, Long> remoteOutcomes = new EnumMap<>(CrawlStatus.class);

  /** Adds {@code delta} to {@code count}. */
  public void add(SourceCount count, long delta) {
    counts.merge(Objects.requireNonNull(count, "count == null"), delta, Long::sum);
  }

  /**
   * Counts one remote crawl by its outcome: {@link SourceCount#REMOTE_OK} when OK, else {@code
   * remote<STATUS>} (e.g. {@code remoteTIMEOUT}).
   */
  public void addRemoteOutcome(CrawlStatus status) {
    if (Objects.requireNonNull(status, "status == null") == CrawlStatus.OK) {
      add(SourceCount.REMOTE_OK, 1);
    } else {
      remoteOutcomes.merge(status, 1L, Long::sum);
    }
  }

  /** The count of {@code count}; 0 when nothing was counted. */
  public long get(SourceCount count) {
    return counts.getOrDefault(count, 0L);
  }

  /** Whether anything was counted under {@code count} (a source that counts 0 still counts). */
  public boolean has(SourceCount count) {
    return counts.containsKey(count);
  }

  /** Every figure by its key, sorted by key, as the stage reports it. */
  public Map<String, Long> asCounts() {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k.key(), v));
    remoteOutcomes.forEach((k, v) -> out.put("remote" + k.name(), v));
    return out;
  }
}
