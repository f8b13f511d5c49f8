package dev.mcprisk.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The crawl stage of a bench run: every server crawled over Streamable HTTP.
 *
 * @param seconds wall-clock seconds of the stage, at least 0 (rounded to milliseconds)
 * @param serversPerSecond servers crawled per wall-clock second, at least 0 (rounded to 0.1)
 */
@JsonPropertyOrder({"seconds", "serversPerSecond"})
public record CrawlFigures(
    @JsonProperty("seconds") double seconds,
    @JsonProperty("serversPerSecond") double serversPerSecond) {

  public CrawlFigures {
    seconds = Figures.seconds(seconds, "seconds");
    serversPerSecond = Figures.rate(serversPerSecond, "serversPerSecond");
  }

  /** Figures for {@code servers} crawled in {@code nanos} nanoseconds. */
  public static CrawlFigures of(long nanos, long servers) {
    return new CrawlFigures(Figures.toSeconds(nanos), Figures.perSecond(servers, nanos));
  }
}
