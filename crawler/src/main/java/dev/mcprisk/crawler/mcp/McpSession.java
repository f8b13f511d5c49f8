package dev.mcprisk.crawler.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.CrawlOutcome;
import dev.mcprisk.model.CrawlStatus;
import dev.mcprisk.model.ToolDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One MCP client session over any {@link McpTransport}, transport-independent: JSON-RPC 2.0
 * request/response matching, protocol-version detection and negotiation, and the list requests
 * (shared/specs/mcp-protocol.md).
 *
 * <p>Detection ("Telling them apart"): unless the transport speaks only the legacy protocol, the
 * session first sends {@code server/discover} with the 2026-07-28 {@code _meta}. A {@code
 * DiscoverResult} naming {@value #MODERN_VERSION} or a modern error ({@code -32020}, {@code
 * -32021}) means the stateless protocol; anything else (another error, over stdio a timeout of
 * {@link #STDIO_DISCOVER_TIMEOUT}, over HTTP a 4xx or 5xx whose body is no modern error) means the
 * legacy handshake: {@code initialize} asking for {@value #REQUESTED_LEGACY_VERSION}, accepting any
 * of {@link #LEGACY_VERSIONS} in the answer, and retrying once with a common version when the
 * server answers {@code -32602} with {@code data.supported}.
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

  /** The stateless protocol version. */
  static final String MODERN_VERSION = "2026-07-28";

  /** Every legacy (initialize-based) version, newest first. */
  static final List<String> LEGACY_VERSIONS =
      List.of("2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05");

  /**
   * The version asked for in {@code initialize}: 2025-06-18, so servers show the same default tool
   * set as in the pinned expectations (shared/specs/mcp-servers.md).
   */
  static final String REQUESTED_LEGACY_VERSION = "2025-06-18";

  /**
   * Longest wait for a stdio server's answer to {@code server/discover} before falling back to
   * {@code initialize}: 5 seconds (or the start-up timeout when shorter). Some legacy servers never
   * answer a request before {@code initialize}.
   */
  static final Duration STDIO_DISCOVER_TIMEOUT = Duration.ofSeconds(5);

  /** {@code _meta} key of the protocol version (2026-07-28). */
  static final String META_PROTOCOL_VERSION = "io.modelcontextprotocol/protocolVersion";

  /** {@code _meta} key of the client capabilities (2026-07-28). */
  static final String META_CLIENT_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";

  /** {@code _meta} key of the client info (2026-07-28). */
  static final String META_CLIENT_INFO = "io.modelcontextprotocol/clientInfo";

  static final int INVALID_PARAMS = -32602;
  static final int HEADER_MISMATCH = -32020;
  static final int MISSING_CAPABILITY = -32021;
  static final int UNSUPPORTED_VERSION = -32022;

  /** How the session starts. */
  enum Mode {
    /** {@code server/discover}; a timeout means legacy. */
    STDIO,
    /** {@code server/discover}; an HTTP 4xx/5xx without a modern error means legacy. */
    HTTP,
    /** {@code initialize} at once (HTTP+SSE is legacy only). */
    LEGACY_ONLY
  }

  private final String serverId;
  private final McpTransport transport;
  private final CrawlLimits limits;
  private final ClientCapabilities clientCapabilities;
  private final Mode mode;
  private final JsonRpcChannel channel;
  private boolean modern;
  private int skippedTools;
  private int pages;
  private final List<String> toolErrors = new ArrayList<>();
  private final List<ToolDefinition> tools = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private CrawlStatus status = CrawlStatus.OK;
  private String reason = "";
  private String protocolVersion;
  private JsonNode serverInfo;
  private JsonNode capabilities;
  private String instructions;
  private AuthChallenge auth;
  private int initializeHttpStatus;
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
      Mode mode,
      long startNanos) {
    this.serverId = serverId;
    this.transport = transport;
    this.limits = limits;
    this.clientCapabilities = clientCapabilities;
    this.mode = mode;
    this.channel =
        new JsonRpcChannel(transport, limits, startNanos + limits.totalTimeout().toNanos());
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

  /** Ends the session with {@code failure} unless it has already ended. */
  void fail(CrawlStatus failure, String why) {
    status = failure;
    reason = why;
  }

  /**
   * True when {@code initialize} was answered with HTTP 400, 404 or 405: the spec's sign to try the
   * legacy HTTP+SSE transport.
   */
  boolean wantsSseFallback() {
    return status != CrawlStatus.OK
        && (initializeHttpStatus == 400
            || initializeHttpStatus == 404
            || initializeHttpStatus == 405);
  }

  /** The session's result; tools only when the status is usable. */
  ProbeResult result(Instant at, long durationMs) {
    boolean usable = status == CrawlStatus.OK || status == CrawlStatus.TRUNCATED;
    String why = usable ? join(reason, notes()) : reason;
    CrawlOutcome outcome =
        new CrawlOutcome(
            serverId,
            status,
            why,
            at,
            transport.method(),
            protocolVersion,
            serverInfo,
            capabilities,
            instructions,
            usable ? tools : List.of(),
            pages,
            durationMs,
            transport.bytesRead(),
            channel.announced(),
            channel.serverRequests());
    return new ProbeResult(
        outcome,
        status == CrawlStatus.TRUNCATED,
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

  // ---- handshake ----

  private boolean handshake() throws InterruptedException {
    if (mode == Mode.LEGACY_ONLY) {
      return initialize(List.of());
    }
    modern = true;
    ObjectNode offered = clientCapabilities.forVersion(MODERN_VERSION);
    ObjectNode meta = Json.object();
    meta.put(META_PROTOCOL_VERSION, MODERN_VERSION);
    meta.set(META_CLIENT_CAPABILITIES, offered);
    meta.set(META_CLIENT_INFO, clientInfo());
    channel.announce(offered);
    channel.stamp(meta);
    transport.protocolVersion(MODERN_VERSION);
    long timeout =
        mode == Mode.STDIO
            ? Math.min(STDIO_DISCOVER_TIMEOUT.toNanos(), limits.startupTimeout().toNanos())
            : limits.startupTimeout().toNanos();
    RpcReply reply = channel.request("server/discover", Json.object(), timeout);
    if (reply.result() != null) {
      List<String> supported = strings(reply.result().get("supportedVersions"));
      if (supported.contains(MODERN_VERSION)) {
        protocolVersion = MODERN_VERSION;
        capabilities = reply.result().get("capabilities");
        serverInfo = reply.result().get("serverInfo");
        instructions = Json.text(reply.result(), "instructions");
        return true;
      }
      return legacy(supported);
    }
    JsonNode error = reply.error();
    if (error == null && reply.failure() != null && reply.failure().httpStatus() == 400) {
      error = errorIn(reply.failure().body());
    }
    if (error != null) {
      int code = error.path("code").asInt();
      if (code == HEADER_MISMATCH || code == MISSING_CAPABILITY) {
        protocolVersion = MODERN_VERSION;
        notes.add("server/discover answered error " + code + "; listing without discovery");
        return true;
      }
      return legacy(
          code == UNSUPPORTED_VERSION ? strings(error.path("data").get("supported")) : List.of());
    }
    if (reply.timedOut()) {
      if (mode == Mode.STDIO && !reply.total()) {
        return legacy(List.of());
      }
      return failWith(reply, "server/discover", timeout);
    }
    TransportFailure failure = reply.failure();
    boolean fallback =
        mode == Mode.HTTP
            && (failure.status() == CrawlStatus.HTTP_ERROR
                || failure.status() == CrawlStatus.PROTOCOL_ERROR);
    return fallback ? legacy(List.of()) : failWith(reply, "server/discover", timeout);
  }

  private boolean legacy(List<String> supported) throws InterruptedException {
    modern = false;
    channel.stamp(null);
    transport.protocolVersion(null);
    return initialize(supported);
  }

  private boolean initialize(List<String> supportedHint) throws InterruptedException {
    String version = REQUESTED_LEGACY_VERSION;
    if (!supportedHint.isEmpty() && !supportedHint.contains(version)) {
      version = common(supportedHint);
      if (version == null) {
        fail(
            CrawlStatus.PROTOCOL_ERROR,
            "no common protocol version: server supports "
                + supportedHint
                + ", this client "
                + LEGACY_VERSIONS);
        return false;
      }
    }
    long timeout = limits.startupTimeout().toNanos();
    RpcReply reply = null;
    for (int attempt = 0; attempt < 2; attempt++) {
      ObjectNode params = Json.object();
      params.put("protocolVersion", version);
      ObjectNode offered = clientCapabilities.forVersion(version);
      params.set("capabilities", offered);
      params.set("clientInfo", clientInfo());
      channel.announce(offered);
      reply = channel.request("initialize", params, timeout);
      if (reply.error() != null && reply.error().path("code").asInt() == INVALID_PARAMS) {
        String retry = common(strings(reply.error().path("data").get("supported")));
        if (attempt == 0 && retry != null && !retry.equals(version)) {
          version = retry;
          continue;
        }
      }
      break;
    }
    if (reply.result() == null) {
      if (reply.failure() != null) {
        initializeHttpStatus = reply.failure().httpStatus();
      }
      return failWith(reply, "initialize", timeout);
    }
    JsonNode result = reply.result();
    String answered = Json.text(result, "protocolVersion");
    if (answered == null || !LEGACY_VERSIONS.contains(answered)) {
      fail(
          CrawlStatus.PROTOCOL_ERROR,
          "server answered protocol version "
              + (answered == null ? "(none)" : "'" + ReasonText.abbreviate(answered) + "'")
              + "; supported: "
              + LEGACY_VERSIONS.stream().sorted().toList());
      return false;
    }
    protocolVersion = answered;
    serverInfo = result.get("serverInfo");
    capabilities = result.get("capabilities");
    instructions = Json.text(result, "instructions");
    transport.protocolVersion(answered);
    TransportFailure failure = channel.notify("notifications/initialized");
    if (failure != null) {
      return failWith(RpcReply.failed(failure), "notifications/initialized", 0);
    }
    return true;
  }

  private static String common(List<String> supported) {
    for (String version : LEGACY_VERSIONS) {
      if (supported.contains(version)) {
        return version;
      }
    }
    return null;
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
        if (reply.error() != null
            && pages == 0
            && (capabilities == null || !capabilities.has("tools"))) {
          // A server that announces no tools capability may refuse tools/list: it has no tools.
          reason =
              "no tools capability; tools/list refused (tools/list answered error "
                  + ReasonText.abbreviate(Json.write(reply.error()))
                  + ")";
          return true;
        }
        return failWith(reply, "tools/list", timeout);
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
    if (capabilities == null) {
      return;
    }
    if (capabilities.has("prompts")) {
      prompts = count("prompts/list", "prompts");
      if (prompts == -2) {
        prompts = -1;
        return;
      }
    }
    if (capabilities.has("resources")) {
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
    if (modern && type != null && !type.equals("complete")) {
      return method + " answered resultType '" + ReasonText.abbreviate(type) + "', not 'complete'";
    }
    return null;
  }

  /** Records why {@code method} got no usable answer; always false. */
  private boolean failWith(RpcReply reply, String method, long timeoutNanos) {
    if (reply.timedOut()) {
      fail(
          CrawlStatus.TIMEOUT,
          "no answer to "
              + method
              + " within "
              + (reply.total()
                  ? "the crawl's total " + limits.totalTimeout().toMillis() + " ms"
                  : timeoutNanos / 1_000_000 + " ms")
              + transport.diagnostics());
    } else if (reply.error() != null) {
      fail(
          CrawlStatus.PROTOCOL_ERROR,
          method + " answered error " + ReasonText.abbreviate(Json.write(reply.error())));
    } else {
      TransportFailure failure = reply.failure();
      if (failure.auth() != null) {
        auth = failure.auth();
      }
      String why =
          switch (failure.status()) {
            case PROCESS_EXITED ->
                failure.reason() + " before answering " + method + transport.diagnostics();
            case AUTH_REQUIRED, BLOCKED, CONNECT_FAILED -> failure.reason();
            default -> failure.reason() + " (waiting for " + method + ")";
          };
      fail(failure.status(), why);
    }
    return false;
  }

  private static JsonNode errorIn(String body) {
    if (body.isBlank()) {
      return null;
    }
    BoundedJson.Parsed parsed = new BoundedJson(16).parse(body.strip());
    if (parsed.kind() != BoundedJson.Kind.OBJECT) {
      return null;
    }
    JsonNode error = parsed.node().get("error");
    return error != null && error.isObject() ? error : null;
  }

  private static ObjectNode clientInfo() {
    ObjectNode info = Json.object();
    info.put("name", StdioMcpClient.CLIENT_NAME);
    info.put("version", StdioMcpClient.CLIENT_VERSION);
    return info;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array != null && array.isArray()) {
      for (JsonNode item : array) {
        if (item.isTextual()) {
          out.add(item.asText());
        }
      }
    }
    return out;
  }
}
