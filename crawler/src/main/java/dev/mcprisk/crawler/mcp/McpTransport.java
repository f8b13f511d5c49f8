package dev.mcprisk.crawler.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Moves JSON-RPC messages between a {@link JsonRpcChannel} and one server. Implementations bound
 * every read by bytes and time and never throw for anything the server does.
 *
 * <p>Not thread-safe: one crawl thread uses a transport.
 */
interface McpTransport extends AutoCloseable {

  /** {@link dev.mcprisk.model.CrawlOutcome#method()} for this transport. */
  String method();

  /**
   * Sends one request, notification or response. Over Streamable HTTP the answer's body becomes
   * what {@link #next} reads.
   *
   * @param deadlineNanos {@link System#nanoTime()} by which sending (and, over HTTP, the whole
   *     answer) must be done
   * @return null when sent, else why not
   */
  TransportFailure send(ObjectNode message, long deadlineNanos) throws InterruptedException;

  /**
   * The next message from the server.
   *
   * @return the message or a failure; null when {@code deadlineNanos} passed first
   */
  Incoming next(long deadlineNanos) throws InterruptedException;

  /** Sets the protocol version later requests announce (HTTP header); null for none. */
  default void protocolVersion(String version) {}

  /** Bytes of server messages read so far. */
  long bytesRead();

  /** Extra context for a failure reason (a stdio server's stderr and stdout tails), or empty. */
  default String diagnostics() {
    return "";
  }

  /** Ends the connection (DELETE of an HTTP session, shut-down of a process tree). */
  @Override
  void close();
}
