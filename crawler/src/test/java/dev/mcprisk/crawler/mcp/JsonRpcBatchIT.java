package dev.mcprisk.crawler.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mcprisk.crawler.reference.ReferenceServers;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.CrawlStatus;
import dev.mcprisk.model.ToolDefinition;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Servers that answer with JSON-RPC batches (a JSON array of messages; JSON-RPC 2.0 section 6, MCP
 * 2025-03-26 "Batching") over every transport: Streamable HTTP with a JSON body and with an SSE
 * stream, legacy HTTP+SSE (the JDK's HTTP server on a dynamic loopback port, its GET stream held
 * open) and stdio (a node process, src/test/resources/mcp/batch-server.js). Every batch holds a log
 * notification and then the response.
 */
class JsonRpcBatchIT {

  private static final CrawlLimits LIMITS =
      new CrawlLimits(
          Duration.ofSeconds(3),
          Duration.ofSeconds(3),
          Duration.ofSeconds(10),
          1024 * 1024,
          4 * 1024 * 1024,
          20,
          1_000);

  private HttpServer server;
  private ExecutorService executor;
  private final Object sseLock = new Object();
  private OutputStream sse;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    executor = Executors.newFixedThreadPool(4, r -> new Thread(r, "batch-http"));
    server.setExecutor(executor);
    server.createContext("/json", e -> streamable(e, false, r -> Json.write(batch(r))));
    server.createContext("/events", e -> streamable(e, true, r -> Json.write(batch(r))));
    server.createContext("/empty", e -> streamable(e, false, response -> "[]"));
    server.createContext(
        "/numbers", e -> streamable(e, false, response -> "[42," + Json.write(response) + "]"));
    server.createContext(
        "/broken-page",
        e ->
            streamable(
                e,
                false,
                response ->
                    response.path("result").has("tools")
                        ? Json.write(response).substring(0, 40)
                        : Json.write(response)));
    server.createContext("/sse", this::legacyStream);
    server.createContext("/messages", this::legacyPost);
    server.start();
  }

  @AfterEach
  void stop() throws InterruptedException {
    server.stop(0);
    executor.shutdownNow();
    executor.awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void aBatchInAJsonBodyIsReadOverStreamableHttp() {
    ProbeResult result = probe("/json", ProbeTransport.HTTP);

    assertListed(result, "streamable-http");
  }

  @Test
  void aBatchInAnSseEventIsReadOverStreamableHttp() {
    ProbeResult result = probe("/events", ProbeTransport.HTTP);

    assertListed(result, "streamable-http");
  }

  @Test
  void aBatchInAMessageEventIsReadOverLegacySse() {
    ProbeResult result = probe("/sse", ProbeTransport.SSE);

    assertListed(result, "sse");
  }

  @Test
  void aBatchOnAStdoutLineIsReadOverStdio() throws URISyntaxException {
    Optional<Path> node = ReferenceServers.findNode();
    if (node.isEmpty()) {
      System.out.println("SKIPPED JsonRpcBatchIT stdio: node is not on PATH");
    }
    Assumptions.assumeTrue(node.isPresent(), "node is not on PATH");
    Path script = Path.of(JsonRpcBatchIT.class.getResource("/mcp/batch-server.js").toURI());
    Path nodeBinary = realPath(node.get());
    Path bin = nodeBinary.getParent();
    Path installRoot = bin.getFileName().toString().equals("bin") ? bin.getParent() : bin;
    StdioServerSpec spec =
        new StdioServerSpec(
            "test:batch",
            List.of(nodeBinary.toString(), script.toString()),
            Map.of(),
            null,
            List.of(script.getParent(), installRoot),
            List.of());

    ProbeResult result = StdioMcpClient.probe(spec, LIMITS, Sandbox.none());

    assertListed(result, "stdio");
  }

  @Test
  void anEmptyBatchIsAProtocolErrorThatSaysSo() {
    ProbeResult result = probe("/empty", ProbeTransport.HTTP);

    assertEquals(CrawlStatus.PROTOCOL_ERROR, result.status(), result.outcome().reason());
    assertEquals(
        "the server answered with an empty JSON-RPC batch (an empty array) (waiting for"
            + " initialize)",
        result.outcome().reason());
  }

  @Test
  void aBatchElementThatIsNotAnObjectIsAProtocolErrorThatSaysSo() {
    ProbeResult result = probe("/numbers", ProbeTransport.HTTP);

    assertEquals(CrawlStatus.PROTOCOL_ERROR, result.status(), result.outcome().reason());
    assertEquals(
        "element 1 of a JSON-RPC batch is not an object (waiting for initialize)",
        result.outcome().reason());
  }

  @Test
  void aToolsListPageThatIsNotJsonIsAProtocolErrorThatSaysSo() {
    ProbeResult result = probe("/broken-page", ProbeTransport.HTTP);

    assertEquals(CrawlStatus.PROTOCOL_ERROR, result.status(), result.outcome().reason());
    assertEquals(
        "the answer is not JSON-RPC: Unexpected end-of-input in field name (waiting for tools/list)",
        result.outcome().reason());
  }

  // ---- the server ----

  private static void assertListed(ProbeResult result, String method) {
    assertEquals(CrawlStatus.OK, result.status(), result.outcome().reason());
    assertEquals(method, result.outcome().method());
    assertEquals("2025-03-26", result.outcome().protocolVersion());
    assertEquals(
        List.of("batched_tool"),
        result.outcome().tools().stream().map(ToolDefinition::name).toList());
    assertEquals("", result.outcome().reason());
  }

  /** The answer to one request, or null for a notification or response. */
  private static ObjectNode answer(JsonNode request) {
    JsonNode id = request.get("id");
    if (id == null || !request.has("method")) {
      return null;
    }
    ObjectNode response = Json.object();
    response.put("jsonrpc", "2.0");
    response.set("id", id);
    switch (request.get("method").asText()) {
      case "initialize" -> {
        ObjectNode r = response.putObject("result");
        r.put("protocolVersion", "2025-03-26");
        r.putObject("capabilities").putObject("tools");
        r.putObject("serverInfo").put("name", "batch").put("version", "1.0.0");
      }
      case "tools/list" -> {
        ObjectNode tool = response.putObject("result").putArray("tools").addObject();
        tool.put("name", "batched_tool");
        tool.put("description", "Arrives in a batch");
        tool.putObject("inputSchema").put("type", "object");
      }
      default -> response.putObject("error").put("code", -32601).put("message", "Method not found");
    }
    return response;
  }

  /** A log notification, then the response. */
  private static JsonNode batch(ObjectNode response) {
    ArrayNode batch = Json.MAPPER.createArrayNode();
    ObjectNode note = batch.addObject();
    note.put("jsonrpc", "2.0");
    note.put("method", "notifications/message");
    note.putObject("params").put("level", "info").put("data", "batched");
    batch.add(response);
    return batch;
  }

  private static void streamable(
      HttpExchange exchange, boolean events, Function<ObjectNode, String> wrap) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("POST")) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      ObjectNode response = answer(Json.MAPPER.readTree(exchange.getRequestBody()));
      if (response == null) {
        exchange.sendResponseHeaders(202, -1);
        return;
      }
      String body = wrap.apply(response);
      if (events) {
        body = "event: message\ndata: " + body + "\n\n";
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange
          .getResponseHeaders()
          .add("Content-Type", events ? "text/event-stream" : "application/json");
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes);
    }
  }

  /** The legacy GET: an endpoint event, then held open for the answers until the client leaves. */
  private void legacyStream(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    synchronized (sseLock) {
      sse = out;
      out.write("event: endpoint\ndata: /messages?session=1\n\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
    }
    try {
      Thread.sleep(LIMITS.totalTimeout().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      exchange.close();
    }
  }

  /** A legacy POST: 202 at once, the answer as a message event on the open stream. */
  private void legacyPost(HttpExchange exchange) throws IOException {
    try (exchange) {
      ObjectNode response = answer(Json.MAPPER.readTree(exchange.getRequestBody()));
      exchange.sendResponseHeaders(202, -1);
      if (response != null) {
        byte[] event =
            ("event: message\ndata: " + Json.write(batch(response)) + "\n\n")
                .getBytes(StandardCharsets.UTF_8);
        synchronized (sseLock) {
          sse.write(event);
          sse.flush();
        }
      }
    }
  }

  private ProbeResult probe(String path, ProbeTransport transport) {
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + path;
    ProbeOptions options = ProbeOptions.defaults().withLimits(LIMITS).withAllowPrivateNetwork(true);
    return McpProbe.probe(ProbeTarget.url(url, transport), options);
  }

  private static Path realPath(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return path;
    }
  }
}
