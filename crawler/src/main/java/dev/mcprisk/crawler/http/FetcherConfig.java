package dev.mcprisk.crawler.http;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Configuration of a {@link PoliteFetcher}.
 *
 * @param politeness per-host rate, concurrency and retries; never null
 * @param limits per-attempt bounds in bytes and time; never null
 * @param userAgent the {@code User-Agent} sent with every request; never blank
 * @param cacheDir the HTTP cache directory (OkHttp's disk cache: conditional requests with {@code
 *     ETag}/{@code Last-Modified}); null for no cache
 * @param cacheMaxBytes most bytes the cache keeps; positive when {@code cacheDir} is set
 * @param allowPrivateNetwork true to allow loopback and private addresses (a local registry copy);
 *     false blocks them, also as redirect targets
 */
public record FetcherConfig(
    Politeness politeness,
    FetchLimits limits,
    String userAgent,
    Path cacheDir,
    long cacheMaxBytes,
    boolean allowPrivateNetwork) {

  /** Version in the User-Agent. */
  public static final String CRAWLER_VERSION = "0.1.0";

  /** Where a registry operator can find out who crawls them. */
  public static final String CONTACT_URL =
      "https://github.com/mcp-risk-catalogue/mcp-risk-catalogue";

  /** The User-Agent: the crawler, its version and a contact URL. */
  public static final String USER_AGENT = "mcprisk/" + CRAWLER_VERSION + " (+" + CONTACT_URL + ")";

  /** Default size of the HTTP cache: 256 MiB. */
  public static final long DEFAULT_CACHE_MAX_BYTES = 256L * 1024 * 1024;

  public FetcherConfig {
    Objects.requireNonNull(politeness, "politeness == null");
    Objects.requireNonNull(limits, "limits == null");
    Objects.requireNonNull(userAgent, "userAgent == null");
    if (userAgent.isBlank()) {
      throw new IllegalArgumentException("userAgent is blank");
    }
    if (cacheDir != null && cacheMaxBytes <= 0) {
      throw new IllegalArgumentException("cacheMaxBytes <= 0 with a cache: " + cacheMaxBytes);
    }
  }

  /**
   * The defaults: {@link Politeness#DEFAULT}, {@link FetchLimits#DEFAULT}, {@link #USER_AGENT}, no
   * cache, public addresses only.
   */
  public static FetcherConfig defaults() {
    return new FetcherConfig(
        Politeness.DEFAULT, FetchLimits.DEFAULT, USER_AGENT, null, DEFAULT_CACHE_MAX_BYTES, false);
  }

  /** This configuration with an HTTP cache in {@code dir} of {@link #DEFAULT_CACHE_MAX_BYTES}. */
  public FetcherConfig withCache(Path dir) {
    return new FetcherConfig(
        politeness,
        limits,
        userAgent,
        dir,
        cacheMaxBytes > 0 ? cacheMaxBytes : DEFAULT_CACHE_MAX_BYTES,
        allowPrivateNetwork);
  }

  /** This configuration with other politeness. */
  public FetcherConfig withPoliteness(Politeness p) {
    return new FetcherConfig(p, limits, userAgent, cacheDir, cacheMaxBytes, allowPrivateNetwork);
  }

  /** This configuration with other limits. */
  public FetcherConfig withLimits(FetchLimits l) {
    return new FetcherConfig(
        politeness, l, userAgent, cacheDir, cacheMaxBytes, allowPrivateNetwork);
  }

  /** This configuration with private networks allowed or not. */
  public FetcherConfig withAllowPrivateNetwork(boolean allow) {
    return new FetcherConfig(politeness, limits, userAgent, cacheDir, cacheMaxBytes, allow);
  }
}
