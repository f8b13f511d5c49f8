package dev.mcprisk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.mcprisk.json.Json;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A fleet of MCP servers over Streamable HTTP on loopback, one endpoint per synthetic server:
 * {@code <baseUrl>/mcp/<n>} serves server {@code n} of the current {@link SyntheticCatalogue}
 * generation.
 *
 * <p>Protocol (https://modelcontextprotocol.io/specification/2025-11-25/basic/transports; legacy
 * handshake only): POST one JSON-RPC message, answered with one {@code application/json} body
 * (never SSE); {@code initialize} answers the client's {@code protocolVersion} when it is one of
 * {@link #SUPPORTED_VERSIONS}, else {@value #DEFAULT_VERSION}, with {@code capabilities.tools} only
 * (so the client lists nothing else) and {@code serverInfo} {@code <word>-mcp} at the entry's
 * version; {@code tools/list} pages of {@link #PAGE_SIZE} tools with a decimal offset as {@code
 * nextCursor} (an unknown cursor is {@code -32602}); {@code ping} an empty result; any other
 * method, including the 2026-07-28 {@code server/discover} probe, {@code -32601}, which makes the
 * project's client fall back to {@code initialize} at once. Notifications and responses get 202. No
 * {@code Mcp-Session-Id} is issued, so clients send no closing DELETE; GET and DELETE get 405.
 * Unknown server numbers get 404.
 *
 * <p>Thread-safe: exchanges run on a bounded pool; {@link #switchTo} takes effect for the next
 * request.
 */
public final class LocalMcpFleet implements AutoCloseable {

  /** Tools per {@code tools/list} page: 100. */
  public static final int PAGE_SIZE = 100;

  /** Threads serving requests: 4 (a 2-core machine; answers are CPU-bound). */
  public static final int DEFAULT_THREADS = 4;

  /** Protocol versions answered as asked, oldest first. */
  public static final List<String> SUPPORTED_VERSIONS =
      List.of("2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25");

  /** Version answered when the client asks for an unsupported one. */
  public static final String DEFAULT_VERSION = "2025-06-18";

  static final int METHOD_NOT_FOUND = -32601;
  static final int INVALID_PARAMS = -32602;
  static final int INVALID_REQUEST = -32600;
  static final int PARSE_ERROR = -32700;
  static final int INTERNAL_ERROR = -32603;

  private static final String PATH_PREFIX = "/mcp/";
  private static final String JSON = "application/json";

  private final LoopbackHttp http;
  private final LongAdder requests = new LongAdder();
  private final LongAdder toolsServed = new LongAdder();
  private final Map<String, LongAdder> byMethod = new ConcurrentHashMap<>();
  private volatile SyntheticCatalogue catalogue;

  private LocalMcpFleet(SyntheticCatalogue catalogue, int threads) throws IOException {
    this.catalogue = Objects.requireNonNull(catalogue, "catalogue == null");
    this.http = new LoopbackHttp("mcprisk-fleet", threads);
    http.server().createContext(PATH_PREFIX, this::handle);
  }

  /**
   * Starts a fleet serving {@code catalogue} on 127.0.0.1 at a free port.
   *
   * @param threads request threads, at least 1 (see {@link #DEFAULT_THREADS})
   * @throws IOException when the port cannot be bound
   */
  public static LocalMcpFleet start(SyntheticCatalogue catalogue, int threads) throws IOException {
    LocalMcpFleet fleet = new LocalMcpFleet(catalogue, threads);
    fleet.http.start();
    return fleet;
  }

  /** {@code http://127.0.0.1:<port>}; server {@code n} is at {@code baseUrl() + "/mcp/" + n}. */
  public String baseUrl() {
    return http.baseUrl();
  }

  /** Serves {@code next} from the next request on (same number of servers expected). */
  public void switchTo(SyntheticCatalogue next) {
    catalogue = Objects.requireNonNull(next, "next == null");
  }

  /** HTTP requests received so far, all methods and paths. */
  public long requests() {
    return requests.sum();
  }

  /** JSON-RPC messages received with this {@code method} (e.g. {@code tools/list}). */
  public long requests(String method) {
    LongAdder adder = byMethod.get(method);
    return adder == null ? 0 : adder.sum();
  }

  /** Tools sent in {@code tools/list} answers so far. */
  public long toolsServed() {
    return toolsServed.sum();
  }

  @Override
  public void close() {
    http.close();
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.increment();
    try (exchange) {
      SyntheticCatalogue current = catalogue;
      int n = serverNumber(exchange.getRequestURI().getPath(), current.servers());
      if (n < 0) {
        LoopbackHttp.send(exchange, 404, null, new byte[0]);
        return;
      }
      if (!exchange.getRequestMethod().equals("POST")) {
        exchange.getResponseHeaders().set("Allow", "POST");
        LoopbackHttp.send(exchange, 405, null, new byte[0]);
        return;
      }
      byte[] body = LoopbackHttp.body(exchange);
      if (body == null) {
        LoopbackHttp.send(exchange, 413, null, new byte[0]);
        return;
      }
      JsonNode message;
      try {
        message = Json.MAPPER.readTree(body);
      } catch (IOException e) {
        reply(exchange, 400, error(null, PARSE_ERROR, "Parse error"));
        return;
      }
      if (message == null || !message.isObject()) {
        reply(exchange, 400, error(null, INVALID_REQUEST, "one JSON-RPC object per POST"));
        return;
      }
      JsonNode method = message.get("method");
      JsonNode id = message.get("id");
      if (method == null || !method.isTextual() || id == null || id.isNull()) {
        if (method != null && method.isTextual()) {
          count(method.asText());
        }
        LoopbackHttp.send(exchange, 202, null, new byte[0]);
        return;
      }
      count(method.asText());
      ObjectNode answer;
      try {
        answer = answer(current, n, method.asText(), id, message.path("params"));
      } catch (RuntimeException e) {
        reply(exchange, 500, error(id, INTERNAL_ERROR, "Internal error: " + e));
        return;
      }
      reply(exchange, 200, answer);
    }
  }

  private ObjectNode answer(
      SyntheticCatalogue current, int n, String method, JsonNode id, JsonNode params) {
    return switch (method) {
      case "initialize" -> result(id, initialize(current, n, params));
      case "ping" -> result(id, Json.object());
      case "tools/list" -> toolsList(current, n, id, params);
      default -> error(id, METHOD_NOT_FOUND, "Method not found: " + method);
    };
  }

  private static ObjectNode initialize(SyntheticCatalogue current, int n, JsonNode params) {
    String asked = params.path("protocolVersion").asText("");
    SyntheticServer server = current.server(n);
    ObjectNode result = Json.object();
    result.put("protocolVersion", SUPPORTED_VERSIONS.contains(asked) ? asked : DEFAULT_VERSION);
    result.putObject("capabilities").putObject("tools").put("listChanged", false);
    ObjectNode info = result.putObject("serverInfo");
    String name = server.name();
    info.put("name", name.substring(name.indexOf('/') + 1));
    info.put("version", server.version());
    return result;
  }

  private ObjectNode toolsList(SyntheticCatalogue current, int n, JsonNode id, JsonNode params) {
    int count = current.toolCount(n);
    int from = 0;
    JsonNode cursor = params.get("cursor");
    if (cursor != null && !cursor.isNull()) {
      from = offset(cursor.asText(""), count);
      if (from < 0) {
        return error(id, INVALID_PARAMS, "Invalid cursor");
      }
    }
    int to = Math.min(count, from + PAGE_SIZE);
    ObjectNode result = Json.object();
    List<ObjectNode> tools = current.tools(n, from, to);
    result.putArray("tools").addAll(tools);
    if (to < count) {
      result.put("nextCursor", Integer.toString(to));
    }
    toolsServed.add(tools.size());
    return result(id, result);
  }

  private static int offset(String cursor, int count) {
    if (cursor.isEmpty() || cursor.length() > 9 || !cursor.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    int offset = Integer.parseInt(cursor);
    return offset > 0 && offset < count && offset % PAGE_SIZE == 0 ? offset : -1;
  }

  private void count(String method) {
    byMethod.computeIfAbsent(method, m -> new LongAdder()).increment();
  }

  private static int serverNumber(String path, int servers) {
    if (!path.startsWith(PATH_PREFIX)) {
      return -1;
    }
    String digits = path.substring(PATH_PREFIX.length());
    if (digits.isEmpty()
        || digits.length() > 7
        || !digits.chars().allMatch(c -> c >= '0' && c <= '9')
        || (digits.length() > 1 && digits.charAt(0) == '0')) {
      return -1;
    }
    int n = Integer.parseInt(digits);
    return n < servers ? n : -1;
  }

  private static ObjectNode result(JsonNode id, ObjectNode result) {
    ObjectNode message = Json.object();
    message.put("jsonrpc", "2.0");
    message.set("id", id);
    message.set("result", result);
    return message;
  }

  private static ObjectNode error(JsonNode id, int code, String text) {
    ObjectNode message = Json.object();
    message.put("jsonrpc", "2.0");
    message.set("id", id == null ? Json.MAPPER.nullNode() : id);
    ObjectNode error = message.putObject("error");
    error.put("code", code);
    error.put("message", text);
    return message;
  }

  private static void reply(HttpExchange exchange, int status, ObjectNode message)
      throws IOException {
    byte[] bytes = Json.MAPPER.writeValueAsBytes(message);
    LoopbackHttp.send(exchange, status, JSON, bytes);
  }
}
