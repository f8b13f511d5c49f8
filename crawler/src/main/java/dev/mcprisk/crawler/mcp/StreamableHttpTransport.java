package dev.mcprisk.crawler.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.CrawlStatus;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * MCP Streamable HTTP (2025-03-26 on;
 * https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#streamable-http): every
 * message is one POST to the endpoint with {@code Accept: application/json, text/event-stream}; a
 * request's answer is one JSON body or an SSE stream whose {@code message} events carry it (perhaps
 * after notifications and server requests); notifications and responses get 202. Keeps the {@code
 * Mcp-Session-Id} the server issues and sends it back, sends {@code MCP-Protocol-Version} once a
 * version is set, {@code Mcp-Method} on every POST and {@code Mcp-Name} (the request's {@code
 * params.name} or {@code params.uri}) when there is one (2026-07-28, SEP-2243), and ends a session
 * with DELETE.
 *
 * <p>Not thread-safe: one crawl thread uses it.
 */
final class StreamableHttpTransport implements McpTransport {

  /** {@link dev.mcprisk.model.CrawlOutcome#method()} for this transport. */
  static final String METHOD = "streamable-http";

  /** How long the closing DELETE may take: 2 seconds. */
  static final Duration DELETE_TIMEOUT = Duration.ofSeconds(2);

  /** Longest session id accepted: 1,024 chars of visible ASCII. */
  static final int MAX_SESSION_ID_CHARS = 1024;

  static final String ACCEPT = HttpEndpoint.JSON + ", " + HttpEndpoint.EVENT_STREAM;
  private static final MediaType JSON_TYPE = MediaType.get("application/json");

  private final HttpEndpoint endpoint;
  private HttpUrl url;
  private String sessionId;
  private boolean sessionEnded;
  private String protocolVersion;
  private String pending;
  private HttpEndpoint.Answer stream;
  private SseReader events;
  private long streamDeadline;

  StreamableHttpTransport(HttpEndpoint endpoint, HttpUrl url) {
    this.endpoint = endpoint;
    this.url = url;
  }

  @Override
  public String method() {
    return METHOD;
  }

  @Override
  public void protocolVersion(String version) {
    this.protocolVersion = version;
  }

  /**
   * True when the server answered 404 to a request carrying its session id: the session is gone and
   * the client must start a new one (spec 2025-03-26 on, "Session Management").
   */
  boolean sessionEnded() {
    return sessionEnded;
  }

  /** The session id the server issued, or null. */
  String sessionId() {
    return sessionId;
  }

  @Override
  public TransportFailure send(ObjectNode message, long deadlineNanos) {
    boolean request = message.hasNonNull("method") && message.hasNonNull("id");
    if (request) {
      closeStream();
    }
    Map<String, String> extra = headers();
    JsonNode method = message.get("method");
    if (method != null && method.isTextual()) {
      extra.put("Mcp-Method", method.asText());
      JsonNode params = message.path("params");
      JsonNode name = params.has("name") ? params.get("name") : params.get("uri");
      if (name != null && name.isTextual()) {
        extra.put("Mcp-Name", name.asText());
      }
    }
    RequestBody body = RequestBody.create(Json.write(message), JSON_TYPE);
    HttpEndpoint.Answer answer = endpoint.execute("POST", url, extra, body, deadlineNanos);
    if (answer.failure() != null) {
      TransportFailure failure = answer.failure();
      if (failure.httpStatus() == 404 && sessionId != null) {
        sessionEnded = true;
        return new TransportFailure(
            CrawlStatus.HTTP_ERROR,
            "the server ended the session (HTTP 404 with Mcp-Session-Id)",
            404,
            failure.body(),
            null);
      }
      return failure;
    }
    // Later requests go where a redirect led; the user's headers still go only to their origin.
    url = answer.url();
    Response response = answer.response();
    String issued = response.header("Mcp-Session-Id");
    if (issued != null && sessionId == null) {
      if (issued.length() > MAX_SESSION_ID_CHARS || !issued.matches("[\\x21-\\x7e]+")) {
        HttpEndpoint.release(answer, false);
        return TransportFailure.of(
            CrawlStatus.PROTOCOL_ERROR, "the server issued a malformed Mcp-Session-Id");
      }
      sessionId = issued;
    }
    if (!request) {
      endpoint.discard(answer);
      return null;
    }
    if (response.code() == 202 || response.code() == 204) {
      HttpEndpoint.release(answer, false);
      return TransportFailure.of(
          CrawlStatus.PROTOCOL_ERROR, "HTTP " + response.code() + " without an answer");
    }
    String type = response.header("Content-Type", "");
    if (type.startsWith(HttpEndpoint.EVENT_STREAM)) {
      stream = answer;
      streamDeadline = deadlineNanos;
      events =
          new SseReader(
              endpoint.budgeted(response.body().byteStream()),
              endpoint.limits().maxSseEventBytes());
      return null;
    }
    if (type.startsWith(HttpEndpoint.JSON)) {
      StringBuilder text = new StringBuilder();
      TransportFailure failure = endpoint.readMessage(answer, text);
      if (failure != null) {
        return failure;
      }
      pending = text.toString();
      return null;
    }
    HttpEndpoint.release(answer, false);
    return TransportFailure.of(
        CrawlStatus.PROTOCOL_ERROR,
        "unexpected Content-Type '" + ReasonText.abbreviate(type) + "' for an answer");
  }

  @Override
  public Incoming next(long deadlineNanos) {
    if (pending != null) {
      String text = pending;
      pending = null;
      return Incoming.answer(text);
    }
    if (events == null) {
      return Incoming.failed(
          TransportFailure.of(CrawlStatus.PROTOCOL_ERROR, "the answer held no response"));
    }
    try {
      while (true) {
        SseReader.Event event = events.next();
        switch (event.kind()) {
          case EVENT:
            if (event.name().equals("message")) {
              return Incoming.message(event.data());
            }
            break;
          case TOO_LARGE:
            closeStream();
            return Incoming.failed(
                TransportFailure.of(
                    CrawlStatus.TOO_LARGE,
                    "an SSE event exceeded " + endpoint.limits().maxSseEventBytes() + " bytes"));
          case EOF:
          default:
            closeStream();
            return Incoming.failed(
                TransportFailure.of(
                    CrawlStatus.PROTOCOL_ERROR, "the SSE stream ended before the answer"));
        }
      }
    } catch (IOException e) {
      closeStream();
      TransportFailure failure = endpoint.readFailure(e, Math.min(deadlineNanos, streamDeadline));
      return failure.status() == CrawlStatus.TIMEOUT ? null : Incoming.failed(failure);
    }
  }

  @Override
  public long bytesRead() {
    return endpoint.bytesRead();
  }

  @Override
  public void close() {
    closeStream();
    if (sessionId != null) {
      Map<String, String> extra = headers();
      HttpEndpoint.Answer answer =
          endpoint.execute(
              "DELETE", url, extra, null, System.nanoTime() + DELETE_TIMEOUT.toNanos());
      if (answer.response() != null) {
        endpoint.discard(answer);
      }
    }
  }

  private Map<String, String> headers() {
    Map<String, String> extra = new LinkedHashMap<>();
    extra.put("Accept", ACCEPT);
    if (protocolVersion != null) {
      extra.put("MCP-Protocol-Version", protocolVersion);
    }
    if (sessionId != null) {
      extra.put("Mcp-Session-Id", sessionId);
    }
    return extra;
  }

  private void closeStream() {
    if (stream != null) {
      HttpEndpoint.release(stream, false);
      stream = null;
      events = null;
    }
    pending = null;
  }
}
