package dev.mcprisk.crawler.http;

/**
 * How one fetch (after its retries) ended. Only {@link #OK} and {@link #NOT_MODIFIED} carry a body.
 */
public enum FetchOutcome {
  /** A 2xx answer, read whole (from the network, or a fresh copy from the cache). */
  OK,
  /** The server answered 304 to a conditional request; the body is the cached copy. */
  NOT_MODIFIED,
  /** 404 or 410: the resource is not there. Not retried. */
  NOT_FOUND,
  /** Any other non-2xx answer (5xx after the retries, 4xx at once). */
  HTTP_ERROR,
  /** 429 (or 503 with {@code Retry-After}) after the retries, or a {@code Retry-After} too long. */
  RATE_LIMITED,
  /** An attempt ran out of time (connect, read or call timeout), after the retries. */
  TIMEOUT,
  /** The body is over {@link FetchLimits#maxBodyBytes()}; reading stopped there. Not retried. */
  TOO_LARGE,
  /** The URL or a redirect leads to an address the policy forbids. Not retried. */
  BLOCKED,
  /** No connection could be made (refused, unreachable, unknown host), after the retries. */
  CONNECT_FAILED,
  /** The connection broke while the answer was read, after the retries. */
  IO_ERROR,
  /** A redirect led back to a URL already visited in this fetch. */
  REDIRECT_LOOP,
  /** More redirects than {@link FetchLimits#maxRedirects()}, or a redirect without a Location. */
  TOO_MANY_REDIRECTS,
  /** Not an absolute http(s) URL. */
  INVALID_URL,
  /** The thread was interrupted while waiting; its interrupt flag is set again. */
  INTERRUPTED,
  /**
   * A 2xx answer (or a cached copy) that its caller's check refused: not the document expected (bad
   * JSON, not a registry page) or a registry cursor seen before; the reason says why. Carries no
   * body. Not retried. See {@link PoliteFetcher#get(String, java.net.URI, java.util.Map,
   * java.util.function.Function)}.
   */
  REJECTED;

  /** True for {@link #OK} and {@link #NOT_MODIFIED}: the result has a body. */
  public boolean success() {
    return this == OK || this == NOT_MODIFIED;
  }
}
