package dev.mcprisk.crawler.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcprisk.model.CrawlStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The legacy HTTP+SSE start-up limit against servers that drip: a raw loopback socket (no HTTP
 * library would send half a header) that writes its answer one byte every {@link #DRIP_MILLIS},
 * faster than the read timeout, so only the start-up limit can end the wait for the {@code
 * endpoint} event. Limits: start-up 1 s, request 2 s, total 10 s.
 */
class LegacySseStartupIT {
  private static final long DRIP_MILLIS = 100;
  private static final Duration STARTUP = Duration.ofSeconds(1);

  /** The wait may pass the start-up limit by this much (thread start, a loaded machine): 1.5 s. */
  private static final long SLACK_MILLIS = 1_500;

  private static final CrawlLimits LIMITS =
      new CrawlLimits(
          STARTUP,
          Duration.ofSeconds(2),
          Duration.ofSeconds(10),
          1024 * 1024,
          4 * 1024 * 1024,
          20,
          1_000);

  private static final String HEADERS =
      "HTTP/1.1 200 OK\r\n"
          + "Content-Type: text/event-stream\r\n"
          + "Cache-Control: no-cache\r\n"
          + "X-Padding: "
          + "p".repeat(200)
          + "\r\n\r\n";

  private DripServer server;

  /** Loads and initialises the client's classes, so no test's time includes them. */
  @BeforeAll
  static void warmUp() throws IOException {
    try (DripServer notFound =
        new DripServer("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n", "")) {
      McpProbe.probe(
          ProbeTarget.url("http://127.0.0.1:" + notFound.port() + "/sse", ProbeTransport.SSE),
          ProbeOptions.defaults().withLimits(LIMITS).withAllowPrivateNetwork(true));
    }
  }

  @AfterEach
  void stop() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void headersDrippedByteByByteEndAtTheStartUpLimit() throws IOException {
    server = new DripServer("", HEADERS + "event: endpoint\ndata: /messages\n\n");

    assertStartUpTimeout(probe());
  }

  @Test
  void aStatusLineThenDrippedHeadersEndAtTheStartUpLimit() throws IOException {
    server = new DripServer("HTTP/1.1 200 OK\r\n", HEADERS.substring(17) + ": x\n\n");

    assertStartUpTimeout(probe());
  }

  @Test
  void headersAtOnceThenADrippedStreamWithoutEndpointEndAtTheStartUpLimit() throws IOException {
    server = new DripServer(HEADERS, ": waiting\n\n".repeat(100));

    assertStartUpTimeout(probe());
  }

  private void assertStartUpTimeout(Run run) {
    String reason = run.result.outcome().reason();
    assertEquals(CrawlStatus.TIMEOUT, run.result.status(), reason);
    assertEquals("no endpoint event within the start-up timeout of 1000 ms", reason);
    assertEquals(1, server.connections.get(), "one GET, no retry");
    System.out.printf("legacy SSE drip: %s in %d ms%n", run.result.status(), run.millis);
    assertTrue(
        run.millis < STARTUP.toMillis() + SLACK_MILLIS,
        "took " + run.millis + " ms, start-up limit " + STARTUP.toMillis() + " ms");
  }

  private record Run(ProbeResult result, long millis) {}

  private Run probe() {
    String url = "http://127.0.0.1:" + server.port() + "/sse";
    ProbeOptions options = ProbeOptions.defaults().withLimits(LIMITS).withAllowPrivateNetwork(true);
    long start = System.nanoTime();
    ProbeResult result = McpProbe.probe(ProbeTarget.url(url, ProbeTransport.SSE), options);
    return new Run(result, (System.nanoTime() - start) / 1_000_000);
  }

  /**
   * Accepts connections on a dynamic loopback port; for each, reads the request head, writes {@code
   * atOnce}, then {@code dripped} one byte per {@link #DRIP_MILLIS}, until the client hangs up or
   * the text ends.
   */
  private static final class DripServer implements AutoCloseable {
    final AtomicInteger connections = new AtomicInteger();
    private final ServerSocket socket;
    private final Thread acceptor;

    DripServer(String atOnce, String dripped) throws IOException {
      socket = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
      acceptor =
          new Thread(
              () -> {
                while (!socket.isClosed()) {
                  try (Socket client = socket.accept()) {
                    connections.incrementAndGet();
                    readHead(client.getInputStream());
                    OutputStream out = client.getOutputStream();
                    out.write(atOnce.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    for (byte b : dripped.getBytes(StandardCharsets.US_ASCII)) {
                      Thread.sleep(DRIP_MILLIS);
                      out.write(b);
                      out.flush();
                    }
                  } catch (SocketException e) {
                    // closed by the client or by close(): the point of the test
                  } catch (IOException e) {
                    // the same
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "drip-server");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    private static void readHead(InputStream in) throws IOException {
      int state = 0;
      for (int c = in.read(); c >= 0; c = in.read()) {
        state = (c == '\r' || c == '\n') ? state + 1 : 0;
        if (state == 4) {
          return;
        }
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
      acceptor.interrupt();
    }
  }
}
