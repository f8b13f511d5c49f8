package dev.mcprisk.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The classify stage of a bench run: every tool assessed.
 *
 * @param seconds wall-clock seconds, at least 0 (rounded to milliseconds)
 * @param toolsPerSecond tools classified per wall-clock second, at least 0 (rounded to 0.1)
 */
@JsonPropertyOrder({"seconds", "toolsPerSecond"})
public record ClassifyFigures(
    @JsonProperty("seconds") double seconds,
    @JsonProperty("toolsPerSecond") double toolsPerSecond) {

  public ClassifyFigures {
    seconds = Figures.seconds(seconds, "seconds");
    toolsPerSecond = Figures.rate(toolsPerSecond, "toolsPerSecond");
  }

  /** Figures for {@code tools} classified in {@code nanos} nanoseconds. */
  public static ClassifyFigures of(long nanos, long tools) {
    return new ClassifyFigures(Figures.toSeconds(nanos), Figures.perSecond(tools, nanos));
  }
}
