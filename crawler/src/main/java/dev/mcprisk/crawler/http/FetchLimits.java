package dev.mcprisk.crawler.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds of every fetch, per attempt. A body over {@code maxBodyBytes} ends the fetch as {@link
 * FetchOutcome#TOO_LARGE}: reading stops there (a declared {@code Content-Length} over it is
 * refused before reading), nothing beyond it is buffered.
 *
 * @param maxBodyBytes largest body read, in bytes; positive
 * @param connectTimeout longest wait to connect; positive
 * @param readTimeout longest wait between two reads; positive
 * @param callTimeout longest single attempt, connect to last byte; positive
 * @param maxRedirects most redirects followed per fetch, {@code >= 0}
 */
public record FetchLimits(
    long maxBodyBytes,
    Duration connectTimeout,
    Duration readTimeout,
    Duration callTimeout,
    int maxRedirects) {

  /** Default largest body: 32 MiB (npm packuments of long-lived packages run to several MiB). */
  public static final long DEFAULT_MAX_BODY_BYTES = 32L * 1024 * 1024;

  /** Default connect timeout: 10 s. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** Default read timeout: 30 s. */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

  /** Default timeout of one attempt: 60 s. */
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);

  /** Default most redirects: 5. */
  public static final int DEFAULT_MAX_REDIRECTS = 5;

  /** The defaults: 32 MiB, 10 s connect, 30 s read, 60 s per attempt, 5 redirects. */
  public static final FetchLimits DEFAULT =
      new FetchLimits(
          DEFAULT_MAX_BODY_BYTES,
          DEFAULT_CONNECT_TIMEOUT,
          DEFAULT_READ_TIMEOUT,
          DEFAULT_CALL_TIMEOUT,
          DEFAULT_MAX_REDIRECTS);

  public FetchLimits {
    Objects.requireNonNull(connectTimeout, "connectTimeout == null");
    Objects.requireNonNull(readTimeout, "readTimeout == null");
    Objects.requireNonNull(callTimeout, "callTimeout == null");
    if (maxBodyBytes <= 0) {
      throw new IllegalArgumentException("maxBodyBytes <= 0: " + maxBodyBytes);
    }
    if (!positive(connectTimeout) || !positive(readTimeout) || !positive(callTimeout)) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
    if (maxRedirects < 0) {
      throw new IllegalArgumentException("maxRedirects < 0: " + maxRedirects);
    }
  }

  private static boolean positive(Duration d) {
    return !d.isNegative() && !d.isZero();
  }
}
