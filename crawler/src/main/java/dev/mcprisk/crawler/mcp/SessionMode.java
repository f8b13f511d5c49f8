package dev.mcprisk.crawler.mcp;

/**
 * How a session starts, chosen by the caller for its transport ({@link VersionNegotiation} follows
 * it).
 *
 * <p>Where the rules come from: a client that speaks both the stateless protocol (2026-07-28) and
 * the legacy one sends {@code server/discover} first
 * (https://modelcontextprotocol.io/specification/2026-07-28/server/discover, "When to Call");
 * HTTP+SSE (2024-11-05) is a legacy transport only
 * (https://modelcontextprotocol.io/specification/2025-03-26/basic/transports#backwards-compatibility).
 *
 * <p>Thread-safe: an enum.
 */
enum SessionMode {
  /**
   * {@code server/discover} first; no answer within {@link
   * VersionNegotiation#STDIO_DISCOVER_TIMEOUT} means legacy.
   */
  STDIO,
  /** {@code server/discover} first; an HTTP 4xx/5xx without a modern error means legacy. */
  HTTP,
  /**
   * {@code initialize} at once (HTTP+SSE, or a stdio server that died on {@code server/discover}).
   */
  LEGACY_ONLY
}
