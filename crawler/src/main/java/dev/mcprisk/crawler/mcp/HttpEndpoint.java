package dev.mcprisk.crawler.mcp;

import dev.mcprisk.crawler.net.AddressPolicy;
import dev.mcprisk.crawler.net.BlockedAddressException;
import dev.mcprisk.crawler.net.GuardedHttpClients;
import dev.mcprisk.model.CrawlStatus;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * One HTTP server as both HTTP transports see it: an OkHttp client that connects only where the
 * {@link AddressPolicy} allows (no proxy, so the checked address is the one connected to), follows
 * at most {@link #MAX_REDIRECTS} redirects by hand (each hop checked), maps statuses to failures
 * (401, or 403 with {@code WWW-Authenticate}: {@code AUTH_REQUIRED}; other non-2xx: {@code
 * HTTP_ERROR}) and reads every body streaming within a byte budget per crawl ({@link
 * CrawlLimits#maxTotalBytes()}).
 *
 * <p>Credentials: every header the user gave (all are treated as credentials, not only {@code
 * Authorization}, {@code Cookie} and {@code Proxy-Authorization}) goes only to requests whose URL
 * has exactly the origin the user named (scheme, host and port; RFC 6454, section 4), fixed at
 * construction. A redirect hop or a later request to another origin (a redirect target a transport
 * adopted, an SSE {@code endpoint} URL) carries none of them, as browsers and curl drop {@code
 * Authorization} on a cross-origin redirect (Fetch Standard, "HTTP-redirect fetch").
 *
 * <p>Not thread-safe except {@link #budgeted} streams, which the legacy SSE reader thread uses.
 */
final class HttpEndpoint {

  /** Most redirects followed for one request: 5. */
  static final int MAX_REDIRECTS = 5;

  /** Bytes of an error answer's body kept to tell protocol versions apart: 4 KiB. */
  static final int ERROR_BODY_BYTES = 4 * 1024;

  /** Characters of an error body quoted in a reason: 200. */
  static final int QUOTED_BODY_CHARS = 200;

  static final String JSON = "application/json";
  static final String EVENT_STREAM = "text/event-stream";

  /** A read that would pass the crawl's byte budget. */
  static final class BudgetExceededException extends IOException {
    private static final long serialVersionUID = 1L;

    BudgetExceededException(long max) {
      super("the server's answers exceeded " + max + " bytes in all");
    }
  }

  /** A response with an open body, or the failure that replaced it. */
  record Answer(Response response, Call call, HttpUrl url, TransportFailure failure) {}

  private final OkHttpClient client;
  private final AddressPolicy policy;
  private final HttpUrl origin;
  private final Map<String, String> headers;
  private final CrawlLimits limits;
  private final AtomicLong bytesRead = new AtomicLong();

  /**
   * @param origin the URL the user named; only requests to its origin carry {@code headers}
   * @param headers the user's headers, every one a credential
   */
  HttpEndpoint(
      HttpUrl origin, Map<String, String> headers, CrawlLimits limits, AddressPolicy policy) {
    this.origin = origin;
    this.headers = Map.copyOf(headers);
    this.limits = limits;
    this.policy = policy;
    this.client =
        GuardedHttpClients.builder(policy)
            .connectTimeout(limits.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .readTimeout(limits.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .writeTimeout(limits.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .build();
  }

  /** Closes pooled connections (they must not outlive the crawl). */
  void close() {
    client.connectionPool().evictAll();
  }

  long bytesRead() {
    return bytesRead.get();
  }

  CrawlLimits limits() {
    return limits;
  }

  /**
   * Sends {@code method} to {@code url} with {@code extra} (and the user's headers when a hop's URL
   * has the user's origin), following redirects, all within {@code deadlineNanos}. On success the
   * response's body is open and the caller closes it; on failure it is closed.
   *
   * @param body the request body, or null
   */
  Answer execute(
      String method, HttpUrl url, Map<String, String> extra, RequestBody body, long deadlineNanos) {
    return execute(method, url, extra, body, deadlineNanos, call -> {});
  }

  /**
   * As {@link #execute(String, HttpUrl, Map, RequestBody, long)}, telling {@code started} of each
   * call (one per redirect hop) before it runs, so another thread may cancel it (a cancelled call
   * ends as {@code CONNECT_FAILED} or a read failure; the caller knows why).
   */
  Answer execute(
      String method,
      HttpUrl url,
      Map<String, String> extra,
      RequestBody body,
      long deadlineNanos,
      Consumer<Call> started) {
    HttpUrl target = url;
    for (int hop = 0; ; hop++) {
      String blocked = policy.check(target);
      if (blocked != null) {
        return failed(CrawlStatus.BLOCKED, (hop > 0 ? "redirect to " : "") + blocked);
      }
      Request.Builder request = new Request.Builder().url(target).method(method, body);
      if (sameOrigin(origin, target)) {
        headers.forEach(request::header);
      }
      extra.forEach(request::header);
      long remaining = deadlineNanos - System.nanoTime();
      if (remaining <= 0) {
        return failed(CrawlStatus.TIMEOUT, "timed out");
      }
      Call call = client.newCall(request.build());
      call.timeout().timeout(remaining, TimeUnit.NANOSECONDS);
      started.accept(call);
      Response response;
      try {
        response = call.execute();
      } catch (IOException e) {
        return failed(exceptionStatus(e, deadlineNanos), describe(e, target));
      }
      int code = response.code();
      if (isRedirect(code)) {
        String location = response.header("Location");
        call.cancel();
        response.close();
        HttpUrl next = location == null ? null : target.resolve(location);
        if (next == null) {
          return failed(
              CrawlStatus.HTTP_ERROR, "HTTP " + code + " without a usable Location", code);
        }
        if (hop + 1 > MAX_REDIRECTS) {
          return failed(CrawlStatus.HTTP_ERROR, "more than " + MAX_REDIRECTS + " redirects", code);
        }
        target = next;
        continue;
      }
      if (code == 401 || (code == 403 && !response.headers("WWW-Authenticate").isEmpty())) {
        AuthChallenge challenge = AuthChallenge.parse(response.headers("WWW-Authenticate"));
        call.cancel();
        response.close();
        String where =
            challenge.resourceMetadata() == null
                ? ""
                : "; resource metadata: " + challenge.resourceMetadata();
        String scopes =
            challenge.scopes().isEmpty() ? "" : "; scopes: " + String.join(" ", challenge.scopes());
        return new Answer(
            null,
            null,
            target,
            new TransportFailure(
                CrawlStatus.AUTH_REQUIRED,
                "server requires authorization (HTTP " + code + ")" + where + scopes,
                code,
                "",
                challenge));
      }
      if (code < 200 || code > 299) {
        String text = readErrorBody(response, call);
        String quoted = quote(text);
        return new Answer(
            null,
            null,
            target,
            new TransportFailure(
                CrawlStatus.HTTP_ERROR,
                "HTTP " + code + " from " + method + " " + display(target) + quoted,
                code,
                text,
                null));
      }
      return new Answer(response, call, target, null);
    }
  }

  /**
   * Reads a JSON body whole, bounded by {@link CrawlLimits#maxMessageBytes()}; a body over it is
   * abandoned by cancelling the call (closing it would first read on to discard the rest).
   */
  TransportFailure readMessage(Answer answer, StringBuilder out) {
    Response response = answer.response();
    ResponseBody body = response.body();
    boolean complete = false;
    try {
      if (body == null) {
        return TransportFailure.of(CrawlStatus.PROTOCOL_ERROR, "an answer without a body");
      }
      long length = body.contentLength();
      if (length > limits.maxMessageBytes()) {
        return TransportFailure.of(
            CrawlStatus.TOO_LARGE,
            "the answer announces "
                + length
                + " bytes, over the message limit of "
                + limits.maxMessageBytes());
      }
      byte[] bytes = readAtMost(budgeted(body.byteStream()), limits.maxMessageBytes());
      if (bytes == null) {
        return TransportFailure.of(
            CrawlStatus.TOO_LARGE,
            "an answer exceeded the message limit of " + limits.maxMessageBytes() + " bytes");
      }
      out.append(new String(bytes, StandardCharsets.UTF_8));
      complete = true;
      return null;
    } catch (IOException e) {
      return readFailure(e, Long.MAX_VALUE);
    } finally {
      release(answer, complete);
    }
  }

  /** Closes an answer; cancels its call first unless its body was read to the end. */
  static void release(Answer answer, boolean complete) {
    if (!complete && answer.call() != null) {
      answer.call().cancel();
    }
    answer.response().close();
  }

  /** Reads and drops a body the protocol does not need, within the message limit. */
  void discard(Answer answer) {
    boolean complete = false;
    try {
      ResponseBody body = answer.response().body();
      complete =
          body == null || readAtMost(budgeted(body.byteStream()), limits.maxMessageBytes()) != null;
    } catch (IOException e) {
      // An acknowledgement's body does not matter.
    } finally {
      release(answer, complete);
    }
  }

  /** {@code in}, counting every byte against the crawl's budget. */
  InputStream budgeted(InputStream in) {
    long max = limits.maxTotalBytes();
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        long left = max - bytesRead.get();
        if (left <= 0) {
          throw new BudgetExceededException(max);
        }
        int n = super.read(b, off, (int) Math.min(len, left + 1));
        if (n > 0 && bytesRead.addAndGet(n) > max) {
          throw new BudgetExceededException(max);
        }
        return n;
      }
    };
  }

  /** The failure for an exception while reading a body. */
  TransportFailure readFailure(IOException e, long deadlineNanos) {
    if (e instanceof BudgetExceededException) {
      return TransportFailure.of(CrawlStatus.TOO_LARGE, e.getMessage());
    }
    if (System.nanoTime() - deadlineNanos >= 0 || e instanceof InterruptedIOException) {
      return TransportFailure.of(CrawlStatus.TIMEOUT, "timed out while reading");
    }
    return TransportFailure.of(
        CrawlStatus.PROTOCOL_ERROR, "the connection broke while reading: " + e.getMessage());
  }

  /** All bytes up to {@code max}, or null when there are more. */
  private static byte[] readAtMost(InputStream in, int max) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, 8192));
    byte[] buffer = new byte[8192];
    long total = 0;
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      total += n;
      if (total > max) {
        return null;
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  private String readErrorBody(Response response, Call call) {
    try {
      ResponseBody body = response.body();
      if (body == null) {
        return "";
      }
      InputStream in = budgeted(body.byteStream());
      byte[] bytes = in.readNBytes(ERROR_BODY_BYTES);
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    } finally {
      call.cancel();
      response.close();
    }
  }

  private static String quote(String text) {
    String clean = text.replaceAll("[\\p{Cntrl}&&[^\\t]]+", " ").strip();
    if (clean.isEmpty()) {
      return "";
    }
    return ": "
        + (clean.length() <= QUOTED_BODY_CHARS
            ? clean
            : clean.substring(0, QUOTED_BODY_CHARS) + "...");
  }

  private static CrawlStatus exceptionStatus(IOException e, long deadlineNanos) {
    if (e instanceof BlockedAddressException) {
      return CrawlStatus.BLOCKED;
    }
    if (e instanceof BudgetExceededException) {
      return CrawlStatus.TOO_LARGE;
    }
    if (System.nanoTime() - deadlineNanos >= 0
        || (e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException))) {
      return CrawlStatus.TIMEOUT;
    }
    if (e instanceof SocketTimeoutException
        && !String.valueOf(e.getMessage()).contains("connect")) {
      return CrawlStatus.TIMEOUT;
    }
    return CrawlStatus.CONNECT_FAILED;
  }

  private static String describe(IOException e, HttpUrl url) {
    if (e instanceof BlockedAddressException) {
      return e.getMessage();
    }
    String what =
        e instanceof UnknownHostException
            ? "unknown host"
            : e instanceof ConnectException || e instanceof NoRouteToHostException
                ? "cannot connect"
                : e instanceof SSLException ? "TLS failed" : "request failed";
    return what + " (" + display(url) + "): " + e.getMessage();
  }

  /** A URL for a reason: scheme, host, port and path; never the query (it may hold a key). */
  static String display(HttpUrl url) {
    return url.scheme() + "://" + url.host() + ":" + url.port() + url.encodedPath();
  }

  private static boolean isRedirect(int code) {
    return code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
  }

  static boolean sameOrigin(HttpUrl a, HttpUrl b) {
    return a.scheme().equals(b.scheme())
        && a.host().toLowerCase(Locale.ROOT).equals(b.host().toLowerCase(Locale.ROOT))
        && a.port() == b.port();
  }

  private static Answer failed(CrawlStatus status, String reason) {
    return new Answer(null, null, null, TransportFailure.of(status, reason));
  }

  private static Answer failed(CrawlStatus status, String reason, int code) {
    return new Answer(null, null, null, new TransportFailure(status, reason, code, "", null));
  }
}
