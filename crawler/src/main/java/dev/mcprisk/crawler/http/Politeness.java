package dev.mcprisk.crawler.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How gently a {@link PoliteFetcher} treats each host: a request rate and a number of requests at
 * once per host, and retries with exponential backoff and full jitter (each wait is uniformly
 * random between 0 and {@code min(maxBackoff, initialBackoff * 2^(retry - 1))}; AWS Architecture
 * Blog, "Exponential Backoff And Jitter"). A {@code Retry-After} on 429 or 503 (RFC 9110, 10.2.3:
 * seconds or an HTTP date) replaces the backoff when it is at most {@code maxRetryAfter}; a longer
 * one ends the fetch as {@link FetchOutcome#RATE_LIMITED} rather than waiting less than asked.
 *
 * @param requestsPerSecondPerHost most request starts per second to one host; {@link
 *     #UNLIMITED_RATE} for no limit; positive
 * @param concurrentPerHost most requests in flight to one host at once; positive
 * @param maxRetries retries after the first attempt, {@code >= 0}
 * @param initialBackoff upper bound of the first retry's wait; positive
 * @param maxBackoff upper bound of any backoff wait; {@code >= initialBackoff}
 * @param maxRetryAfter longest {@code Retry-After} honoured; {@code >= 0}
 */
public record Politeness(
    double requestsPerSecondPerHost,
    int concurrentPerHost,
    int maxRetries,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration maxRetryAfter) {

  /** No rate limit (for loopback benchmarks, chosen by configuration). */
  public static final double UNLIMITED_RATE = Double.POSITIVE_INFINITY;

  /** Default rate: 2 requests per second per host. */
  public static final double DEFAULT_REQUESTS_PER_SECOND = 2.0;

  /** Default concurrency: 2 requests at once per host. */
  public static final int DEFAULT_CONCURRENT_PER_HOST = 2;

  /** Default retries after the first attempt: 3. */
  public static final int DEFAULT_MAX_RETRIES = 3;

  /** Default upper bound of the first backoff: 500 ms, doubling per retry. */
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);

  /** Default cap of a backoff wait: 30 s. */
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);

  /** Default longest {@code Retry-After} honoured: 60 s. */
  public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofSeconds(60);

  /** Requests at once per host with {@link #unthrottled()}: 64. */
  public static final int UNTHROTTLED_CONCURRENT_PER_HOST = 64;

  /** Upper bound of the first backoff with {@link #unthrottled()}: 100 ms. */
  public static final Duration UNTHROTTLED_INITIAL_BACKOFF = Duration.ofMillis(100);

  /** The defaults: 2 requests/s and 2 at once per host, 3 retries from 500 ms up to 30 s. */
  public static final Politeness DEFAULT =
      new Politeness(
          DEFAULT_REQUESTS_PER_SECOND,
          DEFAULT_CONCURRENT_PER_HOST,
          DEFAULT_MAX_RETRIES,
          DEFAULT_INITIAL_BACKOFF,
          DEFAULT_MAX_BACKOFF,
          DEFAULT_MAX_RETRY_AFTER);

  public Politeness {
    Objects.requireNonNull(initialBackoff, "initialBackoff == null");
    Objects.requireNonNull(maxBackoff, "maxBackoff == null");
    Objects.requireNonNull(maxRetryAfter, "maxRetryAfter == null");
    if (!(requestsPerSecondPerHost > 0)) {
      throw new IllegalArgumentException(
          "requestsPerSecondPerHost must be positive: " + requestsPerSecondPerHost);
    }
    if (concurrentPerHost <= 0) {
      throw new IllegalArgumentException("concurrentPerHost <= 0: " + concurrentPerHost);
    }
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries < 0: " + maxRetries);
    }
    if (initialBackoff.isNegative()
        || initialBackoff.isZero()
        || maxBackoff.compareTo(initialBackoff) < 0
        || maxRetryAfter.isNegative()) {
      throw new IllegalArgumentException(
          "need 0 < initialBackoff <= maxBackoff and maxRetryAfter >= 0");
    }
  }

  /**
   * No rate limit and {@value #UNTHROTTLED_CONCURRENT_PER_HOST} requests at once per host, still
   * with the default retries (shorter backoff): only for servers you run yourself, e.g. a loopback
   * benchmark. Chosen by configuration, never by looking at the host.
   */
  public static Politeness unthrottled() {
    return new Politeness(
        UNLIMITED_RATE,
        UNTHROTTLED_CONCURRENT_PER_HOST,
        DEFAULT_MAX_RETRIES,
        UNTHROTTLED_INITIAL_BACKOFF,
        DEFAULT_MAX_BACKOFF,
        DEFAULT_MAX_RETRY_AFTER);
  }

  /** This politeness with another number of retries. */
  public Politeness withMaxRetries(int retries) {
    return new Politeness(
        requestsPerSecondPerHost,
        concurrentPerHost,
        retries,
        initialBackoff,
        maxBackoff,
        maxRetryAfter);
  }

  /** Nanoseconds between request starts to one host; 0 when unlimited. */
  long intervalNanos() {
    return Double.isInfinite(requestsPerSecondPerHost)
        ? 0
        : (long) Math.ceil(1_000_000_000.0 / requestsPerSecondPerHost);
  }
}
