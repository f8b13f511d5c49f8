package dev.mcprisk.crawler.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * An in-memory {@link McpTransport} for unit tests: every request sent is handed to a script, whose
 * lines (JSON or noise) are delivered in order by {@link #next}; when none is left, {@link #next}
 * returns null at once (the channel reads that as its deadline passing). Not thread-safe.
 */
final class ScriptedTransport implements McpTransport {

  /** Every message sent, in order: requests, notifications and answers to server requests. */
  final List<ObjectNode> sent = new ArrayList<>();

  private final Function<ObjectNode, List<String>> script;
  private final Deque<Incoming> inbox = new ArrayDeque<>();

  /**
   * @param script what the server says after each request (a message with a method and an id); not
   *     called for notifications and answers
   */
  ScriptedTransport(Function<ObjectNode, List<String>> script) {
    this.script = script;
  }

  /** The requests sent (messages with a method and an id), in order. */
  List<ObjectNode> requests() {
    return sent.stream().filter(m -> m.has("method") && m.has("id")).toList();
  }

  /** The answers sent to server requests (messages with an id and no method), in order. */
  List<ObjectNode> answers() {
    return sent.stream().filter(m -> !m.has("method") && m.has("id")).toList();
  }

  /** {@code params.cursor} of each request sent, null for none. */
  List<String> cursors() {
    List<String> cursors = new ArrayList<>();
    for (ObjectNode request : requests()) {
      JsonNode cursor = request.path("params").get("cursor");
      cursors.add(cursor == null ? null : cursor.asText());
    }
    return cursors;
  }

  @Override
  public String method() {
    return "scripted";
  }

  @Override
  public TransportFailure send(ObjectNode message, long deadlineNanos) {
    sent.add(message.deepCopy());
    if (message.has("method") && message.has("id")) {
      for (String line : script.apply(message)) {
        inbox.add(Incoming.message(line));
      }
    }
    return null;
  }

  @Override
  public Incoming next(long deadlineNanos) {
    return inbox.poll();
  }

  @Override
  public long bytesRead() {
    return 0;
  }

  @Override
  public void close() {}
}
