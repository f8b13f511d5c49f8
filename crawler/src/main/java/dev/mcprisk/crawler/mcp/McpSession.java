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
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

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
 * <p>Requests from the server are answered without reading a file or calling a model: {@code
 * roots/list} with an empty list, {@code sampling/createMessage} with error {@value #USER_REJECTED}
 * ("User rejected sampling request"), {@code elicitation/create} with {@code {"action": "decline"}}
 * (each only when its capability was in what was sent, else {@code -32601}: elicitation offered
 * with 2024-11-05 is not announced), {@code ping} with an empty result, anything else with {@code
 * -32601}. They are counted by method in {@link CrawlOutcome#serverRequests()}; after {@value
 * ClientCapabilities#MAX_ANSWERED_SERVER_REQUESTS} in one session the rest are counted, left
 * unanswered and noted in the reason, so a server cannot keep the client busy writing.
 * Notifications are skipped.
 *
 * <p>Matching: every answer must carry the id of the request waited for; an answer to an unknown id
 * is {@code PROTOCOL_ERROR} (an answer to a request given up on is skipped). A JSON-RPC batch (a
 * JSON array of messages, over any transport) is read element by element, as allowed by MCP
 * 2025-03-26 and read by the official SDK clients whatever the version.
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

  /**
   * Error code of a refused {@code sampling/createMessage}: -1, "User rejected sampling request"
   * (https://modelcontextprotocol.io/specification/2025-11-25/client/sampling#error-handling).
   */
  static final int USER_REJECTED = -1;

  /** Key of {@link CrawlOutcome#serverRequests()} for methods this client does not know. */
  static final String OTHER_REQUEST = "other";

  /**
   * Server request methods counted under their own name; the rest count as {@value #OTHER_REQUEST}.
   */
  static final Set<String> KNOWN_SERVER_REQUESTS =
      Set.of("roots/list", "sampling/createMessage", "elicitation/create", "ping");

  static final int INVALID_PARAMS = -32602;
  static final int METHOD_NOT_FOUND = -32601;
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

  /** One answer, or why there is none. */
  private record Reply(
      JsonNode result, JsonNode error, TransportFailure failure, boolean timedOut, boolean total) {
    static Reply failed(TransportFailure failure) {
      return new Reply(null, null, failure, false, false);
    }
  }

  private final String serverId;
  private final McpTransport transport;
  private final CrawlLimits limits;
  private final ClientCapabilities clientCapabilities;
  private final Mode mode;
  private final long totalDeadline;
  private final BoundedJson json;
  private final Set<Long> abandoned = new HashSet<>();
  private long nextId = 1;
  private boolean modern;
  private int noiseLines;
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
  private JsonNode announced;
  private final Map<String, Integer> serverRequests = new TreeMap<>();
  private int serverRequestCount;

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
    this.totalDeadline = startNanos + limits.totalTimeout().toNanos();
    this.json = new BoundedJson(limits.maxJsonDepth());
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
            announced,
            serverRequests);
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
    if (noiseLines > 0) {
      all.add(noiseLines + " non-JSON stdout line(s) ignored");
    }
    if (serverRequestCount > ClientCapabilities.MAX_ANSWERED_SERVER_REQUESTS) {
      all.add(
          "answered the server's first "
              + ClientCapabilities.MAX_ANSWERED_SERVER_REQUESTS
              + " requests; "
              + (serverRequestCount - ClientCapabilities.MAX_ANSWERED_SERVER_REQUESTS)
              + " more left unanswered");
    }
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
    transport.protocolVersion(MODERN_VERSION);
    long timeout =
        mode == Mode.STDIO
            ? Math.min(STDIO_DISCOVER_TIMEOUT.toNanos(), limits.startupTimeout().toNanos())
            : limits.startupTimeout().toNanos();
    Reply reply = request("server/discover", Json.object(), timeout);
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
    Reply reply = null;
    for (int attempt = 0; attempt < 2; attempt++) {
      ObjectNode params = Json.object();
      params.put("protocolVersion", version);
      ObjectNode offered = clientCapabilities.forVersion(version);
      params.set("capabilities", offered);
      params.set("clientInfo", clientInfo());
      announced = offered;
      reply = request("initialize", params, timeout);
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
    ObjectNode initialized = Json.object();
    initialized.put("jsonrpc", "2.0");
    initialized.put("method", "notifications/initialized");
    TransportFailure failure =
        transport.send(initialized, deadline(limits.requestTimeout().toNanos()));
    if (failure != null) {
      return failWith(Reply.failed(failure), "notifications/initialized", 0);
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
      Reply reply = request("tools/list", params, timeout);
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
      Reply reply = request(method, params, limits.requestTimeout().toNanos());
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

  // ---- JSON-RPC ----

  private long deadline(long timeoutNanos) {
    return Math.min(System.nanoTime() + timeoutNanos, totalDeadline);
  }

  /** Sends a request and waits for its answer, bounded by {@code timeoutNanos} and the total. */
  private Reply request(String method, ObjectNode params, long timeoutNanos)
      throws InterruptedException {
    long id = nextId++;
    if (modern) {
      ObjectNode meta = params.putObject("_meta");
      meta.put(META_PROTOCOL_VERSION, MODERN_VERSION);
      ObjectNode offered = clientCapabilities.forVersion(MODERN_VERSION);
      meta.set(META_CLIENT_CAPABILITIES, offered);
      announced = offered;
      meta.set(META_CLIENT_INFO, clientInfo());
    }
    ObjectNode message = Json.object();
    message.put("jsonrpc", "2.0");
    message.put("id", id);
    message.put("method", method);
    message.set("params", params);
    long requestDeadline = System.nanoTime() + timeoutNanos;
    long deadline = Math.min(requestDeadline, totalDeadline);
    TransportFailure sent = transport.send(message, deadline);
    if (sent != null) {
      return timedOut(sent, id, deadline);
    }
    while (true) {
      if (System.nanoTime() - deadline >= 0) {
        abandoned.add(id);
        return new Reply(null, null, null, true, deadline == totalDeadline);
      }
      Incoming incoming = transport.next(deadline);
      if (incoming == null) {
        abandoned.add(id);
        return new Reply(null, null, null, true, deadline == totalDeadline);
      }
      if (incoming.failure() != null) {
        return timedOut(incoming.failure(), id, deadline);
      }
      Reply reply = handle(incoming, id, method, deadline);
      if (reply != null) {
        return reply;
      }
    }
  }

  /** A transport's TIMEOUT becomes the session's own timeout (with its wording). */
  private Reply timedOut(TransportFailure failure, long id, long deadline) {
    if (failure.status() != CrawlStatus.TIMEOUT) {
      return Reply.failed(failure);
    }
    abandoned.add(id);
    return new Reply(null, null, null, true, deadline == totalDeadline);
  }

  /**
   * The reply when {@code incoming} ends the wait for request {@code id}, else null. Text that is
   * not JSON is noise (counted, up to {@link CrawlLimits#maxNoiseLines()}) unless it is the whole
   * answer ({@link Incoming#whole()}): then it is {@code PROTOCOL_ERROR} with the parser's detail.
   */
  private Reply handle(Incoming incoming, long id, String method, long deadline)
      throws InterruptedException {
    String trimmed = incoming.text().strip();
    if (trimmed.isEmpty() && !incoming.whole()) {
      return null;
    }
    BoundedJson.Parsed parsed = json.parse(trimmed);
    if (parsed.kind() == BoundedJson.Kind.TOO_DEEP) {
      return Reply.failed(TransportFailure.of(CrawlStatus.TOO_LARGE, parsed.detail()));
    }
    if (parsed.kind() == BoundedJson.Kind.NOT_JSON && incoming.whole()) {
      return Reply.failed(
          TransportFailure.of(
              CrawlStatus.PROTOCOL_ERROR,
              "the answer is not JSON-RPC: "
                  + ReasonText.abbreviate(ReasonText.oneLine(parsed.detail()))));
    }
    if (parsed.kind() == BoundedJson.Kind.NOT_JSON) {
      noiseLines++;
      if (noiseLines > limits.maxNoiseLines()) {
        return Reply.failed(
            TransportFailure.of(
                CrawlStatus.PROTOCOL_ERROR,
                "more than " + limits.maxNoiseLines() + " non-JSON lines"));
      }
      return null;
    }
    if (parsed.kind() == BoundedJson.Kind.BATCH) {
      return handleBatch(parsed.node(), id, method, deadline);
    }
    return handleMessage(parsed.node(), id, method, deadline);
  }

  /**
   * A JSON-RPC batch (JSON-RPC 2.0 section 6): every element is read in order as one message, the
   * reply being the first an element gives (the answer to {@code id}, or a failure such as an
   * answer to an unknown id); server requests in the batch after it are still answered. Read over
   * every transport and for every protocol version: MCP 2025-03-26 allowed batches ("Batching") and
   * 2025-06-18 removed them (https://modelcontextprotocol.io/specification/2025-06-18/changelog),
   * but a server written for 2025-03-26 may answer in one whatever version was negotiated, and the
   * official TypeScript SDK's client reads an array answer too, so a crawler that refused batches
   * would see fewer tools than a real client. An empty batch, and an element that is not an object,
   * are {@code PROTOCOL_ERROR}s that say so.
   */
  private Reply handleBatch(JsonNode batch, long id, String method, long deadline)
      throws InterruptedException {
    if (batch.isEmpty()) {
      return Reply.failed(
          TransportFailure.of(
              CrawlStatus.PROTOCOL_ERROR,
              "the server answered with an empty JSON-RPC batch (an empty array)"));
    }
    Reply first = null;
    for (int i = 0; i < batch.size(); i++) {
      JsonNode element = batch.get(i);
      if (!element.isObject()) {
        return first != null
            ? first
            : Reply.failed(
                TransportFailure.of(
                    CrawlStatus.PROTOCOL_ERROR,
                    "element " + (i + 1) + " of a JSON-RPC batch is not an object"));
      }
      Reply reply = handleMessage(element, id, method, deadline);
      if (first == null) {
        first = reply;
      }
    }
    return first;
  }

  /** The reply when the message {@code node} ends the wait for request {@code id}, else null. */
  private Reply handleMessage(JsonNode node, long id, String method, long deadline)
      throws InterruptedException {
    JsonNode idNode = node.get("id");
    if (node.hasNonNull("method")) {
      if (idNode != null && !idNode.isNull()) {
        TransportFailure failure = answerServerRequest(idNode, node.get("method").asText());
        if (failure != null) {
          return Reply.failed(failure);
        }
      }
      return null;
    }
    JsonNode error = node.get("error");
    if (idNode == null || idNode.isNull()) {
      if (error != null && error.isObject()) {
        // JSON-RPC 2.0, section 5: id null when the request could not be read at all.
        return new Reply(null, error, null, false, false);
      }
      return Reply.failed(
          TransportFailure.of(
              CrawlStatus.PROTOCOL_ERROR, "a message with neither a method nor an id"));
    }
    if (!matches(idNode, id)) {
      if (isAbandoned(idNode)) {
        return null;
      }
      return Reply.failed(
          TransportFailure.of(
              CrawlStatus.PROTOCOL_ERROR,
              "answer with id "
                  + ReasonText.abbreviate(idNode.toString())
                  + " while waiting for id "
                  + id));
    }
    if (error != null && !error.isNull()) {
      return new Reply(
          null, error.isObject() ? error : Json.object().set("message", error), null, false, false);
    }
    JsonNode result = node.get("result");
    if (result == null || !result.isObject()) {
      return Reply.failed(
          TransportFailure.of(CrawlStatus.PROTOCOL_ERROR, "answer has no result object"));
    }
    return new Reply(result, null, null, false, false);
  }

  /**
   * Answers one server request without acting on it (see the class comment); null when sent or left
   * unanswered past {@link ClientCapabilities#MAX_ANSWERED_SERVER_REQUESTS}, else why the answer
   * could not be sent.
   */
  private TransportFailure answerServerRequest(JsonNode idNode, String method)
      throws InterruptedException {
    serverRequests.merge(
        KNOWN_SERVER_REQUESTS.contains(method) ? method : OTHER_REQUEST, 1, Integer::sum);
    if (++serverRequestCount > ClientCapabilities.MAX_ANSWERED_SERVER_REQUESTS) {
      return null;
    }
    ObjectNode reply = Json.object();
    reply.put("jsonrpc", "2.0");
    reply.set("id", idNode);
    switch (method) {
      case "ping" -> reply.set("result", Json.object());
      case "roots/list" -> {
        if (!announced(ClientCapability.ROOTS)) {
          return sendError(reply, METHOD_NOT_FOUND, "Method not found: roots not announced");
        }
        reply.putObject("result").putArray("roots");
      }
      case "sampling/createMessage" -> {
        if (!announced(ClientCapability.SAMPLING)) {
          return sendError(reply, METHOD_NOT_FOUND, "Method not found: sampling not announced");
        }
        return sendError(reply, USER_REJECTED, "User rejected sampling request");
      }
      case "elicitation/create" -> {
        if (!announced(ClientCapability.ELICITATION)) {
          return sendError(reply, METHOD_NOT_FOUND, "Method not found: elicitation not announced");
        }
        reply.putObject("result").put("action", "decline");
      }
      default -> {
        return sendError(reply, METHOD_NOT_FOUND, "Method not found: this client only lists tools");
      }
    }
    return transport.send(reply, deadline(limits.requestTimeout().toNanos()));
  }

  /** True when {@code capability} was in the capabilities last sent. */
  private boolean announced(ClientCapability capability) {
    return announced != null && announced.has(capability.key());
  }

  private TransportFailure sendError(ObjectNode reply, int code, String message)
      throws InterruptedException {
    ObjectNode error = reply.putObject("error");
    error.put("code", code);
    error.put("message", message);
    return transport.send(reply, deadline(limits.requestTimeout().toNanos()));
  }

  private boolean isAbandoned(JsonNode idNode) {
    return idNode.isIntegralNumber() && abandoned.contains(idNode.asLong());
  }

  private static boolean matches(JsonNode idNode, long id) {
    if (idNode.isIntegralNumber()) {
      return idNode.asLong() == id;
    }
    return idNode.isTextual() && idNode.asText().equals(Long.toString(id));
  }

  /** Records why {@code method} got no usable answer; always false. */
  private boolean failWith(Reply reply, String method, long timeoutNanos) {
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
