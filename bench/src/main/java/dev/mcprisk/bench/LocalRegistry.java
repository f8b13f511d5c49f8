package dev.mcprisk.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import dev.mcprisk.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A local MCP registry on loopback serving a {@link SyntheticCatalogue} through the official API's
 * list call (the registry API,
 * https://github.com/modelcontextprotocol/registry/blob/main/docs/reference/api/openapi.yaml):
 * {@code GET /v0.1/servers} with {@code cursor}, {@code limit} (1 to {@value #MAX_LIMIT}, default
 * {@value #DEFAULT_LIMIT}), {@code updated_since} (RFC 3339; only entries whose {@code updatedAt}
 * is after it), {@code search} (substring of the name) and {@code version=latest}. Entries are
 * ordered by name; the cursor is the last name of the previous page. Envelope: {@code {"servers":
 * [{"server": <server.json>, "_meta": {"io.modelcontextprotocol.registry/official": {"status":
 * "active", "publishedAt", "updatedAt", "isLatest": true}}}], "metadata": {"nextCursor"?,
 * "count"}}}; {@code nextCursor} is absent on the last page. Each server has one version (the
 * latest), so with or without {@code version=latest} the answer is the same. Bad parameters get 400
 * with an {@code application/problem+json} body. Counts requests and records their query strings
 * (the first {@value #MAX_RECORDED_QUERIES}).
 *
 * <p>Thread-safe: exchanges run on a bounded pool; {@link #switchTo} takes effect for the next
 * request.
 */
public final class LocalRegistry implements AutoCloseable {

  /** Largest {@code limit}: 100, as the official registry. */
  public static final int MAX_LIMIT = 100;

  /** {@code limit} when none is given: 30, as the official registry. */
  public static final int DEFAULT_LIMIT = 30;

  /** Threads serving requests: 2. */
  public static final int DEFAULT_THREADS = 2;

  /** Query strings kept for {@link #queries()}: 10,000. */
  public static final int MAX_RECORDED_QUERIES = 10_000;

  /** The list path. */
  public static final String SERVERS_PATH = "/v0.1/servers";

  /** {@code _meta} key of the registry's own facts. */
  public static final String OFFICIAL_META = "io.modelcontextprotocol.registry/official";

  private final LoopbackHttp http;
  private final String fleetBase;
  private final LongAdder requests = new LongAdder();
  private final AtomicInteger recorded = new AtomicInteger();
  private final ConcurrentLinkedQueue<String> queries = new ConcurrentLinkedQueue<>();
  private volatile SyntheticCatalogue catalogue;

  private LocalRegistry(SyntheticCatalogue catalogue, String fleetBase, int threads)
      throws IOException {
    this.catalogue = Objects.requireNonNull(catalogue, "catalogue == null");
    this.fleetBase = Objects.requireNonNull(fleetBase, "fleetBase == null");
    this.http = new LoopbackHttp("mcprisk-registry", threads);
    http.server().createContext(SERVERS_PATH, this::handle);
  }

  /**
   * Starts a registry serving {@code catalogue} on 127.0.0.1 at a free port.
   *
   * @param fleetBase base URL written in each entry's remote ({@code <fleetBase>/mcp/<n>})
   * @param threads request threads, at least 1 (see {@link #DEFAULT_THREADS})
   * @throws IOException when the port cannot be bound
   */
  public static LocalRegistry start(SyntheticCatalogue catalogue, String fleetBase, int threads)
      throws IOException {
    LocalRegistry registry = new LocalRegistry(catalogue, fleetBase, threads);
    registry.http.start();
    return registry;
  }

  /** {@code http://127.0.0.1:<port>}; the list is at {@code baseUrl() + "/v0.1/servers"}. */
  public String baseUrl() {
    return http.baseUrl();
  }

  /** Serves {@code next} from the next request on. */
  public void switchTo(SyntheticCatalogue next) {
    catalogue = Objects.requireNonNull(next, "next == null");
  }

  /** HTTP requests received so far. */
  public long requests() {
    return requests.sum();
  }

  /** The raw query strings of the first {@value #MAX_RECORDED_QUERIES} requests, in order. */
  public List<String> queries() {
    return List.copyOf(queries);
  }

  @Override
  public void close() {
    http.close();
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.increment();
    try (exchange) {
      String raw = exchange.getRequestURI().getRawQuery();
      if (recorded.getAndIncrement() < MAX_RECORDED_QUERIES) {
        queries.add(raw == null ? "" : raw);
      }
      String path = exchange.getRequestURI().getPath();
      if (!path.equals(SERVERS_PATH) && !path.equals(SERVERS_PATH + "/")) {
        problem(exchange, 404, "Not Found", "no such path: " + path);
        return;
      }
      if (!exchange.getRequestMethod().equals("GET")) {
        exchange.getResponseHeaders().set("Allow", "GET");
        problem(exchange, 405, "Method Not Allowed", "only GET");
        return;
      }
      Map<String, String> params = parameters(raw);
      int limit = DEFAULT_LIMIT;
      if (params.containsKey("limit")) {
        String text = params.get("limit");
        limit = text.matches("\\d{1,4}") ? Integer.parseInt(text) : -1;
        if (limit < 1 || limit > MAX_LIMIT) {
          problem(exchange, 400, "Bad Request", "limit must be 1 to " + MAX_LIMIT);
          return;
        }
      }
      String version = params.get("version");
      if (version != null && !version.equals("latest")) {
        problem(exchange, 400, "Bad Request", "only version=latest is served");
        return;
      }
      Instant since = null;
      if (params.containsKey("updated_since")) {
        try {
          // A '+' of an unencoded offset arrives as a space.
          since = OffsetDateTime.parse(params.get("updated_since").replace(' ', '+')).toInstant();
        } catch (DateTimeParseException e) {
          problem(exchange, 400, "Bad Request", "updated_since is not RFC 3339");
          return;
        }
      }
      byte[] body = page(catalogue, params.get("cursor"), limit, since, params.get("search"));
      LoopbackHttp.send(exchange, 200, "application/json", body);
    }
  }

  private byte[] page(
      SyntheticCatalogue current, String cursor, int limit, Instant since, String search)
      throws IOException {
    int position = cursor == null || cursor.isEmpty() ? 0 : current.positionAfter(cursor);
    List<SyntheticServer> found = new ArrayList<>(limit);
    boolean more = false;
    for (; position < current.servers(); position++) {
      int n = current.indexAtPosition(position);
      if (since != null && !current.updatedAt(n).isAfter(since)) {
        continue;
      }
      if (search != null && !current.name(n).contains(search)) {
        continue;
      }
      if (found.size() == limit) {
        more = true;
        break;
      }
      found.add(current.server(n));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(2048 * (found.size() + 1));
    try (JsonGenerator generator = Json.MAPPER.getFactory().createGenerator(out)) {
      generator.writeStartObject();
      generator.writeArrayFieldStart("servers");
      for (SyntheticServer server : found) {
        generator.writeStartObject();
        generator.writeFieldName("server");
        generator.writeTree(SyntheticCatalogue.entry(server, fleetBase));
        generator.writeObjectFieldStart("_meta");
        generator.writeObjectFieldStart(OFFICIAL_META);
        generator.writeStringField("status", "active");
        generator.writeStringField("publishedAt", server.publishedAt().toString());
        generator.writeStringField("updatedAt", server.updatedAt().toString());
        generator.writeBooleanField("isLatest", true);
        generator.writeEndObject();
        generator.writeEndObject();
        generator.writeEndObject();
      }
      generator.writeEndArray();
      generator.writeObjectFieldStart("metadata");
      if (more) {
        generator.writeStringField("nextCursor", found.get(found.size() - 1).name());
      }
      generator.writeNumberField("count", found.size());
      generator.writeEndObject();
      generator.writeEndObject();
    }
    return out.toByteArray();
  }

  private static Map<String, String> parameters(String raw) {
    Map<String, String> params = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        params.putIfAbsent(
            URLDecoder.decode(name, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        // a malformed %-escape: the parameter is ignored
      }
    }
    return params;
  }

  private static void problem(HttpExchange exchange, int status, String title, String detail)
      throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    LoopbackHttp.send(
        exchange, status, "application/problem+json", Json.MAPPER.writeValueAsBytes(body));
  }
}
