package dev.mcprisk.crawler.mcp;

import dev.mcprisk.json.Json;
import java.time.Duration;
import java.util.Objects;

/**
 * Every bound on one live crawl of one server. A crawl that hits one ends with a status ({@code
 * TIMEOUT}, {@code TOO_LARGE}, {@code TRUNCATED}), never with an exception.
 *
 * @param startupTimeout from process start until the {@code initialize} answer; over HTTP+SSE also
 *     from the stream's GET until its {@code endpoint} event, status line and headers included;
 *     positive
 * @param requestTimeout for each later request's answer ({@code tools/list} page); positive
 * @param totalTimeout for the whole crawl from process start to the last page, shut-down not
 *     included; positive
 * @param maxMessageBytes longest stdout line (one JSON-RPC message), in bytes; positive
 * @param maxTotalBytes all stdout bytes of one crawl; at least {@code maxMessageBytes}
 * @param maxPages most {@code tools/list} pages followed; positive
 * @param maxTools most tools kept; positive
 * @param connectTimeout for opening one TCP (and TLS) connection to an HTTP server; positive
 * @param maxJsonDepth deepest JSON nesting accepted in one message, envelope included; 1 to {@link
 *     Json#MAX_NESTING_DEPTH} (what is stored must be readable again by the project's mapper)
 * @param maxSseEventBytes largest server-sent event (all its lines together), in bytes; positive
 * @param maxStderrBytes bytes of a stdio server's stderr kept (the tail) for a failure reason;
 *     positive
 * @param maxNoiseLines non-JSON stdout lines (stdio) or non-JSON SSE data (HTTP) tolerated before
 *     the crawl ends as {@code PROTOCOL_ERROR}; zero or more
 */
public record CrawlLimits(
    Duration startupTimeout,
    Duration requestTimeout,
    Duration totalTimeout,
    int maxMessageBytes,
    long maxTotalBytes,
    int maxPages,
    int maxTools,
    Duration connectTimeout,
    int maxJsonDepth,
    int maxSseEventBytes,
    int maxStderrBytes,
    int maxNoiseLines) {

  /** Default start-up timeout: 15 seconds (node plus bubblewrap on a loaded 2-core machine). */
  public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(15);

  /** Default per-request timeout: 10 seconds. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

  /** Default whole-crawl timeout: 60 seconds. */
  public static final Duration DEFAULT_TOTAL_TIMEOUT = Duration.ofSeconds(60);

  /** Default longest message: 4 MiB (the largest real tools/list page seen is 140 KB). */
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

  /** Default stdout budget per crawl: 32 MiB. */
  public static final long DEFAULT_MAX_TOTAL_BYTES = 32L * 1024 * 1024;

  /** Default page cap: 100 {@code tools/list} pages. */
  public static final int DEFAULT_MAX_PAGES = 100;

  /** Default tool cap: 10,000 tools per server. */
  public static final int DEFAULT_MAX_TOOLS = 10_000;

  /** Default connect timeout: 10 seconds. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /**
   * Default deepest JSON nesting: 100 levels (the deepest real input schema seen nests about 15
   * levels below a {@code tools/list} answer's 4 levels of envelope).
   */
  public static final int DEFAULT_MAX_JSON_DEPTH = 100;

  /** Default largest server-sent event: 4 MiB, the same as one message. */
  public static final int DEFAULT_MAX_SSE_EVENT_BYTES = 4 * 1024 * 1024;

  /** Default stderr kept: the last 8 KiB. */
  public static final int DEFAULT_MAX_STDERR_BYTES = 8 * 1024;

  /** Default non-JSON stdout lines (or SSE data) tolerated: 1,000 lines. */
  public static final int DEFAULT_MAX_NOISE_LINES = 1_000;

  public CrawlLimits {
    positive(startupTimeout, "startupTimeout");
    positive(requestTimeout, "requestTimeout");
    positive(totalTimeout, "totalTimeout");
    if (maxMessageBytes <= 0) {
      throw new IllegalArgumentException("maxMessageBytes <= 0: " + maxMessageBytes);
    }
    if (maxTotalBytes < maxMessageBytes) {
      throw new IllegalArgumentException(
          "maxTotalBytes " + maxTotalBytes + " < maxMessageBytes " + maxMessageBytes);
    }
    if (maxPages <= 0) {
      throw new IllegalArgumentException("maxPages <= 0: " + maxPages);
    }
    if (maxTools <= 0) {
      throw new IllegalArgumentException("maxTools <= 0: " + maxTools);
    }
    positive(connectTimeout, "connectTimeout");
    if (maxJsonDepth <= 0 || maxJsonDepth > Json.MAX_NESTING_DEPTH) {
      throw new IllegalArgumentException(
          "maxJsonDepth not in 1.." + Json.MAX_NESTING_DEPTH + ": " + maxJsonDepth);
    }
    if (maxSseEventBytes <= 0) {
      throw new IllegalArgumentException("maxSseEventBytes <= 0: " + maxSseEventBytes);
    }
    if (maxStderrBytes <= 0) {
      throw new IllegalArgumentException("maxStderrBytes <= 0: " + maxStderrBytes);
    }
    if (maxNoiseLines < 0) {
      throw new IllegalArgumentException("maxNoiseLines < 0: " + maxNoiseLines);
    }
  }

  /**
   * The first seven bounds as given and the defaults for the rest: connect 10 s, JSON depth 100,
   * SSE event 4 MiB, stderr 8 KiB, 1,000 noise lines.
   */
  public CrawlLimits(
      Duration startupTimeout,
      Duration requestTimeout,
      Duration totalTimeout,
      int maxMessageBytes,
      long maxTotalBytes,
      int maxPages,
      int maxTools) {
    this(
        startupTimeout,
        requestTimeout,
        totalTimeout,
        maxMessageBytes,
        maxTotalBytes,
        maxPages,
        maxTools,
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_MAX_JSON_DEPTH,
        DEFAULT_MAX_SSE_EVENT_BYTES,
        DEFAULT_MAX_STDERR_BYTES,
        DEFAULT_MAX_NOISE_LINES);
  }

  /**
   * The defaults: start-up 15 s, request 10 s, total 60 s, message 4 MiB, total 32 MiB, 100 pages,
   * 10,000 tools, connect 10 s, JSON depth 100, SSE event 4 MiB, stderr 8 KiB, 1,000 noise lines.
   */
  public static CrawlLimits defaults() {
    return new CrawlLimits(
        DEFAULT_STARTUP_TIMEOUT,
        DEFAULT_REQUEST_TIMEOUT,
        DEFAULT_TOTAL_TIMEOUT,
        DEFAULT_MAX_MESSAGE_BYTES,
        DEFAULT_MAX_TOTAL_BYTES,
        DEFAULT_MAX_PAGES,
        DEFAULT_MAX_TOOLS,
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_MAX_JSON_DEPTH,
        DEFAULT_MAX_SSE_EVENT_BYTES,
        DEFAULT_MAX_STDERR_BYTES,
        DEFAULT_MAX_NOISE_LINES);
  }

  private static void positive(Duration duration, String name) {
    Objects.requireNonNull(duration, name + " == null");
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " is not positive: " + duration);
    }
  }
}
