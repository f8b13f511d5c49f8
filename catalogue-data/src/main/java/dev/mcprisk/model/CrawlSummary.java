package dev.mcprisk.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * The latest crawl of a server, as exported.
 *
 * @param status how it ended
 * @param reason why it failed; empty on success
 * @param at when it happened
 * @param method {@code snapshot}, {@code stdio}, {@code streamable-http} or {@code sse}
 * @param protocolVersion negotiated protocol version; may be null
 * @param clientCapabilities the capabilities the client announced ({@link
 *     CrawlOutcome#clientCapabilities()}); null when not known (a snapshot, or nothing was sent)
 */
public record CrawlSummary(
    CrawlStatus status,
    String reason,
    Instant at,
    String method,
    String protocolVersion,
    JsonNode clientCapabilities) {
  public CrawlSummary {
    Objects.requireNonNull(status, "status == null");
    Objects.requireNonNull(at, "at == null");
    reason = reason == null ? "" : reason;
  }

  /** A summary without client capabilities (not known). */
  public CrawlSummary(
      CrawlStatus status, String reason, Instant at, String method, String protocolVersion) {
    this(status, reason, at, method, protocolVersion, null);
  }
}
