package dev.mcprisk.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The store stage of a bench run: crawl outcomes and tools written to the catalogue store.
 *
 * @param seconds wall-clock seconds, at least 0 (rounded to milliseconds)
 */
@JsonPropertyOrder({"seconds"})
public record StoreFigures(@JsonProperty("seconds") double seconds) {

  public StoreFigures {
    seconds = Figures.seconds(seconds, "seconds");
  }

  /** Figures for a stage of {@code nanos} nanoseconds. */
  public static StoreFigures of(long nanos) {
    return new StoreFigures(Figures.toSeconds(nanos));
  }
}
