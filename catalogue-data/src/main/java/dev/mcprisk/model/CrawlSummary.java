package dev.mcprisk.model;

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
 */
public record CrawlSummary(
    CrawlStatus status, String reason, Instant at, String method, String protocolVersion) {
  public CrawlSummary {
    Objects.requireNonNull(status, "status == null");
    Objects.requireNonNull(at, "at == null");
    reason = reason == null ? "" : reason;
  }
}
