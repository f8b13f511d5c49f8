package dev.mcprisk.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The incremental run of a bench: the pipeline again after a share of the servers changed.
 *
 * @param changedServers servers changed between the runs, at least 0
 * @param seconds wall-clock seconds of the whole incremental run, at least 0 (rounded to
 *     milliseconds)
 */
@JsonPropertyOrder({"changedServers", "seconds"})
public record IncrementalFigures(
    @JsonProperty("changedServers") int changedServers, @JsonProperty("seconds") double seconds) {

  public IncrementalFigures {
    Figures.nonNegative(changedServers, "changedServers");
    seconds = Figures.seconds(seconds, "seconds");
  }

  /** Figures for {@code changedServers} re-run in {@code nanos} nanoseconds. */
  public static IncrementalFigures of(int changedServers, long nanos) {
    return new IncrementalFigures(changedServers, Figures.toSeconds(nanos));
  }
}
