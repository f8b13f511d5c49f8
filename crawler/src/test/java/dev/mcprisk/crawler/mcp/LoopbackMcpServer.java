package dev.mcprisk.crawler.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mcprisk.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A legacy (2025-06-18) MCP server on its own loopback port (one origin), built on the JDK's HTTP
 * server, that records the headers of every request it gets. One route per behaviour:
 *
 * <ul>
 *   <li>{@code POST /mcp}: Streamable HTTP ({@code server/discover} refused with 400, {@code
 *       initialize}, {@code tools/list} with one tool, notifications 202, {@code DELETE} 200);
 *   <li>{@code GET /sse}: an HTTP+SSE stream whose {@code endpoint} event names {@link
 *       #endpointEvent} (default {@code /messages} here), then every answer as a {@code message}
 *       event; {@code POST /messages} queues the answer and says 202;
 *   <li>{@code /redirect}: 307 to {@link #redirectTo} for any method;
 *   <li>{@code /protected}: 401 with {@link #challenge} as {@code WWW-Authenticate}.
 * </ul>
 *
 * <p>{@link #serverName} and {@link #toolDescription} are what the server says about itself and its
 * tool, so a test can make it echo a secret.
 */
final class LoopbackMcpServer implements AutoCloseable {

  /** One request as the server saw it. */
  record Seen(String method, String path, Map<String, List<String>> headers) {
    boolean has(String header) {
      return headers.containsKey(header);
    }
  }

  volatile String redirectTo = "";
  volatile String endpointEvent = "/messages";
  volatile String challenge = "Bearer";
  volatile String serverName = "loopback";
  volatile String toolDescription = "reads a file";

  private final HttpServer server;
  private final ExecutorService executor;
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final BlockingQueue<String> sseAnswers = new LinkedBlockingQueue<>();
  private volatile boolean closed;

  LoopbackMcpServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    executor = Executors.newFixedThreadPool(4, r -> new Thread(r, "loopback-mcp"));
    server.setExecutor(executor);
    server.createContext("/mcp", this::streamable);
    server.createContext("/sse", this::sse);
    server.createContext("/messages", this::messages);
    server.createContext(
        "/redirect",
        e -> {
          record(e);
          e.getResponseHeaders().add("Location", redirectTo);
          e.sendResponseHeaders(307, -1);
          e.close();
        });
    server.createContext(
        "/protected",
        e -> {
          record(e);
          e.getResponseHeaders().add("WWW-Authenticate", challenge);
          e.sendResponseHeaders(401, -1);
          e.close();
        });
    server.start();
  }

  /** {@code http://127.0.0.1:<port><path>}. */
  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Every request so far, in order. */
  List<Seen> seen() {
    return List.copyOf(seen);
  }

  @Override
  public void close() {
    closed = true;
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private byte[] record(HttpExchange e) throws IOException {
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    e.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
    seen.add(new Seen(e.getRequestMethod(), e.getRequestURI().getPath(), headers));
    return e.getRequestBody().readAllBytes();
  }

  private void streamable(HttpExchange e) throws IOException {
    byte[] body = record(e);
    if (e.getRequestMethod().equals("DELETE")) {
      send(e, 200, "");
      return;
    }
    JsonNode message = Json.parse(new String(body, StandardCharsets.UTF_8));
    String method = message.path("method").asText();
    if (method.equals("server/discover")) {
      send(
          e,
          400,
          "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32000,"
              + "\"message\":\"Bad Request: Server not initialized\"}}");
      return;
    }
    String answer = answer(message);
    if (answer == null) {
      e.sendResponseHeaders(202, -1);
      e.close();
      return;
    }
    e.getResponseHeaders().add("Mcp-Session-Id", "s-1");
    send(e, 200, answer);
  }

  private void sse(HttpExchange e) throws IOException {
    record(e);
    e.getResponseHeaders().add("Content-Type", "text/event-stream");
    e.sendResponseHeaders(200, 0);
    try (OutputStream out = e.getResponseBody()) {
      event(out, "endpoint", endpointEvent);
      while (!closed) {
        String answer = sseAnswers.poll(100, TimeUnit.MILLISECONDS);
        if (answer != null) {
          event(out, "message", answer);
        }
      }
    } catch (IOException | InterruptedException ex) {
      // The client hung up or the server stops.
    } finally {
      e.close();
    }
  }

  private void messages(HttpExchange e) throws IOException {
    byte[] body = record(e);
    String answer = answer(Json.parse(new String(body, StandardCharsets.UTF_8)));
    if (answer != null) {
      sseAnswers.add(answer);
    }
    e.sendResponseHeaders(202, -1);
    e.close();
  }

  /** The answer to a request, or null for a notification or a response. */
  private String answer(JsonNode message) {
    if (!message.hasNonNull("id") || !message.hasNonNull("method")) {
      return null;
    }
    ObjectNode result = Json.object();
    switch (message.get("method").asText()) {
      case "initialize" -> {
        result.put("protocolVersion", message.path("params").path("protocolVersion").asText());
        result.putObject("capabilities").putObject("tools");
        result.putObject("serverInfo").put("name", serverName).put("version", "1");
      }
      case "tools/list" -> {
        ObjectNode tool = result.putArray("tools").addObject();
        tool.put("name", "read_file").put("description", toolDescription);
        tool.putObject("inputSchema").put("type", "object");
      }
      default -> {}
    }
    ObjectNode reply = Json.object();
    reply.put("jsonrpc", "2.0");
    reply.set("id", message.get("id"));
    reply.set("result", result);
    return Json.write(reply);
  }

  private static void event(OutputStream out, String name, String data) throws IOException {
    out.write(("event: " + name + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static void send(HttpExchange e, int code, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    e.getResponseHeaders().add("Content-Type", "application/json");
    e.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      e.getResponseBody().write(bytes);
    }
    e.close();
  }
}
