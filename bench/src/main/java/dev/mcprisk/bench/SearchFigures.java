package dev.mcprisk.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Arrays;

/**
 * The search workload of a bench run: the judged queries against the built index.
 *
 * @param queries queries run, at least 0
 * @param p50Ms median latency in milliseconds, at least 0 (rounded to 0.01 ms)
 * @param p99Ms 99th-percentile latency (nearest rank) in milliseconds, at least {@code p50Ms}
 */
@JsonPropertyOrder({"queries", "p50Ms", "p99Ms"})
public record SearchFigures(
    @JsonProperty("queries") int queries,
    @JsonProperty("p50Ms") double p50Ms,
    @JsonProperty("p99Ms") double p99Ms) {

  public SearchFigures {
    Figures.nonNegative(queries, "queries");
    p50Ms = Figures.millis(p50Ms, "p50Ms");
    p99Ms = Figures.millis(p99Ms, "p99Ms");
    if (p99Ms < p50Ms) {
      throw new IllegalArgumentException("p99Ms < p50Ms");
    }
  }

  /**
   * Figures from one latency per query, in nanoseconds (nearest-rank percentiles; 0 when empty).
   */
  public static SearchFigures of(long[] latencyNanos) {
    long[] sorted = latencyNanos.clone();
    Arrays.sort(sorted);
    return new SearchFigures(
        sorted.length, Figures.rank(sorted, 0.50) / 1e6, Figures.rank(sorted, 0.99) / 1e6);
  }
}
