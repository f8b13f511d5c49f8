package dev.mcprisk.crawler.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mcprisk.model.CrawlStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile HTTP servers that WireMock cannot play because they never stop talking: the JDK's own
 * HTTP server on a dynamic loopback port, one handler per behaviour, answering every POST the same
 * way. Private networks are allowed explicitly. Each test asserts the status, the time and the heap
 * peak.
 */
class HostileHttpIT {

  private static final CrawlLimits LIMITS =
      new CrawlLimits(
          Duration.ofSeconds(2),
          Duration.ofSeconds(2),
          Duration.ofSeconds(8),
          1024 * 1024,
          4 * 1024 * 1024,
          20,
          1_000);

  private HttpServer server;
  private ExecutorService executor;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    executor = Executors.newFixedThreadPool(4, r -> new Thread(r, "hostile-http"));
    server.setExecutor(executor);
    server.createContext("/endless-sse", e -> stream(e, "text/event-stream", this::endlessEvents));
    server.createContext("/slow-sse", e -> stream(e, "text/event-stream", this::slowComments));
    server.createContext("/huge", e -> stream(e, "application/json", this::hugeJson));
    server.createContext("/drip", e -> stream(e, "application/json", this::drip));
    server.createContext("/deep", e -> stream(e, "application/json", this::deepJson));
    server.createContext(
        "/warm-up",
        e -> {
          e.getRequestBody().readAllBytes();
          e.sendResponseHeaders(404, -1);
          e.close();
        });
    server.start();
    // Loads and initialises the client's classes, so the first test's allocations are its own.
    probe("/warm-up");
  }

  @AfterEach
  void stop() throws InterruptedException {
    server.stop(0);
    executor.shutdownNow();
    executor.awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void anEndlessFastSseStreamStopsAtTheByteBudget() {
    Run run = probe("/endless-sse");

    assertEquals(CrawlStatus.TOO_LARGE, run.result.status(), run.reason());
    assertTrue(
        run.reason().startsWith("the server's answers exceeded 4194304 bytes in all"),
        run.reason());
    run.assertWithin(5_000, 64);
  }

  @Test
  void anEndlessSlowSseStreamTimesOut() {
    Run run = probe("/slow-sse");

    assertEquals(CrawlStatus.TIMEOUT, run.result.status(), run.reason());
    assertTrue(
        run.reason().startsWith("no answer to server/discover within 2000 ms"), run.reason());
    run.assertWithin(5_000, 64);
  }

  @Test
  void a400MiBBodyIsTooLargeWithoutBeingHeld() {
    Run run = probe("/huge");

    assertEquals(CrawlStatus.TOO_LARGE, run.result.status(), run.reason());
    assertTrue(
        run.reason().startsWith("an answer exceeded the message limit of 1048576 bytes"),
        run.reason());
    run.assertWithin(5_000, 64);
  }

  @Test
  void oneBytePerSecondTimesOut() {
    Run run = probe("/drip");

    assertEquals(CrawlStatus.TIMEOUT, run.result.status(), run.reason());
    assertTrue(
        run.reason().startsWith("no answer to server/discover within 2000 ms"), run.reason());
    run.assertWithin(5_000, 64);
  }

  @Test
  void nesting200000DeepIsTooLarge() {
    Run run = probe("/deep");

    assertEquals(CrawlStatus.TOO_LARGE, run.result.status(), run.reason());
    assertTrue(run.reason().startsWith("a message nests deeper than 100 levels"), run.reason());
    run.assertWithin(5_000, 64);
  }

  // ---- behaviours ----

  private interface Body {
    void write(OutputStream out) throws IOException, InterruptedException;
  }

  private static void stream(HttpExchange exchange, String type, Body body) throws IOException {
    exchange.getRequestBody().readAllBytes();
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = exchange.getResponseBody()) {
      body.write(out);
    } catch (IOException | InterruptedException e) {
      // The client hung up: the point of every behaviour here.
    } finally {
      exchange.close();
    }
  }

  private void endlessEvents(OutputStream out) throws IOException {
    byte[] event =
        ("data: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\","
                + "\"params\":{\"data\":\""
                + "x".repeat(4096)
                + "\"}}\n\n")
            .repeat(16)
            .getBytes(StandardCharsets.UTF_8);
    while (true) {
      out.write(event);
    }
  }

  private void slowComments(OutputStream out) throws IOException, InterruptedException {
    while (true) {
      out.write(": still here\n\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      Thread.sleep(200);
    }
  }

  private void hugeJson(OutputStream out) throws IOException {
    out.write(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"pad\":\"".getBytes(StandardCharsets.UTF_8));
    byte[] chunk = "x".repeat(1 << 20).getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < 400; i++) {
      out.write(chunk);
    }
    out.write("\"}}".getBytes(StandardCharsets.UTF_8));
  }

  private void deepJson(OutputStream out) throws IOException {
    out.write(
        ("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":"
                + "[".repeat(200_000)
                + "]".repeat(200_000)
                + "}")
            .getBytes(StandardCharsets.UTF_8));
  }

  private void drip(OutputStream out) throws IOException, InterruptedException {
    for (byte b : "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}".getBytes(StandardCharsets.UTF_8)) {
      out.write(b);
      out.flush();
      Thread.sleep(1000);
    }
  }

  // ---- helpers ----

  private record Run(ProbeResult result, long millis, long heapMib, long allocatedMib) {
    String reason() {
      return result.outcome().reason();
    }

    void assertWithin(long maxMillis, long maxHeapMib) {
      System.out.printf(
          "hostile http %s: %s in %d ms, crawl thread allocated %d MiB, heap peak +%d MiB,"
              + " %d bytes read%n",
          result.outcome().serverId(),
          result.status(),
          millis,
          allocatedMib,
          heapMib,
          result.outcome().bytesRead());
      assertTrue(millis < maxMillis, "took " + millis + " ms");
      assertTrue(allocatedMib < maxHeapMib, "crawl thread allocated " + allocatedMib + " MiB");
      // Holding a 400 MiB answer would show here whatever the in-process server allocates.
      assertTrue(heapMib < 300, "heap peak +" + heapMib + " MiB");
    }
  }

  private Run probe(String path) {
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + path;
    ProbeOptions options = ProbeOptions.defaults().withLimits(LIMITS).withAllowPrivateNetwork(true);
    try (HeapWatch heap = new HeapWatch()) {
      long start = System.nanoTime();
      ProbeResult result = McpProbe.probe(ProbeTarget.url(url, ProbeTransport.HTTP), options);
      long millis = (System.nanoTime() - start) / 1_000_000;
      return new Run(result, millis, heap.peakMib(), heap.allocatedMib());
    }
  }
}
