package dev.mcprisk.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The result of one crawl of one server: a status, a reason, what the server said about itself, and
 * its tools.
 *
 * @param serverId id of the server crawled (see {@link ServerEntry#id()}); never blank
 * @param status how it ended; never null
 * @param reason what went wrong, for a person; empty for {@link CrawlStatus#OK}
 * @param at when the crawl (or the recorded capture) happened
 * @param method {@code snapshot} (recorded answer) or {@code stdio}, {@code streamable-http},
 *     {@code sse} (live)
 * @param protocolVersion negotiated MCP protocol version; null when none was agreed
 * @param serverInfo {@code initialize} result's {@code serverInfo}; may be null
 * @param capabilities the server's announced capabilities; may be null
 * @param instructions the server's {@code instructions}; may be null
 * @param tools every tool listed, in server order; empty on failure
 * @param pages tools/list pages read
 * @param durationMs wall time of the crawl in milliseconds (0 for a snapshot)
 * @param bytesRead bytes of protocol messages read
 */
public record CrawlOutcome(
    String serverId,
    CrawlStatus status,
    String reason,
    Instant at,
    String method,
    String protocolVersion,
    JsonNode serverInfo,
    JsonNode capabilities,
    String instructions,
    List<ToolDefinition> tools,
    int pages,
    long durationMs,
    long bytesRead) {

  public CrawlOutcome {
    Objects.requireNonNull(serverId, "serverId == null");
    Objects.requireNonNull(status, "status == null");
    Objects.requireNonNull(at, "at == null");
    Objects.requireNonNull(method, "method == null");
    reason = reason == null ? "" : reason;
    tools = List.copyOf(tools == null ? List.of() : tools);
  }

  /** A failed crawl with no tools. */
  public static CrawlOutcome failed(
      String serverId,
      CrawlStatus status,
      String reason,
      Instant at,
      String method,
      long durationMs) {
    return new CrawlOutcome(
        serverId, status, reason, at, method, null, null, null, null, List.of(), 0, durationMs, 0);
  }
}
