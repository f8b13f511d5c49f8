package dev.mcprisk.crawler.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcprisk.model.CrawlStatus;
import java.io.IOException;
import java.util.OptionalInt;

/**
 * MCP over stdio (https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#stdio):
 * one JSON-RPC message per line on the {@link StdioConnection}'s stdin and stdout.
 *
 * <p>Not thread-safe: one crawl thread uses it.
 */
final class StdioTransport implements McpTransport {

  private final StdioConnection connection;
  private final CrawlLimits limits;

  StdioTransport(StdioConnection connection, CrawlLimits limits) {
    this.connection = connection;
    this.limits = limits;
  }

  @Override
  public String method() {
    return StdioMcpClient.METHOD;
  }

  @Override
  public TransportFailure send(ObjectNode message, long deadlineNanos) throws InterruptedException {
    try {
      connection.send(message);
      return null;
    } catch (IOException e) {
      return exited();
    }
  }

  @Override
  public Incoming next(long deadlineNanos) throws InterruptedException {
    StdioConnection.Event event = connection.poll(deadlineNanos);
    if (event == null) {
      return null;
    }
    return switch (event.kind()) {
      case LINE -> Incoming.message(event.text());
      case LINE_TOO_LONG ->
          Incoming.failed(
              TransportFailure.of(
                  CrawlStatus.TOO_LARGE,
                  "a stdout line exceeded " + limits.maxMessageBytes() + " bytes"));
      case TOTAL_TOO_LARGE ->
          Incoming.failed(
              TransportFailure.of(
                  CrawlStatus.TOO_LARGE,
                  "stdout exceeded " + limits.maxTotalBytes() + " bytes in all"));
      case EOF, READ_FAILED -> Incoming.failed(exited());
    };
  }

  private TransportFailure exited() throws InterruptedException {
    OptionalInt code = connection.exitCode();
    return TransportFailure.of(
        CrawlStatus.PROCESS_EXITED,
        "server ended its output"
            + (code.isPresent() ? " and exited with code " + code.getAsInt() : ""));
  }

  @Override
  public long bytesRead() {
    return connection.bytesRead();
  }

  /** The tails of stderr and of the non-protocol stdout lines, each when not empty. */
  @Override
  public String diagnostics() {
    String stderr = connection.stderrTail();
    String stdout = connection.stdoutTail();
    return (stderr.isEmpty() ? "" : "; stderr: " + stderr)
        + (stdout.isEmpty() ? "" : "; stdout: " + stdout);
  }

  @Override
  public void close() {
    connection.close();
  }
}
