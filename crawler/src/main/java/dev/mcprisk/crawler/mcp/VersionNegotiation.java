package dev.mcprisk.crawler.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.CrawlStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Agrees on a protocol version with one server and reads what it announces, over a {@link
 * JsonRpcChannel}.
 *
 * <p>Detection: unless the {@link SessionMode} is {@code LEGACY_ONLY}, {@code server/discover} goes
 * first, carrying the 2026-07-28 {@code _meta}
 * (https://modelcontextprotocol.io/specification/2026-07-28/server/discover). A result whose {@code
 * supportedVersions} names {@value #MODERN_VERSION}, or a modern error ({@value #HEADER_MISMATCH},
 * {@value #MISSING_CAPABILITY}), means the stateless protocol: no handshake, every later request
 * carries the {@code _meta}
 * (https://modelcontextprotocol.io/specification/2026-07-28/basic/versioning). Anything else means
 * the legacy handshake: another result or error ({@value #UNSUPPORTED_VERSION} with {@code
 * data.supported} narrows the versions offered), over stdio a timeout of {@link
 * #STDIO_DISCOVER_TIMEOUT}, over HTTP a 4xx or 5xx whose body is no modern error.
 *
 * <p>Legacy handshake (https://modelcontextprotocol.io/specification/2025-06-18/basic/lifecycle,
 * "Initialization" and "Version Negotiation"): {@code initialize} offers {@value
 * #REQUESTED_LEGACY_VERSION} (or, when the server named the versions it supports without it, the
 * newest of {@link #LEGACY_VERSIONS} among them) with {@link ClientCapabilities#forVersion} of that
 * version; an error {@value #INVALID_PARAMS} with {@code data.supported} is retried once with the
 * newest common version. The answer must name one of {@link #LEGACY_VERSIONS}, which then goes in
 * the transport's {@code MCP-Protocol-Version} header; {@link #confirm} sends {@code
 * notifications/initialized}.
 *
 * <p>Timeouts: {@code server/discover} and {@code initialize} wait at most {@link
 * CrawlLimits#startupTimeout()} (over stdio {@code server/discover} at most {@link
 * #STDIO_DISCOVER_TIMEOUT}), always within the crawl's total deadline.
 *
 * <p>Methods never throw for anything the server does; they throw {@link InterruptedException} when
 * the crawl thread is interrupted. Not thread-safe: one crawl thread runs a negotiation, once.
 */
final class VersionNegotiation {

  /** The stateless protocol version. */
  static final String MODERN_VERSION = "2026-07-28";

  /** Every legacy (initialize-based) version, newest first. */
  static final List<String> LEGACY_VERSIONS =
      List.of("2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05");

  /**
   * The version asked for in {@code initialize}: 2025-06-18, so servers show the same default tool
   * set as the pinned expectations of the reference servers.
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

  /** JSON-RPC "Invalid params": a legacy server refusing the offered version. */
  static final int INVALID_PARAMS = -32602;

  /** 2026-07-28: the {@code MCP-Protocol-Version} header and the {@code _meta} disagree. */
  static final int HEADER_MISMATCH = -32020;

  /** 2026-07-28: a capability the request needs was not announced. */
  static final int MISSING_CAPABILITY = -32021;

  /** 2026-07-28: the protocol version is not supported; {@code data.supported} lists them. */
  static final int UNSUPPORTED_VERSION = -32022;

  private final JsonRpcChannel channel;
  private final McpTransport transport;
  private final CrawlLimits limits;
  private final ClientCapabilities clientCapabilities;
  private final SessionMode mode;

  /**
   * @param channel requests go through it; it is told what is announced and which {@code _meta}
   *     requests carry
   * @param transport told the protocol version for its headers
   * @param clientCapabilities what to announce
   */
  VersionNegotiation(
      JsonRpcChannel channel,
      McpTransport transport,
      CrawlLimits limits,
      ClientCapabilities clientCapabilities,
      SessionMode mode) {
    this.channel = channel;
    this.transport = transport;
    this.limits = limits;
    this.clientCapabilities = clientCapabilities;
    this.mode = mode;
  }

  /**
   * Detects the protocol and, for the legacy one, runs {@code initialize} (see the class comment).
   *
   * @return never null; its verdict is {@code OK} when a version was agreed
   */
  Handshake negotiate() throws InterruptedException {
    return mode == SessionMode.LEGACY_ONLY ? initialize(List.of()) : discover();
  }

  /**
   * After a legacy {@code initialize}: sends {@code notifications/initialized} (lifecycle,
   * "Initialization"). Nothing to send for the stateless protocol.
   *
   * @return {@link Verdict#OK} when sent or not needed, else why the notification failed
   */
  Verdict confirm(Negotiated negotiated) throws InterruptedException {
    if (negotiated.modern()) {
      return Verdict.OK;
    }
    String method = "notifications/initialized";
    TransportFailure failure = channel.notify(method);
    return failure == null ? Verdict.OK : channel.failure(RpcReply.failed(failure), method, 0);
  }

  private Handshake discover() throws InterruptedException {
    ObjectNode offered = clientCapabilities.forVersion(MODERN_VERSION);
    ObjectNode meta = Json.object();
    meta.put(META_PROTOCOL_VERSION, MODERN_VERSION);
    meta.set(META_CLIENT_CAPABILITIES, offered);
    meta.set(META_CLIENT_INFO, clientInfo());
    channel.announce(offered);
    channel.stamp(meta);
    transport.protocolVersion(MODERN_VERSION);
    long timeout =
        mode == SessionMode.STDIO
            ? Math.min(STDIO_DISCOVER_TIMEOUT.toNanos(), limits.startupTimeout().toNanos())
            : limits.startupTimeout().toNanos();
    RpcReply reply = channel.request("server/discover", Json.object(), timeout);
    if (reply.result() != null) {
      JsonNode result = reply.result();
      List<String> supported = strings(result.get("supportedVersions"));
      if (supported.contains(MODERN_VERSION)) {
        return Handshake.agreed(
            new Negotiated(
                MODERN_VERSION,
                true,
                result.get("serverInfo"),
                result.get("capabilities"),
                Json.text(result, "instructions")));
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
        return new Handshake(
            new Negotiated(MODERN_VERSION, true, null, null, null),
            "server/discover answered error " + code + "; listing without discovery",
            Verdict.OK);
      }
      return legacy(
          code == UNSUPPORTED_VERSION ? strings(error.path("data").get("supported")) : List.of());
    }
    if (reply.timedOut()) {
      if (mode == SessionMode.STDIO && !reply.total()) {
        return legacy(List.of());
      }
      return Handshake.failed(channel.failure(reply, "server/discover", timeout));
    }
    TransportFailure failure = reply.failure();
    boolean fallback =
        mode == SessionMode.HTTP
            && (failure.status() == CrawlStatus.HTTP_ERROR
                || failure.status() == CrawlStatus.PROTOCOL_ERROR);
    return fallback
        ? legacy(List.of())
        : Handshake.failed(channel.failure(reply, "server/discover", timeout));
  }

  /** Drops the stateless {@code _meta} and header, then runs {@code initialize}. */
  private Handshake legacy(List<String> supported) throws InterruptedException {
    channel.stamp(null);
    transport.protocolVersion(null);
    return initialize(supported);
  }

  /**
   * {@code initialize}, once or, after {@value #INVALID_PARAMS} naming a common version, twice.
   *
   * @param supportedHint versions the server said it supports; empty for no hint
   */
  private Handshake initialize(List<String> supportedHint) throws InterruptedException {
    String version = REQUESTED_LEGACY_VERSION;
    if (!supportedHint.isEmpty() && !supportedHint.contains(version)) {
      version = common(supportedHint);
      if (version == null) {
        return Handshake.failed(
            Verdict.of(
                CrawlStatus.PROTOCOL_ERROR,
                "no common protocol version: server supports "
                    + supportedHint
                    + ", this client "
                    + LEGACY_VERSIONS));
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
      return Handshake.failed(channel.failure(reply, "initialize", timeout));
    }
    JsonNode result = reply.result();
    String answered = Json.text(result, "protocolVersion");
    if (answered == null || !LEGACY_VERSIONS.contains(answered)) {
      return Handshake.failed(
          Verdict.of(
              CrawlStatus.PROTOCOL_ERROR,
              "server answered protocol version "
                  + (answered == null ? "(none)" : "'" + ReasonText.abbreviate(answered) + "'")
                  + "; supported: "
                  + LEGACY_VERSIONS.stream().sorted().toList()));
    }
    transport.protocolVersion(answered);
    return Handshake.agreed(
        new Negotiated(
            answered,
            false,
            result.get("serverInfo"),
            result.get("capabilities"),
            Json.text(result, "instructions")));
  }

  /** The newest of {@link #LEGACY_VERSIONS} in {@code supported}, else null. */
  private static String common(List<String> supported) {
    for (String version : LEGACY_VERSIONS) {
      if (supported.contains(version)) {
        return version;
      }
    }
    return null;
  }

  /** The {@code error} object of an HTTP 400 body that is a JSON-RPC error answer, else null. */
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
