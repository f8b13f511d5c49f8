package dev.mcprisk.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

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
 * @param clientCapabilities the capabilities this client announced (the {@code capabilities} of
 *     {@code initialize}, or the 2026-07-28 {@code _meta} client capabilities), e.g. {@code
 *     {"roots":{"listChanged":true},"sampling":{},"elicitation":{}}}; {@code {}} when none were;
 *     null when nothing was sent (a snapshot, or a failure before the first request)
 * @param serverRequests requests the server sent to this client, counted by method ({@code
 *     roots/list}, {@code sampling/createMessage}, {@code elicitation/create}, {@code ping}, and
 *     {@code other} for the rest); each answered without reading a file or calling a model; never
 *     null, sorted by method, counts positive
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
    long bytesRead,
    JsonNode clientCapabilities,
    Map<String, Integer> serverRequests) {

  public CrawlOutcome {
    Objects.requireNonNull(serverId, "serverId == null");
    Objects.requireNonNull(status, "status == null");
    Objects.requireNonNull(at, "at == null");
    Objects.requireNonNull(method, "method == null");
    reason = reason == null ? "" : reason;
    tools = List.copyOf(tools == null ? List.of() : tools);
    Objects.requireNonNull(serverRequests, "serverRequests == null");
    for (Map.Entry<String, Integer> count : serverRequests.entrySet()) {
      if (count.getValue() <= 0) {
        throw new IllegalArgumentException("serverRequests count <= 0: " + count);
      }
    }
    serverRequests = Collections.unmodifiableMap(new TreeMap<>(serverRequests));
  }

  /** An outcome with no client capabilities recorded and no server requests (a snapshot). */
  public CrawlOutcome(
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
    this(
        serverId,
        status,
        reason,
        at,
        method,
        protocolVersion,
        serverInfo,
        capabilities,
        instructions,
        tools,
        pages,
        durationMs,
        bytesRead,
        null,
        Map.of());
  }

  /** This outcome with {@code newReason} (e.g. redacted); everything else kept. */
  public CrawlOutcome withReason(String newReason) {
    return new CrawlOutcome(
        serverId,
        status,
        newReason,
        at,
        method,
        protocolVersion,
        serverInfo,
        capabilities,
        instructions,
        tools,
        pages,
        durationMs,
        bytesRead,
        clientCapabilities,
        serverRequests);
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
