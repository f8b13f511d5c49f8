package dev.mcprisk.crawler.mcp;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The protocol version a session speaks and what the server announced about itself: in the answer
 * to {@code initialize} (legacy) or to {@code server/discover} (2026-07-28).
 *
 * <p>Thread-safety: immutable, but the JSON nodes are the parsed answer's own mutable trees, never
 * changed by the crawler; it stays on the crawl thread.
 *
 * @param protocolVersion the version spoken: one of {@link VersionNegotiation#LEGACY_VERSIONS} or
 *     {@link VersionNegotiation#MODERN_VERSION}; null when none was agreed
 * @param modern true for the stateless protocol (2026-07-28): every request carries {@code _meta},
 *     and a result whose {@code resultType} is not {@code complete} cannot be used
 * @param serverInfo the server's {@code serverInfo} as sent (any JSON); null when absent
 * @param capabilities the server's {@code capabilities} as sent (any JSON); null when absent
 * @param instructions the server's {@code instructions} text; null when absent or not text
 */
record Negotiated(
    String protocolVersion,
    boolean modern,
    JsonNode serverInfo,
    JsonNode capabilities,
    String instructions) {

  /** Nothing negotiated (yet): every part null, legacy. */
  static final Negotiated NONE = new Negotiated(null, false, null, null, null);

  /**
   * True when {@code capabilities} is present and has the key {@code capability} ({@code tools},
   * {@code prompts}, {@code resources}); the value's shape is not checked.
   */
  boolean announces(String capability) {
    return capabilities != null && capabilities.has(capability);
  }
}
