package dev.mcprisk.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The export stage of a bench run: the catalogue files written.
 *
 * @param seconds wall-clock seconds, at least 0 (rounded to milliseconds)
 * @param bytes total size of the exported files, at least 0
 */
@JsonPropertyOrder({"seconds", "bytes"})
public record ExportFigures(
    @JsonProperty("seconds") double seconds, @JsonProperty("bytes") long bytes) {

  public ExportFigures {
    seconds = Figures.seconds(seconds, "seconds");
    Figures.nonNegative(bytes, "bytes");
  }

  /** Figures for {@code bytes} exported in {@code nanos} nanoseconds. */
  public static ExportFigures of(long nanos, long bytes) {
    return new ExportFigures(Figures.toSeconds(nanos), bytes);
  }
}
