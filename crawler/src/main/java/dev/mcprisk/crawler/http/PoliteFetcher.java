package dev.mcprisk.crawler.http;

import dev.mcprisk.crawler.net.AddressPolicy;
import dev.mcprisk.crawler.net.BlockedAddressException;
import dev.mcprisk.crawler.net.GuardedHttpClients;
import dev.mcprisk.model.FetchRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import okhttp3.Cache;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * A polite, bounded HTTP GET for registry sources (MCP Registry API, npm, PyPI, README pages).
 *
 * <ul>
 *   <li>Per host (by host name, one {@link HostGate} each): at most {@link
 *       Politeness#concurrentPerHost()} requests in flight and request starts at least {@code 1 /
 *       requestsPerSecondPerHost} apart, across threads.
 *   <li>Retries ({@link Politeness#maxRetries()}) on connect failures, timeouts, broken answers,
 *       429, 500, 502, 503 and 504, after an exponential backoff with full jitter; on 429 and 503 a
 *       {@code Retry-After} (seconds or HTTP date) up to {@link Politeness#maxRetryAfter()} is
 *       waited instead, and holds back every request to that host. Other 4xx are not retried.
 *   <li>Conditional requests through OkHttp's disk {@link Cache} in {@link
 *       FetcherConfig#cacheDir()}: a cached answer with an {@code ETag} or {@code Last-Modified} is
 *       revalidated with {@code If-None-Match}/{@code If-Modified-Since}; a 304 gives {@link
 *       FetchOutcome#NOT_MODIFIED} with the cached body.
 *   <li>Redirects (301, 302, 303, 307, 308) followed by hand, at most {@link
 *       FetchLimits#maxRedirects()}, a URL seen twice is {@link FetchOutcome#REDIRECT_LOOP}; every
 *       hop and every connection is checked with the {@link AddressPolicy} (loopback and private
 *       addresses are blocked unless {@link FetcherConfig#allowPrivateNetwork()}).
 *   <li>Every attempt is bounded by the {@link FetchLimits} timeouts and the body by {@link
 *       FetchLimits#maxBodyBytes()}: reading stops at the cap ({@link FetchOutcome#TOO_LARGE}).
 * </ul>
 *
 * <p>{@link #cancel()} ends every fetch in flight and every wait (for a retry, for the host's turn)
 * at once, as {@link FetchOutcome#INTERRUPTED}, and refuses later fetches the same way: how a crawl
 * stops within seconds on SIGTERM.
 *
 * <p>Never throws for network or HTTP problems: every outcome is a {@link FetchResult}, and the
 * {@link FetchListener} is told about each fetch once. Thread-safe: share one instance per crawl,
 * close it at the end.
 */
public final class PoliteFetcher implements AutoCloseable {

  /** Bytes read per chunk of a body: 16 KiB. */
  static final int READ_CHUNK_BYTES = 16 * 1024;

  /** The reason of a fetch ended or refused by {@link #cancel()}. */
  public static final String CANCELLED_REASON = "cancelled: the crawl was stopped";

  private final FetcherConfig config;
  private final FetchListener listener;
  private final AddressPolicy policy;
  private final OkHttpClient client;
  private final Cache cache;
  private final Map<String, HostGate> gates = new ConcurrentHashMap<>();
  private final CountDownLatch cancelled = new CountDownLatch(1);

  /**
   * A fetcher whose address policy follows {@link FetcherConfig#allowPrivateNetwork()}.
   *
   * @param config limits, politeness, User-Agent and cache; never null
   * @param listener told about every fetch; never null ({@link FetchListener#NONE} for none)
   */
  public PoliteFetcher(FetcherConfig config, FetchListener listener) {
    this(
        config,
        listener,
        config.allowPrivateNetwork() ? AddressPolicy.allowAll() : AddressPolicy.publicOnly());
  }

  /**
   * A fetcher with an explicit address policy, e.g. {@link AddressPolicy#allowingHosts} for one
   * trusted internal registry mirror.
   */
  public PoliteFetcher(FetcherConfig config, FetchListener listener, AddressPolicy policy) {
    this.config = Objects.requireNonNull(config, "config == null");
    this.listener = Objects.requireNonNull(listener, "listener == null");
    this.policy = Objects.requireNonNull(policy, "policy == null");
    FetchLimits limits = config.limits();
    this.cache =
        config.cacheDir() == null
            ? null
            : new Cache(config.cacheDir().toFile(), config.cacheMaxBytes());
    OkHttpClient.Builder builder =
        GuardedHttpClients.builder(policy)
            .connectTimeout(limits.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .readTimeout(limits.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .writeTimeout(limits.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .callTimeout(limits.callTimeout().toMillis(), TimeUnit.MILLISECONDS);
    if (cache != null) {
      builder.cache(cache);
    }
    this.client = builder.build();
  }

  /** The configuration. */
  public FetcherConfig config() {
    return config;
  }

  /**
   * GETs {@code url}.
   *
   * @param source the registry source asking, recorded in the fetch log, e.g. {@code registry-api}
   * @param url an absolute http(s) URL
   * @return the outcome; never null
   */
  public FetchResult get(String source, URI url) {
    return get(source, url, Map.of());
  }

  /**
   * GETs {@code url} with extra request headers (e.g. {@code Accept}); the User-Agent is always
   * {@link FetcherConfig#userAgent()}. Headers are sent on redirect hops to the same origin only.
   *
   * @param source the registry source asking, recorded in the fetch log, e.g. {@code npm}
   * @param url an absolute http(s) URL
   * @param headers extra headers; never null
   * @return the outcome; never null
   */
  public FetchResult get(String source, URI url, Map<String, String> headers) {
    return get(source, url, headers, answer -> "");
  }

  /**
   * GETs {@code url} as {@link #get(String, URI, Map)} does, and lets {@code check} judge a
   * successful answer before the fetch is logged, so an answer that is delivered but unusable is a
   * failed fetch in the crawl log, with its reason, and not an {@code OK} one.
   *
   * @param check called once, on the calling thread, with an {@link FetchOutcome#OK} or {@link
   *     FetchOutcome#NOT_MODIFIED} result; returns why the answer is refused, or an empty string
   *     (or null) to accept it. A refused answer becomes {@link FetchOutcome#REJECTED} with that
   *     reason, the same status, bytes and attempts, and no body. An exception it throws propagates
   *     to the caller (the fetch is then logged as it was)
   * @return the outcome; never null
   */
  public FetchResult get(
      String source, URI url, Map<String, String> headers, Function<FetchResult, String> check) {
    Objects.requireNonNull(source, "source == null");
    Objects.requireNonNull(url, "url == null");
    Objects.requireNonNull(headers, "headers == null");
    Objects.requireNonNull(check, "check == null");
    Instant at = Instant.now();
    long start = System.nanoTime();
    Fetch fetch = new Fetch();
    FetchResult result;
    try {
      result =
          isCancelled()
              ? fetch.result(url, FetchOutcome.INTERRUPTED, CANCELLED_REASON, elapsedMs(start))
              : run(url, headers, fetch, start);
    } catch (RuntimeException e) {
      // OkHttp or a server can surprise us; it is still an outcome, never an exception
      result =
          fetch.result(url, FetchOutcome.IO_ERROR, "unexpected failure: " + e, elapsedMs(start));
    }
    long bytes = result.ok() ? result.body().length : fetch.bytes;
    try {
      if (result.ok()) {
        String refused = check.apply(result);
        if (refused != null && !refused.isEmpty()) {
          result = rejected(result, refused);
        }
      }
    } finally {
      tell(source, url, at, result, bytes);
    }
    return result;
  }

  private static FetchResult rejected(FetchResult accepted, String reason) {
    return new FetchResult(
        accepted.url(),
        accepted.httpStatus(),
        new byte[0],
        accepted.contentType(),
        FetchOutcome.REJECTED,
        reason,
        accepted.attempts(),
        accepted.durationMs(),
        accepted.fromCache());
  }

  /**
   * Ends every fetch in flight (OkHttp cancels its calls) and every wait, and refuses every later
   * fetch: each ends as {@link FetchOutcome#INTERRUPTED} with {@link #CANCELLED_REASON}. A fetch
   * that already had its whole answer keeps it. Cannot be undone; safe from any thread, returns at
   * once.
   */
  public void cancel() {
    cancelled.countDown();
    client.dispatcher().cancelAll();
  }

  /** True once {@link #cancel()} was called. */
  public boolean isCancelled() {
    return cancelled.getCount() == 0;
  }

  /** Closes pooled connections, the dispatcher's threads and the cache. */
  @Override
  public void close() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
    if (cache != null) {
      try {
        cache.close();
      } catch (IOException ignored) {
        // the cache is an optimisation; a failure to close it loses nothing stored
      }
    }
  }

  /** Mutable state of one fetch, confined to its thread. */
  private static final class Fetch {
    int attempts;
    int status;
    long bytes;
    String contentType = "";

    FetchResult result(URI where, FetchOutcome outcome, String reason, long ms) {
      return new FetchResult(
          where, status, new byte[0], contentType, outcome, reason, attempts, ms, false);
    }
  }

  private FetchResult run(URI url, Map<String, String> headers, Fetch fetch, long start) {
    HttpUrl first = HttpUrl.parse(url.toString());
    if (first == null || !url.isAbsolute()) {
      return fetch.result(
          url, FetchOutcome.INVALID_URL, "not an absolute http(s) URL", elapsedMs(start));
    }
    Politeness p = config.politeness();
    for (int retry = 0; ; retry++) {
      Attempt attempt = followRedirects(first, headers, fetch, start);
      if (isCancelled() && (attempt.result == null || !attempt.result.ok())) {
        return fetch.result(
            attempt.where, FetchOutcome.INTERRUPTED, CANCELLED_REASON, elapsedMs(start));
      }
      if (attempt.result != null) {
        return attempt.result;
      }
      if (retry >= p.maxRetries()) {
        return attempt.failure(fetch, start);
      }
      long waitNanos;
      if (attempt.retryAfterNanos >= 0) {
        if (attempt.retryAfterNanos > p.maxRetryAfter().toNanos()) {
          return fetch.result(
              attempt.where,
              FetchOutcome.RATE_LIMITED,
              attempt.reason
                  + "; Retry-After of "
                  + TimeUnit.NANOSECONDS.toSeconds(attempt.retryAfterNanos)
                  + " s is over the "
                  + p.maxRetryAfter().toSeconds()
                  + " s honoured",
              elapsedMs(start));
        }
        waitNanos = attempt.retryAfterNanos;
        gate(attempt.where).holdBack(waitNanos);
      } else {
        long cap =
            Math.min(p.maxBackoff().toNanos(), p.initialBackoff().toNanos() << Math.min(retry, 30));
        waitNanos = ThreadLocalRandom.current().nextLong(cap + 1);
      }
      try {
        if (cancelled.await(waitNanos, TimeUnit.NANOSECONDS)) {
          return fetch.result(
              attempt.where, FetchOutcome.INTERRUPTED, CANCELLED_REASON, elapsedMs(start));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return fetch.result(
            attempt.where,
            FetchOutcome.INTERRUPTED,
            "interrupted while waiting to retry",
            elapsedMs(start));
      }
    }
  }

  /**
   * One attempt: a final result, or a retryable failure. {@code retryAfterNanos} is {@code >= 0}
   * when the server asked for a pause.
   */
  private record Attempt(
      FetchResult result, URI where, FetchOutcome outcome, String reason, long retryAfterNanos) {
    static Attempt done(FetchResult result) {
      return new Attempt(result, result.url(), null, null, -1);
    }

    static Attempt retry(URI where, FetchOutcome outcome, String reason, long retryAfterNanos) {
      return new Attempt(null, where, outcome, reason, retryAfterNanos);
    }

    FetchResult failure(Fetch fetch, long start) {
      return fetch.result(
          where,
          outcome,
          reason + (fetch.attempts > 1 ? " (after " + fetch.attempts + " attempts)" : ""),
          elapsedMs(start));
    }
  }

  private Attempt followRedirects(
      HttpUrl first, Map<String, String> headers, Fetch fetch, long start) {
    Set<HttpUrl> seen = new HashSet<>();
    HttpUrl target = first;
    for (int hop = 0; ; hop++) {
      URI where = target.uri();
      String blocked = policy.check(target);
      if (blocked != null) {
        return Attempt.done(
            fetch.result(
                where,
                FetchOutcome.BLOCKED,
                (hop > 0 ? "redirect to " : "") + blocked,
                elapsedMs(start)));
      }
      if (!seen.add(target)) {
        return Attempt.done(
            fetch.result(
                where,
                FetchOutcome.REDIRECT_LOOP,
                "redirect loop: " + display(target) + " visited twice",
                elapsedMs(start)));
      }
      Request.Builder request =
          new Request.Builder().url(target).get().header("User-Agent", config.userAgent());
      if (sameOrigin(first, target)) {
        headers.forEach(request::header);
      }
      HostGate gate = gate(where);
      Hop outcome;
      try {
        if (!gate.enter(cancelled)) {
          return Attempt.done(
              fetch.result(where, FetchOutcome.INTERRUPTED, CANCELLED_REASON, elapsedMs(start)));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Attempt.done(
            fetch.result(
                where,
                FetchOutcome.INTERRUPTED,
                "interrupted while waiting for the host's turn",
                elapsedMs(start)));
      }
      try {
        if (hop == 0) {
          fetch.attempts++; // an attempt is one redirect chain
        }
        // what an earlier attempt or hop saw must not be reported for this one
        fetch.status = 0;
        fetch.bytes = 0;
        fetch.contentType = "";
        outcome = exchange(request.build(), target, fetch, start);
      } finally {
        gate.leave();
      }
      if (outcome.redirect == null) {
        return outcome.attempt;
      }
      if (hop + 1 > config.limits().maxRedirects()) {
        return Attempt.done(
            fetch.result(
                where,
                FetchOutcome.TOO_MANY_REDIRECTS,
                "more than " + config.limits().maxRedirects() + " redirects",
                elapsedMs(start)));
      }
      target = outcome.redirect;
    }
  }

  /** The answer to one request: a redirect to follow, or an attempt's end. */
  private record Hop(HttpUrl redirect, Attempt attempt) {}

  private Hop exchange(Request request, HttpUrl target, Fetch fetch, long start) {
    URI where = target.uri();
    Call call = client.newCall(request);
    try (Response response = call.execute()) {
      int code = response.code();
      fetch.status = code;
      fetch.contentType = Objects.requireNonNullElse(response.header("Content-Type"), "");
      if (code == 301 || code == 302 || code == 303 || code == 307 || code == 308) {
        String location = response.header("Location");
        HttpUrl next = location == null ? null : target.resolve(location);
        if (next == null) {
          return new Hop(
              null,
              Attempt.done(
                  fetch.result(
                      where,
                      FetchOutcome.TOO_MANY_REDIRECTS,
                      "HTTP " + code + " without a usable Location",
                      elapsedMs(start))));
        }
        return new Hop(next, null);
      }
      if (code == 429 || code == 500 || code == 502 || code == 503 || code == 504) {
        long retryAfter =
            code == 429 || code == 503 ? retryAfterNanos(response.header("Retry-After")) : -1;
        FetchOutcome outcome =
            code == 429 || retryAfter >= 0 ? FetchOutcome.RATE_LIMITED : FetchOutcome.HTTP_ERROR;
        return new Hop(
            null,
            Attempt.retry(where, outcome, "HTTP " + code + " from " + display(target), retryAfter));
      }
      if (code == 404 || code == 410) {
        return done(fetch, where, FetchOutcome.NOT_FOUND, "HTTP " + code, start);
      }
      if (code < 200 || code > 299) {
        return done(
            fetch,
            where,
            FetchOutcome.HTTP_ERROR,
            "HTTP " + code + " from " + display(target),
            start);
      }
      ResponseBody body = response.body();
      long declared = body == null ? -1 : body.contentLength();
      long max = config.limits().maxBodyBytes();
      if (declared > max) {
        call.cancel();
        return done(
            fetch,
            where,
            FetchOutcome.TOO_LARGE,
            "Content-Length " + declared + " is over the limit of " + max + " bytes",
            start);
      }
      byte[] bytes;
      try (InputStream in = body == null ? InputStream.nullInputStream() : body.byteStream()) {
        bytes = readBounded(in, max, fetch);
        if (bytes == null) {
          // cancel before closing: closing first would read on to discard the rest
          call.cancel();
        }
      }
      if (bytes == null) {
        return done(
            fetch,
            where,
            FetchOutcome.TOO_LARGE,
            "body is over the limit of " + max + " bytes",
            start);
      }
      Response network = response.networkResponse();
      boolean fromCache = response.cacheResponse() != null;
      boolean notModified = fromCache && network != null && network.code() == 304;
      if (notModified) {
        fetch.status = 304;
      }
      return new Hop(
          null,
          Attempt.done(
              new FetchResult(
                  where,
                  fetch.status,
                  bytes,
                  fetch.contentType,
                  notModified ? FetchOutcome.NOT_MODIFIED : FetchOutcome.OK,
                  notModified ? "not modified (304); the cached copy" : "",
                  fetch.attempts,
                  elapsedMs(start),
                  fromCache)));
    } catch (IOException e) {
      call.cancel();
      return new Hop(null, failure(e, target, fetch, start));
    }
  }

  private static Hop done(Fetch fetch, URI where, FetchOutcome outcome, String why, long start) {
    return new Hop(null, Attempt.done(fetch.result(where, outcome, why, elapsedMs(start))));
  }

  /** An exception of one attempt as an outcome: blocked is final, the rest may be retried. */
  private static Attempt failure(IOException e, HttpUrl target, Fetch fetch, long start) {
    URI where = target.uri();
    BlockedAddressException blocked = blockedCause(e);
    if (blocked != null) {
      return Attempt.done(
          fetch.result(where, FetchOutcome.BLOCKED, blocked.getMessage(), elapsedMs(start)));
    }
    String what =
        e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    FetchOutcome outcome;
    if (e instanceof InterruptedIOException) {
      // SocketTimeoutException (connect, read) or OkHttp's call timeout
      outcome = FetchOutcome.TIMEOUT;
    } else if (e instanceof ConnectException
        || e instanceof UnknownHostException
        || e instanceof NoRouteToHostException) {
      outcome = FetchOutcome.CONNECT_FAILED;
    } else {
      outcome = FetchOutcome.IO_ERROR;
    }
    return Attempt.retry(where, outcome, what + " (" + display(target) + ")", -1);
  }

  private static BlockedAddressException blockedCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BlockedAddressException b) {
        return b;
      }
      for (Throwable s : t.getSuppressed()) {
        if (s instanceof BlockedAddressException b) {
          return b;
        }
      }
    }
    return null;
  }

  /** Reads at most {@code max} bytes; null when there are more. Counts what it read. */
  private static byte[] readBounded(InputStream in, long max, Fetch fetch) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] chunk = new byte[READ_CHUNK_BYTES];
    long total = 0;
    while (true) {
      int n = in.read(chunk);
      if (n < 0) {
        return out.toByteArray();
      }
      total += n;
      fetch.bytes = total;
      if (total > max) {
        return null;
      }
      out.write(chunk, 0, n);
    }
  }

  /**
   * A {@code Retry-After} value in nanoseconds from now: delay-seconds or an HTTP date (RFC 9110,
   * 10.2.3); -1 when absent or unreadable; 0 for a date in the past.
   */
  static long retryAfterNanos(String value) {
    if (value == null || value.isBlank()) {
      return -1;
    }
    String v = value.strip();
    if (v.chars().allMatch(Character::isDigit)) {
      try {
        return TimeUnit.SECONDS.toNanos(Long.parseLong(v));
      } catch (NumberFormatException e) {
        return Long.MAX_VALUE;
      }
    }
    try {
      Instant when = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return Math.max(0, Duration.between(Instant.now(), when).toNanos());
    } catch (DateTimeParseException | ArithmeticException e) {
      return -1;
    }
  }

  private HostGate gate(URI where) {
    String host = where.getHost() == null ? "" : where.getHost().toLowerCase(Locale.ROOT);
    return gates.computeIfAbsent(host, h -> HostGate.of(config.politeness()));
  }

  private void tell(String source, URI url, Instant at, FetchResult r, long bytes) {
    try {
      listener.onFetch(
          new FetchRecord(
              at,
              source,
              url.toString(),
              r.httpStatus(),
              r.ok() ? r.body().length : bytes,
              r.durationMs(),
              r.outcome().name(),
              r.reason(),
              r.attempts(),
              r.fromCache()));
    } catch (RuntimeException ignored) {
      // a listener failure must not turn a fetch into an exception (FetchListener's contract)
    }
  }

  private static boolean sameOrigin(HttpUrl a, HttpUrl b) {
    return a.scheme().equals(b.scheme()) && a.host().equals(b.host()) && a.port() == b.port();
  }

  /** A URL for a reason: without its query (it may hold a key) and user info. */
  private static String display(HttpUrl url) {
    return url.newBuilder().query(null).fragment(null).username("").password("").build().toString();
  }

  private static long elapsedMs(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }
}
