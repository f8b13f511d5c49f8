package dev.mcprisk.crawler.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.CrawlStatus;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.AsyncTimeout;

/**
 * The legacy HTTP+SSE transport (2024-11-05, deprecated;
 * https://modelcontextprotocol.io/specification/2024-11-05/basic/transports#http-with-sse): a GET
 * opens an event stream whose first {@code endpoint} event names the URL to POST every message to;
 * answers arrive as {@code message} events on the stream. The endpoint must have the origin of the
 * stream (the URL the GET ended at after redirects), as the official SDKs require; another origin
 * is refused as {@code PROTOCOL_ERROR} before any POST. The user's headers go only to the origin
 * the user named ({@link HttpEndpoint}), so a stream redirected to another origin gets its POSTs
 * without them. A named daemon thread reads the stream into a bounded queue; the crawl thread polls
 * it with deadlines.
 *
 * <p>Not thread-safe: one crawl thread uses it (plus its own reader thread).
 */
final class LegacySseTransport implements McpTransport {

  /** {@link dev.mcprisk.model.CrawlOutcome#method()} for this transport. */
  static final String METHOD = "sse";

  /** Events buffered between the reader thread and the crawl thread: 64. */
  static final int QUEUE_CAPACITY = 64;

  /** How long close() waits for the reader thread to end after cancelling the stream: 1 second. */
  static final java.time.Duration READER_JOIN = java.time.Duration.ofSeconds(1);

  private static final MediaType JSON_TYPE = MediaType.get("application/json");

  private static final TransportFailure ENDPOINT_TIMEOUT =
      TransportFailure.of(CrawlStatus.TIMEOUT, "no endpoint event in time");

  private final HttpEndpoint endpoint;
  private final HttpUrl sseUrl;
  private final BlockingQueue<Incoming> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
  private Response stream;
  private Call call;
  private Thread reader;
  private HttpUrl postUrl;

  LegacySseTransport(HttpEndpoint endpoint, HttpUrl sseUrl) {
    this.endpoint = endpoint;
    this.sseUrl = sseUrl;
  }

  @Override
  public String method() {
    return METHOD;
  }

  /**
   * Opens the stream and waits for the {@code endpoint} event. The wait is bounded by {@code
   * endpointDeadlineNanos} from the GET's start: the response's status line and headers included,
   * so a server that drips its headers (each byte within the read timeout) is cut off there, not at
   * the crawl's total. A watchdog (okio's {@link AsyncTimeout}, one shared daemon thread) cancels
   * the GET when the deadline passes first; once the event has come, only {@code
   * streamDeadlineNanos} bounds the stream.
   *
   * @param streamDeadlineNanos when the stream must be closed at the latest (the crawl's total)
   * @param endpointDeadlineNanos when the {@code endpoint} event must have come (the start-up
   *     timeout)
   * @return null when open, else why not: {@code TIMEOUT} (reason "no endpoint event in time")
   *     whenever the endpoint deadline passed first, whatever the cancelled GET reported
   */
  TransportFailure open(long streamDeadlineNanos, long endpointDeadlineNanos)
      throws InterruptedException {
    StartupWatchdog watchdog = new StartupWatchdog();
    watchdog.timeout(Math.max(1, endpointDeadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    watchdog.enter();
    TransportFailure failure;
    try {
      failure = openStream(streamDeadlineNanos, endpointDeadlineNanos, watchdog);
    } finally {
      if (watchdog.exit()) {
        failure = ENDPOINT_TIMEOUT; // it fired: the stream is cancelled, whatever was read
      }
    }
    return failure;
  }

  /** Cancels the GET of the stream when the start-up deadline passes before the endpoint event. */
  private static final class StartupWatchdog extends AsyncTimeout {
    private volatile Call call;
    private volatile boolean fired;

    /** The GET (or a redirect hop of it) about to run. */
    void watch(Call next) {
      call = next;
      if (fired) {
        next.cancel();
      }
    }

    @Override
    protected void timedOut() {
      fired = true;
      Call current = call;
      if (current != null) {
        current.cancel();
      }
    }
  }

  private TransportFailure openStream(
      long streamDeadlineNanos, long endpointDeadlineNanos, StartupWatchdog watchdog)
      throws InterruptedException {
    HttpEndpoint.Answer answer =
        endpoint.execute(
            "GET",
            sseUrl,
            Map.of("Accept", HttpEndpoint.EVENT_STREAM),
            null,
            streamDeadlineNanos,
            watchdog::watch);
    if (answer.failure() != null) {
      return answer.failure();
    }
    stream = answer.response();
    call = answer.call();
    String type = stream.header("Content-Type", "");
    if (!type.startsWith(HttpEndpoint.EVENT_STREAM)) {
      HttpEndpoint.release(answer, false);
      stream = null;
      return TransportFailure.of(
          CrawlStatus.PROTOCOL_ERROR,
          "GET "
              + HttpEndpoint.display(sseUrl)
              + " answered '"
              + ReasonText.abbreviate(type)
              + "', not an event stream");
    }
    HttpUrl base = answer.url();
    SseReader events =
        new SseReader(
            endpoint.budgeted(stream.body().byteStream()), endpoint.limits().maxSseEventBytes());
    reader = new Thread(() -> read(events, streamDeadlineNanos), "mcp-sse-" + sseUrl.host());
    reader.setDaemon(true);
    reader.start();
    while (true) {
      long wait = endpointDeadlineNanos - System.nanoTime();
      Incoming item = wait <= 0 ? null : queue.poll(wait, TimeUnit.NANOSECONDS);
      if (item == null) {
        return ENDPOINT_TIMEOUT;
      }
      if (item.failure() != null) {
        return item.failure();
      }
      if (!item.text().startsWith("endpoint\n")) {
        continue;
      }
      HttpUrl target = base.resolve(item.text().substring("endpoint\n".length()).strip());
      if (target == null || !HttpEndpoint.sameOrigin(base, target)) {
        return TransportFailure.of(
            CrawlStatus.PROTOCOL_ERROR,
            "the endpoint event names another origin than its stream's, or no URL");
      }
      postUrl = target;
      return null;
    }
  }

  /** Reader thread: every event as "name\ndata", then one failure at the end. */
  private void read(SseReader events, long deadlineNanos) {
    try {
      while (true) {
        SseReader.Event event;
        try {
          event = events.next();
        } catch (IOException e) {
          queue.put(Incoming.failed(endpoint.readFailure(e, deadlineNanos)));
          return;
        }
        switch (event.kind()) {
          case EVENT -> queue.put(Incoming.message(event.name() + "\n" + event.data()));
          case TOO_LARGE -> {
            queue.put(
                Incoming.failed(
                    TransportFailure.of(
                        CrawlStatus.TOO_LARGE,
                        "an SSE event exceeded "
                            + endpoint.limits().maxSseEventBytes()
                            + " bytes")));
            return;
          }
          default -> {
            queue.put(
                Incoming.failed(
                    TransportFailure.of(CrawlStatus.PROTOCOL_ERROR, "the SSE stream ended")));
            return;
          }
        }
      }
    } catch (InterruptedException e) {
      // close() interrupts a reader blocked on a full queue: nobody reads any more.
    }
  }

  @Override
  public TransportFailure send(ObjectNode message, long deadlineNanos) {
    RequestBody body = RequestBody.create(Json.write(message), JSON_TYPE);
    HttpEndpoint.Answer answer = endpoint.execute("POST", postUrl, Map.of(), body, deadlineNanos);
    if (answer.failure() != null) {
      return answer.failure();
    }
    endpoint.discard(answer);
    return null;
  }

  @Override
  public Incoming next(long deadlineNanos) throws InterruptedException {
    while (true) {
      long wait = deadlineNanos - System.nanoTime();
      Incoming item = wait <= 0 ? null : queue.poll(wait, TimeUnit.NANOSECONDS);
      if (item == null || item.failure() != null) {
        return item;
      }
      int newline = item.text().indexOf('\n');
      if (item.text().substring(0, newline).equals("message")) {
        return Incoming.message(item.text().substring(newline + 1));
      }
    }
  }

  @Override
  public long bytesRead() {
    return endpoint.bytesRead();
  }

  @Override
  public void close() {
    if (call != null) {
      call.cancel();
    }
    if (reader != null) {
      reader.interrupt();
      try {
        reader.join(READER_JOIN.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (stream != null) {
      stream.close();
    }
  }
}
