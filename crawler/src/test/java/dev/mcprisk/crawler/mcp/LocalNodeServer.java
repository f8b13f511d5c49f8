package dev.mcprisk.crawler.mcp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real MCP server started as a local process that serves HTTP on a free loopback port, for
 * conformance tests; closing it kills its whole process tree and waits until it is reaped.
 *
 * @param process the server process
 * @param port the port it listens on
 */
record LocalNodeServer(Process process, int port) implements AutoCloseable {
  /** How long a server may take to listen: 15 seconds. */
  static final Duration LISTEN_TIMEOUT = Duration.ofSeconds(15);

  /** A port that was free a moment ago. */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /**
   * Starts {@code command} with only {@code PATH} and {@code environment}, and waits until {@code
   * port} accepts connections.
   *
   * @throws IllegalStateException when the server exits or does not listen within {@link
   *     #LISTEN_TIMEOUT}
   */
  static LocalNodeServer start(List<String> command, Map<String, String> environment, int port)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().clear();
    builder.environment().put("PATH", "/usr/bin:/bin");
    builder.environment().putAll(environment);
    LocalNodeServer server = new LocalNodeServer(builder.start(), port);
    long deadline = System.nanoTime() + LISTEN_TIMEOUT.toNanos();
    while (!listening(port)) {
      if (System.nanoTime() > deadline || !server.process.isAlive()) {
        server.close();
        throw new IllegalStateException(String.join(" ", command) + " did not listen on " + port);
      }
      Thread.sleep(50);
    }
    return server;
  }

  /** {@code http://127.0.0.1:<port><path>}. */
  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  @Override
  public void close() {
    try {
      List<ProcessHandle> tree = process.descendants().toList();
      tree.forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      for (ProcessHandle handle : tree) {
        while (StdioConnection.running(handle) && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
