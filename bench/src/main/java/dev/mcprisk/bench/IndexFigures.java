package dev.mcprisk.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The index stage of a bench run: the Lucene index built.
 *
 * @param seconds wall-clock seconds, at least 0 (rounded to milliseconds)
 * @param bytes size of the index folder on disk, at least 0
 */
@JsonPropertyOrder({"seconds", "bytes"})
public record IndexFigures(
    @JsonProperty("seconds") double seconds, @JsonProperty("bytes") long bytes) {

  public IndexFigures {
    seconds = Figures.seconds(seconds, "seconds");
    Figures.nonNegative(bytes, "bytes");
  }

  /** Figures for an index of {@code bytes} built in {@code nanos} nanoseconds. */
  public static IndexFigures of(long nanos, long bytes) {
    return new IndexFigures(Figures.toSeconds(nanos), bytes);
  }
}
