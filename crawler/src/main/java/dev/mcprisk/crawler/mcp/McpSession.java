package dev.mcprisk.crawler.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.CrawlOutcome;
import dev.mcprisk.model.CrawlStatus;
import dev.mcprisk.model.ToolDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One MCP client session over any {@link McpTransport}, transport-independent: version negotiation,
 * then the list requests.
 *
 * <p>Version: {@link VersionNegotiation} sends {@code server/discover} (2026-07-28) or, for the
 * legacy protocol, {@code initialize} and {@code notifications/initialized}.
 *
 * <p>Then {@code tools/list} through every {@code nextCursor} (page cap, tool cap, repeated cursor:
 * {@code TRUNCATED} with the tools kept), and, when the capabilities announce them, {@code
 * prompts/list}, {@code resources/list} and {@code resources/templates/list}, counted. A failure of
 * those three is noted in the reason and does not change the status.
 *
 * <p>Client capabilities: {@code initialize} (and, in 2026-07-28, every request's {@code _meta})
 * announces {@link ClientCapabilities#forVersion} for the version offered; what was sent is in
 * {@link CrawlOutcome#clientCapabilities()}.
 *
 * <p>JSON-RPC: {@link JsonRpcChannel} numbers and matches requests, reads batches and answers the
 * server's requests (roots, sampling, elicitation, ping) without acting on them.
 *
 * <p>Not thread-safe: one crawl thread runs a session.
 */
final class McpSession {

  /**
   * HTTP statuses of an answer to {@code initialize} that mean "try the legacy HTTP+SSE transport"
   * (https://modelcontextprotocol.io/specification/2025-03-26/basic/transports#backwards-compatibility).
   */
  private static final Set<Integer> SSE_FALLBACK_STATUSES = Set.of(400, 404, 405);

  private final String serverId;
  private final McpTransport transport;
  private final CrawlLimits limits;
  private final JsonRpcChannel channel;
  private final VersionNegotiation negotiation;
  private int skippedTools;
  private int pages;
  private final List<String> toolErrors = new ArrayList<>();
  private final List<ToolDefinition> tools = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private Verdict verdict = Verdict.OK;
  private Negotiated server = Negotiated.NONE;
  private int prompts = -1;
  private int resources = -1;
  private int resourceTemplates = -1;
  private long toolsTtlMs = -1;

  /**
   * @param clientCapabilities what to announce to the server
   * @param startNanos {@link System#nanoTime()} when the crawl began; the total deadline counts
   *     from it
   */
  McpSession(
      String serverId,
      McpTransport transport,
      CrawlLimits limits,
      ClientCapabilities clientCapabilities,
      SessionMode mode,
      long startNanos) {
    this.serverId = serverId;
    this.transport = transport;
    this.limits = limits;
    this.channel =
        new JsonRpcChannel(transport, limits, startNanos + limits.totalTimeout().toNanos());
    this.negotiation = new VersionNegotiation(channel, transport, limits, clientCapabilities, mode);
  }

  /** Runs the whole session; never throws for anything the server does. */
  void run() {
    try {
      if (handshake() && listTools()) {
        listOthers();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail(CrawlStatus.TIMEOUT, "interrupted");
    }
  }

  /** Ends the session with {@code failure}. */
  private void fail(CrawlStatus failure, String why) {
    verdict = Verdict.of(failure, why);
  }

  /**
   * True when {@code initialize} was answered with HTTP 400, 404 or 405: the spec's sign to try the
   * legacy HTTP+SSE transport.
   */
  boolean wantsSseFallback() {
    return !verdict.ok()
        && "initialize".equals(verdict.method())
        && SSE_FALLBACK_STATUSES.contains(verdict.httpStatus());
  }

  /** The session's result; tools only when the status is usable. */
  ProbeResult result(Instant at, long durationMs) {
    boolean usable = verdict.usable();
    String why = usable ? join(verdict.reason(), notes()) : verdict.reason();
    CrawlOutcome outcome =
        new CrawlOutcome(
            serverId,
            verdict.status(),
            why,
            at,
            transport.method(),
            server.protocolVersion(),
            server.serverInfo(),
            server.capabilities(),
            server.instructions(),
            usable ? tools : List.of(),
            pages,
            durationMs,
            transport.bytesRead(),
            channel.announced(),
            channel.serverRequests());
    AuthChallenge auth = verdict.auth();
    return new ProbeResult(
        outcome,
        verdict.status() == CrawlStatus.TRUNCATED,
        prompts,
        resources,
        resourceTemplates,
        auth == null ? null : auth.resourceMetadata(),
        auth == null ? List.of() : auth.scopes(),
        toolsTtlMs);
  }

  private String notes() {
    List<String> all = new ArrayList<>();
    if (skippedTools > 0) {
      all.add("skipped " + skippedTools + " invalid tool(s): " + String.join("; ", toolErrors));
    }
    all.addAll(channel.notes());
    all.addAll(notes);
    return String.join("; ", all);
  }

  private static String join(String a, String b) {
    return a.isEmpty() ? b : b.isEmpty() ? a : a + "; " + b;
  }

  /** {@link VersionNegotiation#negotiate}, then {@link VersionNegotiation#confirm}. */
  private boolean handshake() throws InterruptedException {
    Handshake handshake = negotiation.negotiate();
    server = handshake.negotiated();
    if (!handshake.note().isEmpty()) {
      notes.add(handshake.note());
    }
    verdict = handshake.verdict();
    if (!verdict.ok()) {
      return false;
    }
    verdict = negotiation.confirm(server);
    return verdict.ok();
  }

  // ---- lists ----

  private boolean listTools() throws InterruptedException {
    Set<String> cursors = new HashSet<>();
    String cursor = null;
    while (true) {
      ObjectNode params = Json.object();
      if (cursor != null) {
        params.put("cursor", cursor);
      }
      long timeout = limits.requestTimeout().toNanos();
      RpcReply reply = channel.request("tools/list", params, timeout);
      JsonNode result = reply.result();
      if (result == null) {
        if (reply.error() != null && pages == 0 && !server.announces("tools")) {
          // A server that announces no tools capability may refuse tools/list: it has no tools.
          verdict =
              Verdict.of(
                  CrawlStatus.OK,
                  "no tools capability; tools/list refused (tools/list answered error "
                      + ReasonText.abbreviate(Json.write(reply.error()))
                      + ")");
          return true;
        }
        verdict = channel.failure(reply, "tools/list", timeout);
        return false;
      }
      String incomplete = incomplete(result, "tools/list");
      if (incomplete != null) {
        fail(CrawlStatus.PROTOCOL_ERROR, incomplete);
        return false;
      }
      JsonNode page = result.get("tools");
      if (page == null || !page.isArray()) {
        fail(CrawlStatus.PROTOCOL_ERROR, "tools/list result has no 'tools' array");
        return false;
      }
      if (pages == 0 && result.path("ttlMs").isIntegralNumber()) {
        toolsTtlMs = result.get("ttlMs").asLong();
      }
      pages++;
      for (JsonNode tool : page) {
        if (tools.size() == limits.maxTools()) {
          fail(CrawlStatus.TRUNCATED, "stopped at the tool cap of " + limits.maxTools());
          return false;
        }
        try {
          tools.add(ToolDefinition.of(tool));
        } catch (IllegalArgumentException e) {
          skippedTools++;
          if (toolErrors.size() < 3) {
            toolErrors.add(e.getMessage());
          }
        }
      }
      cursor = Json.text(result, "nextCursor");
      if (cursor == null || cursor.isEmpty()) {
        return true;
      }
      if (!cursors.add(cursor)) {
        fail(
            CrawlStatus.TRUNCATED,
            "server repeated cursor '" + ReasonText.abbreviate(cursor) + "'");
        return false;
      }
      if (pages == limits.maxPages()) {
        fail(CrawlStatus.TRUNCATED, "stopped at the page cap of " + limits.maxPages());
        return false;
      }
    }
  }

  private void listOthers() throws InterruptedException {
    if (server.announces("prompts")) {
      prompts = count("prompts/list", "prompts");
      if (prompts == -2) {
        prompts = -1;
        return;
      }
    }
    if (server.announces("resources")) {
      resources = count("resources/list", "resources");
      if (resources == -2) {
        resources = -1;
        return;
      }
      resourceTemplates = count("resources/templates/list", "resourceTemplates");
      if (resourceTemplates == -2) {
        resourceTemplates = -1;
      }
    }
  }

  /**
   * Pages through one list and counts its items; -1 after an error answer, -2 after a transport
   * failure (the connection is no longer usable). Either way a note says why.
   */
  private int count(String method, String field) throws InterruptedException {
    Set<String> cursors = new HashSet<>();
    String cursor = null;
    int items = 0;
    for (int page = 0; page < limits.maxPages(); page++) {
      ObjectNode params = Json.object();
      if (cursor != null) {
        params.put("cursor", cursor);
      }
      RpcReply reply = channel.request(method, params, limits.requestTimeout().toNanos());
      JsonNode result = reply.result();
      if (result == null) {
        if (reply.error() != null) {
          notes.add(method + " answered error " + ReasonText.abbreviate(Json.write(reply.error())));
          return -1;
        }
        notes.add(
            method
                + " failed: "
                + (reply.failure() != null ? reply.failure().reason() : "no answer in time"));
        return -2;
      }
      JsonNode list = result.get(field);
      String incomplete = incomplete(result, method);
      if (incomplete != null || list == null || !list.isArray()) {
        notes.add(
            incomplete != null ? incomplete : method + " result has no '" + field + "' array");
        return -1;
      }
      items += list.size();
      cursor = Json.text(result, "nextCursor");
      if (cursor == null || cursor.isEmpty()) {
        return items;
      }
      if (!cursors.add(cursor)) {
        notes.add(method + " repeated a cursor; counted " + items);
        return items;
      }
    }
    notes.add(method + " stopped at the page cap of " + limits.maxPages() + "; counted " + items);
    return items;
  }

  /** 2026-07-28: a result whose {@code resultType} is not {@code complete} cannot be used. */
  private String incomplete(JsonNode result, String method) {
    String type = Json.text(result, "resultType");
    if (server.modern() && type != null && !type.equals("complete")) {
      return method + " answered resultType '" + ReasonText.abbreviate(type) + "', not 'complete'";
    }
    return null;
  }
}
