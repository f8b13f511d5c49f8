package dev.mcprisk.crawler.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.CrawlStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * JSON-RPC 2.0 (https://www.jsonrpc.org/specification) over one {@link McpTransport}: numbers
 * requests from 1, sends them and notifications, waits for the answer with the id sent, and answers
 * the requests the server sends meanwhile. It knows no list and no protocol version: what every
 * request carries in {@code params._meta} ({@link #stamp}) and which client capabilities were
 * announced ({@link #announce}) are set from outside.
 *
 * <p>Matching: every answer must carry the id of the request waited for (a number, or its decimal
 * text); an answer to an unknown id is {@code PROTOCOL_ERROR}, an answer to a request given up on
 * (timed out) is skipped. An error with id null (JSON-RPC 2.0 section 5: the request could not be
 * read) is the answer to the request waited for. A JSON-RPC batch (section 6, a JSON array of
 * messages) is read element by element over every transport, see {@link #handleBatch}. Text that is
 * not JSON is noise: counted and skipped up to {@link CrawlLimits#maxNoiseLines()} (one more is
 * {@code PROTOCOL_ERROR}), unless it is the whole answer ({@link Incoming#whole()}); JSON nested
 * deeper than {@link CrawlLimits#maxJsonDepth()} is {@code TOO_LARGE}.
 *
 * <p>Requests from the server are answered without reading a file or calling a model: {@code
 * roots/list} with an empty list
 * (https://modelcontextprotocol.io/specification/2025-06-18/client/roots), {@code
 * sampling/createMessage} with error {@value #USER_REJECTED}, "User rejected sampling request"
 * (https://modelcontextprotocol.io/specification/2025-11-25/client/sampling#error-handling), {@code
 * elicitation/create} with {@code {"action": "decline"}}
 * (https://modelcontextprotocol.io/specification/2025-06-18/client/elicitation), each only when its
 * capability was in what was last announced, else with {@value #METHOD_NOT_FOUND} (elicitation
 * offered with a version before 2025-06-18 is not announced, see {@link
 * ClientCapabilities#forVersion}); {@code ping} with an empty result
 * (https://modelcontextprotocol.io/specification/2025-06-18/basic/utilities/ping); anything else
 * with {@value #METHOD_NOT_FOUND}. They are counted by method ({@link #serverRequests()}); after
 * {@value ClientCapabilities#MAX_ANSWERED_SERVER_REQUESTS} the rest are counted and left
 * unanswered, so a server cannot keep the client busy writing. Notifications from the server are
 * skipped.
 *
 * <p>Time: every wait ends at the request's own deadline or at the crawl's total deadline,
 * whichever is first; answers to the server and notifications get {@link
 * CrawlLimits#requestTimeout()}. Deadlines are {@link System#nanoTime()} values, timeouts
 * nanoseconds.
 *
 * <p>Methods never throw for anything the server does; they throw {@link InterruptedException} when
 * the crawl thread is interrupted. Not thread-safe: one crawl thread uses a channel.
 */
final class JsonRpcChannel {

  /**
   * Error code of a refused {@code sampling/createMessage}: -1, "User rejected sampling request"
   * (https://modelcontextprotocol.io/specification/2025-11-25/client/sampling#error-handling).
   */
  static final int USER_REJECTED = -1;

  /** JSON-RPC "Method not found" (JSON-RPC 2.0 section 5.1). */
  static final int METHOD_NOT_FOUND = -32601;

  /** Key of {@link #serverRequests()} for methods this client does not know. */
  static final String OTHER_REQUEST = "other";

  /**
   * Server request methods counted under their own name; the rest count as {@value #OTHER_REQUEST}.
   */
  static final Set<String> KNOWN_SERVER_REQUESTS =
      Set.of("roots/list", "sampling/createMessage", "elicitation/create", "ping");

  private final McpTransport transport;
  private final CrawlLimits limits;
  private final long totalDeadline;
  private final BoundedJson json;
  private final Set<Long> abandoned = new HashSet<>();
  private final Map<String, Integer> serverRequests = new TreeMap<>();
  private long nextId = 1;
  private int noiseLines;
  private int serverRequestCount;
  private ObjectNode meta;
  private ObjectNode announced;

  /**
   * @param totalDeadlineNanos {@link System#nanoTime()} at which the whole crawl must end; no wait
   *     goes past it
   */
  JsonRpcChannel(McpTransport transport, CrawlLimits limits, long totalDeadlineNanos) {
    this.transport = transport;
    this.limits = limits;
    this.totalDeadline = totalDeadlineNanos;
    this.json = new BoundedJson(limits.maxJsonDepth());
  }

  /**
   * Every later request carries a copy of {@code meta} as {@code params._meta} (2026-07-28); null
   * for none.
   */
  void stamp(ObjectNode meta) {
    this.meta = meta;
  }

  /**
   * Records the client capabilities just sent to the server: they decide how its requests are
   * answered, and are {@link #announced()}.
   */
  void announce(ObjectNode capabilities) {
    this.announced = capabilities;
  }

  /** The client capabilities last sent; null before any. */
  ObjectNode announced() {
    return announced;
  }

  /** Requests the server sent, by method (see the class comment); a read-only live view. */
  Map<String, Integer> serverRequests() {
    return Collections.unmodifiableMap(serverRequests);
  }

  /**
   * What the crawl's reason should mention: non-JSON lines skipped, server requests left
   * unanswered. Empty when nothing.
   */
  List<String> notes() {
    List<String> notes = new ArrayList<>();
    if (noiseLines > 0) {
      notes.add(noiseLines + " non-JSON stdout line(s) ignored");
    }
    if (serverRequestCount > ClientCapabilities.MAX_ANSWERED_SERVER_REQUESTS) {
      notes.add(
          "answered the server's first "
              + ClientCapabilities.MAX_ANSWERED_SERVER_REQUESTS
              + " requests; "
              + (serverRequestCount - ClientCapabilities.MAX_ANSWERED_SERVER_REQUESTS)
              + " more left unanswered");
    }
    return notes;
  }

  /**
   * Sends request {@code method} and waits for its answer, answering server requests meanwhile.
   *
   * @param params the request's {@code params}; gets the {@link #stamp} as {@code _meta}
   * @param timeoutNanos longest wait for the answer, cut to the total deadline
   * @return never null
   */
  RpcReply request(String method, ObjectNode params, long timeoutNanos)
      throws InterruptedException {
    long id = nextId++;
    if (meta != null) {
      params.set("_meta", meta.deepCopy());
    }
    ObjectNode message = Json.object();
    message.put("jsonrpc", "2.0");
    message.put("id", id);
    message.put("method", method);
    message.set("params", params);
    long deadline = Math.min(System.nanoTime() + timeoutNanos, totalDeadline);
    TransportFailure sent = transport.send(message, deadline);
    if (sent != null) {
      return timedOut(sent, id, deadline);
    }
    while (true) {
      if (System.nanoTime() - deadline >= 0) {
        abandoned.add(id);
        return RpcReply.timedOut(deadline == totalDeadline);
      }
      Incoming incoming = transport.next(deadline);
      if (incoming == null) {
        abandoned.add(id);
        return RpcReply.timedOut(deadline == totalDeadline);
      }
      if (incoming.failure() != null) {
        return timedOut(incoming.failure(), id, deadline);
      }
      RpcReply reply = handle(incoming, id, deadline);
      if (reply != null) {
        return reply;
      }
    }
  }

  /**
   * Sends notification {@code method} without params.
   *
   * @return null when sent, else why not
   */
  TransportFailure notify(String method) throws InterruptedException {
    ObjectNode notification = Json.object();
    notification.put("jsonrpc", "2.0");
    notification.put("method", method);
    return transport.send(notification, deadline(limits.requestTimeout().toNanos()));
  }

  /**
   * Why request {@code method} got no usable {@code reply}: a timeout ({@code TIMEOUT}, naming the
   * request's or the total timeout in ms, with the transport's diagnostics), an error answer
   * ({@code PROTOCOL_ERROR}), or the transport failure's status (with its challenge and HTTP
   * status).
   *
   * @param reply a reply without a result
   * @param timeoutNanos the request's own timeout, as named in the reason
   */
  Verdict failure(RpcReply reply, String method, long timeoutNanos) {
    if (reply.timedOut()) {
      return new Verdict(
          CrawlStatus.TIMEOUT,
          "no answer to "
              + method
              + " within "
              + (reply.total()
                  ? "the crawl's total " + limits.totalTimeout().toMillis() + " ms"
                  : timeoutNanos / 1_000_000 + " ms")
              + transport.diagnostics(),
          null,
          method,
          0);
    }
    if (reply.error() != null) {
      return new Verdict(
          CrawlStatus.PROTOCOL_ERROR,
          method + " answered error " + ReasonText.abbreviate(Json.write(reply.error())),
          null,
          method,
          0);
    }
    TransportFailure failure = reply.failure();
    String why =
        switch (failure.status()) {
          case PROCESS_EXITED ->
              failure.reason() + " before answering " + method + transport.diagnostics();
          case AUTH_REQUIRED, BLOCKED, CONNECT_FAILED -> failure.reason();
          default -> failure.reason() + " (waiting for " + method + ")";
        };
    return new Verdict(failure.status(), why, failure.auth(), method, failure.httpStatus());
  }

  private long deadline(long timeoutNanos) {
    return Math.min(System.nanoTime() + timeoutNanos, totalDeadline);
  }

  /** A transport's TIMEOUT becomes the channel's own timeout (with its wording). */
  private RpcReply timedOut(TransportFailure failure, long id, long deadline) {
    if (failure.status() != CrawlStatus.TIMEOUT) {
      return RpcReply.failed(failure);
    }
    abandoned.add(id);
    return RpcReply.timedOut(deadline == totalDeadline);
  }

  /**
   * The reply when {@code incoming} ends the wait for request {@code id}, else null. Text that is
   * not JSON is noise (counted, up to {@link CrawlLimits#maxNoiseLines()}) unless it is the whole
   * answer ({@link Incoming#whole()}): then it is {@code PROTOCOL_ERROR} with the parser's detail.
   */
  private RpcReply handle(Incoming incoming, long id, long deadline) throws InterruptedException {
    String trimmed = incoming.text().strip();
    if (trimmed.isEmpty() && !incoming.whole()) {
      return null;
    }
    BoundedJson.Parsed parsed = json.parse(trimmed);
    if (parsed.kind() == BoundedJson.Kind.TOO_DEEP) {
      return RpcReply.failed(TransportFailure.of(CrawlStatus.TOO_LARGE, parsed.detail()));
    }
    if (parsed.kind() == BoundedJson.Kind.NOT_JSON && incoming.whole()) {
      return RpcReply.failed(
          TransportFailure.of(
              CrawlStatus.PROTOCOL_ERROR,
              "the answer is not JSON-RPC: "
                  + ReasonText.abbreviate(ReasonText.oneLine(parsed.detail()))));
    }
    if (parsed.kind() == BoundedJson.Kind.NOT_JSON) {
      noiseLines++;
      if (noiseLines > limits.maxNoiseLines()) {
        return RpcReply.failed(
            TransportFailure.of(
                CrawlStatus.PROTOCOL_ERROR,
                "more than " + limits.maxNoiseLines() + " non-JSON lines"));
      }
      return null;
    }
    if (parsed.kind() == BoundedJson.Kind.BATCH) {
      return handleBatch(parsed.node(), id, deadline);
    }
    return handleMessage(parsed.node(), id, deadline);
  }

  /**
   * A JSON-RPC batch (JSON-RPC 2.0 section 6): every element is read in order as one message, the
   * reply being the first an element gives (the answer to {@code id}, or a failure such as an
   * answer to an unknown id); server requests in the batch after it are still answered. Read over
   * every transport and for every protocol version: MCP 2025-03-26 allowed batches ("Batching") and
   * 2025-06-18 removed them (https://modelcontextprotocol.io/specification/2025-06-18/changelog),
   * but a server written for 2025-03-26 may answer in one whatever version was negotiated, and the
   * official TypeScript SDK's client reads an array answer too, so a crawler that refused batches
   * would see fewer tools than a real client. An empty batch, and an element that is not an object,
   * are {@code PROTOCOL_ERROR}s that say so.
   */
  private RpcReply handleBatch(JsonNode batch, long id, long deadline) throws InterruptedException {
    if (batch.isEmpty()) {
      return RpcReply.failed(
          TransportFailure.of(
              CrawlStatus.PROTOCOL_ERROR,
              "the server answered with an empty JSON-RPC batch (an empty array)"));
    }
    RpcReply first = null;
    for (int i = 0; i < batch.size(); i++) {
      JsonNode element = batch.get(i);
      if (!element.isObject()) {
        return first != null
            ? first
            : RpcReply.failed(
                TransportFailure.of(
                    CrawlStatus.PROTOCOL_ERROR,
                    "element " + (i + 1) + " of a JSON-RPC batch is not an object"));
      }
      RpcReply reply = handleMessage(element, id, deadline);
      if (first == null) {
        first = reply;
      }
    }
    return first;
  }

  /** The reply when the message {@code node} ends the wait for request {@code id}, else null. */
  private RpcReply handleMessage(JsonNode node, long id, long deadline)
      throws InterruptedException {
    JsonNode idNode = node.get("id");
    if (node.hasNonNull("method")) {
      if (idNode != null && !idNode.isNull()) {
        TransportFailure failure = answerServerRequest(idNode, node.get("method").asText());
        if (failure != null) {
          return RpcReply.failed(failure);
        }
      }
      return null;
    }
    JsonNode error = node.get("error");
    if (idNode == null || idNode.isNull()) {
      if (error != null && error.isObject()) {
        // JSON-RPC 2.0, section 5: id null when the request could not be read at all.
        return RpcReply.refused(error);
      }
      return RpcReply.failed(
          TransportFailure.of(
              CrawlStatus.PROTOCOL_ERROR, "a message with neither a method nor an id"));
    }
    if (!matches(idNode, id)) {
      if (isAbandoned(idNode)) {
        return null;
      }
      return RpcReply.failed(
          TransportFailure.of(
              CrawlStatus.PROTOCOL_ERROR,
              "answer with id "
                  + ReasonText.abbreviate(idNode.toString())
                  + " while waiting for id "
                  + id));
    }
    if (error != null && !error.isNull()) {
      return RpcReply.refused(error.isObject() ? error : Json.object().set("message", error));
    }
    JsonNode result = node.get("result");
    if (result == null || !result.isObject()) {
      return RpcReply.failed(
          TransportFailure.of(CrawlStatus.PROTOCOL_ERROR, "answer has no result object"));
    }
    return RpcReply.answered(result);
  }

  /**
   * Answers one server request without acting on it (see the class comment); null when sent or left
   * unanswered past {@link ClientCapabilities#MAX_ANSWERED_SERVER_REQUESTS}, else why the answer
   * could not be sent.
   */
  private TransportFailure answerServerRequest(JsonNode idNode, String method)
      throws InterruptedException {
    serverRequests.merge(
        KNOWN_SERVER_REQUESTS.contains(method) ? method : OTHER_REQUEST, 1, Integer::sum);
    if (++serverRequestCount > ClientCapabilities.MAX_ANSWERED_SERVER_REQUESTS) {
      return null;
    }
    ObjectNode reply = Json.object();
    reply.put("jsonrpc", "2.0");
    reply.set("id", idNode);
    switch (method) {
      case "ping" -> reply.set("result", Json.object());
      case "roots/list" -> {
        if (!announced(ClientCapability.ROOTS)) {
          return sendError(reply, METHOD_NOT_FOUND, "Method not found: roots not announced");
        }
        reply.putObject("result").putArray("roots");
      }
      case "sampling/createMessage" -> {
        if (!announced(ClientCapability.SAMPLING)) {
          return sendError(reply, METHOD_NOT_FOUND, "Method not found: sampling not announced");
        }
        return sendError(reply, USER_REJECTED, "User rejected sampling request");
      }
      case "elicitation/create" -> {
        if (!announced(ClientCapability.ELICITATION)) {
          return sendError(reply, METHOD_NOT_FOUND, "Method not found: elicitation not announced");
        }
        reply.putObject("result").put("action", "decline");
      }
      default -> {
        return sendError(reply, METHOD_NOT_FOUND, "Method not found: this client only lists tools");
      }
    }
    return transport.send(reply, deadline(limits.requestTimeout().toNanos()));
  }

  /** True when {@code capability} was in the capabilities last announced. */
  private boolean announced(ClientCapability capability) {
    return announced != null && announced.has(capability.key());
  }

  private TransportFailure sendError(ObjectNode reply, int code, String message)
      throws InterruptedException {
    ObjectNode error = reply.putObject("error");
    error.put("code", code);
    error.put("message", message);
    return transport.send(reply, deadline(limits.requestTimeout().toNanos()));
  }

  private boolean isAbandoned(JsonNode idNode) {
    return idNode.isIntegralNumber() && abandoned.contains(idNode.asLong());
  }

  private static boolean matches(JsonNode idNode, long id) {
    if (idNode.isIntegralNumber()) {
      return idNode.asLong() == id;
    }
    return idNode.isTextual() && idNode.asText().equals(Long.toString(id));
  }
}
