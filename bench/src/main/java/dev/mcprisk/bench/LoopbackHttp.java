package dev.mcprisk.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shared plumbing of the local registry and fleet: a JDK {@link HttpServer} on 127.0.0.1 with a
 * port the system picks, served by a bounded, named thread pool.
 *
 * <p>Thread-safe.
 */
final class LoopbackHttp implements AutoCloseable {

  /** Pending connections the listening socket queues: 512. */
  static final int BACKLOG = 512;

  /** Requests queued for the pool before the dispatcher runs them itself: 1,024. */
  static final int MAX_QUEUED_REQUESTS = 1_024;

  /** Longest request body read: 1 MiB. */
  static final int MAX_REQUEST_BYTES = 1024 * 1024;

  /** Seconds {@link #close()} waits for exchanges in flight: 0 (loopback clients retry or fail). */
  static final int STOP_DELAY_SECONDS = 0;

  /**
   * JDK property that sets TCP_NODELAY on the server's sockets. Without it the JDK server writes
   * headers and body in two segments and Nagle's algorithm meets the client's delayed ACK: about 40
   * ms per answer on loopback (20 registry pages/s and 10 crawls/s instead of 500 and 160). Read
   * once, when the JDK's server configuration class loads; set here unless given on the command
   * line.
   */
  static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

  static {
    if (System.getProperty(NODELAY_PROPERTY) == null) {
      System.setProperty(NODELAY_PROPERTY, "true");
    }
  }

  private final HttpServer server;
  private final ThreadPoolExecutor pool;

  LoopbackHttp(String name, int threads) throws IOException {
    if (threads < 1) {
      throw new IllegalArgumentException("threads < 1: " + threads);
    }
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), BACKLOG);
    AtomicInteger count = new AtomicInteger();
    pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(MAX_QUEUED_REQUESTS),
            runnable -> {
              Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            },
            new ThreadPoolExecutor.CallerRunsPolicy());
    server.setExecutor(pool);
  }

  HttpServer server() {
    return server;
  }

  void start() {
    server.start();
  }

  /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
  String baseUrl() {
    return "http://"
        + server.getAddress().getAddress().getHostAddress()
        + ":"
        + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(STOP_DELAY_SECONDS);
    pool.shutdownNow();
  }

  /** The request body, or null when it is over {@link #MAX_REQUEST_BYTES}. */
  static byte[] body(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readNBytes(MAX_REQUEST_BYTES + 1);
      return bytes.length > MAX_REQUEST_BYTES ? null : bytes;
    }
  }

  /** Sends {@code body} with {@code status} and {@code contentType}; closes the exchange. */
  static void send(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    if (contentType != null) {
      exchange.getResponseHeaders().set("Content-Type", contentType);
    }
    if (body.length == 0) {
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
      return;
    }
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
