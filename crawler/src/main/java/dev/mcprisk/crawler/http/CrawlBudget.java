package dev.mcprisk.crawler.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds of one crawl of one source as a whole (every page of a registry listing), on top of the
 * per-fetch {@link FetchLimits}. A crawl that reaches either stops before its next fetch, keeps
 * what it read and records why; it can overrun by at most the fetch in progress (itself bounded by
 * {@link FetchLimits}).
 *
 * @param maxBytes most body bytes fetched in one crawl, in bytes; positive
 * @param maxTime longest wall time of one crawl; positive
 */
public record CrawlBudget(long maxBytes, Duration maxTime) {

  /**
   * Default most bytes per crawl: 256 MiB, six times a full listing of the MCP Registry (430 pages,
   * 40.7 MB for 43,000 entries).
   */
  public static final long DEFAULT_MAX_BYTES = 256L * 1024 * 1024;

  /**
   * Default longest crawl: 15 minutes, four times a full polite listing of the MCP Registry (430
   * pages at 2 requests/s take at least 215 s).
   */
  public static final Duration DEFAULT_MAX_TIME = Duration.ofMinutes(15);

  /** The defaults: 256 MiB and 15 minutes. */
  public static final CrawlBudget DEFAULT = new CrawlBudget(DEFAULT_MAX_BYTES, DEFAULT_MAX_TIME);

  public CrawlBudget {
    Objects.requireNonNull(maxTime, "maxTime == null");
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes <= 0: " + maxBytes);
    }
    if (maxTime.isNegative() || maxTime.isZero()) {
      throw new IllegalArgumentException("maxTime is not positive: " + maxTime);
    }
  }
}
