package dev.mcprisk.crawler.mcp;

import dev.mcprisk.crawler.net.AddressPolicy;
import dev.mcprisk.model.CrawlOutcome;
import dev.mcprisk.model.CrawlStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * Crawls one MCP server, the engine of {@code mcprisk probe}: a URL over Streamable HTTP, HTTP+SSE
 * or {@code auto} (Streamable HTTP, then HTTP+SSE when {@code initialize} gets 400, 404 or 405), or
 * a command over stdio in the {@link Sandbox}. The session: {@link McpSession} (protocol detection
 * in {@link VersionNegotiation}, listing in {@link Listing}).
 *
 * <p>Outcomes are data: {@link #probe} never throws for anything the server does, and returns
 * within {@link CrawlLimits#totalTimeout()} plus shut-down (stdio: see {@link
 * StdioMcpClient#crawl}; HTTP: at most {@link StreamableHttpTransport#DELETE_TIMEOUT} for the
 * closing DELETE). Statuses: those of {@link StdioMcpClient}, and for URLs {@code AUTH_REQUIRED}
 * (401, or 403 with {@code WWW-Authenticate}; the resource-metadata URL and scopes in the result),
 * {@code HTTP_ERROR} (other statuses, with the code), {@code BLOCKED} (an address the {@link
 * AddressPolicy} forbids, also after a redirect), {@code CONNECT_FAILED}. Values of secret headers
 * and variables never appear in the result: the {@link Redactor} masks them in the reason, in all
 * the server said (serverInfo, tools) and in the authorization challenge. A bug of the client
 * itself (an exception, a stack overflow) becomes that server's {@code PROTOCOL_ERROR} ({@link
 * #internalError}).
 *
 * <p>Thread-safe: stateless; every call owns its connections, process and threads, so crawls may
 * run in parallel.
 */
public final class McpProbe {
  /**
   * New sessions started when a Streamable HTTP server ends one mid-crawl (HTTP 404 with {@code
   * Mcp-Session-Id}): 1. The whole crawl starts again within the same total deadline.
   */
  static final int MAX_SESSION_RESTARTS = 1;

  private McpProbe() {}

  /**
   * Crawls {@code target}.
   *
   * @param target the server; never null
   * @param options limits, network and sandbox policy; never null
   * @return the result; never null. {@link ProbeResult#exitCode()} is the exit code for {@code
   *     mcprisk probe}
   */
  public static ProbeResult probe(ProbeTarget target, ProbeOptions options) {
    Objects.requireNonNull(target, "target == null");
    Objects.requireNonNull(options, "options == null");
    Redactor redactor = new Redactor(target.secretValues());
    Instant at = Instant.now();
    long start = System.nanoTime();
    ProbeResult result;
    try {
      result =
          target.transport() == ProbeTransport.STDIO
              ? stdio(target, options)
              : http(target, options, at, start);
    } catch (RuntimeException | Error e) {
      result =
          ProbeResult.of(
              internalError(
                  target.serverId(), e, at, methodOf(target.transport()), millisSince(start)));
    }
    return redactor.redact(result);
  }

  /**
   * The outcome of a crawl that ended with an exception or error escaping the client: {@code
   * PROTOCOL_ERROR} with the reason {@code "internal error in the client: <class>: <message>"} (cut
   * to 300 chars), so one server's failure is recorded for that server and never ends a whole run.
   * A {@link StackOverflowError} and the other {@link Error}s (a linkage or assertion failure) are
   * recorded like a {@link RuntimeException}: the stack has unwound, nothing is shared with other
   * crawls. Every other {@link VirtualMachineError} ({@link OutOfMemoryError}, {@link
   * InternalError}) is rethrown: after it nothing in the process can be trusted, so the run ends as
   * {@code FAILED} with it.
   *
   * @param serverId the server crawled; never null
   * @param failure what escaped; never null
   * @param at when the crawl began
   * @param method {@link CrawlOutcome#method()} of the crawl
   * @param durationMs how long the crawl ran, in milliseconds
   * @return the outcome; never null
   * @throws VirtualMachineError {@code failure} itself when it is one other than a stack overflow
   */
  public static CrawlOutcome internalError(
      String serverId, Throwable failure, Instant at, String method, long durationMs) {
    if (failure instanceof VirtualMachineError vm && !(failure instanceof StackOverflowError)) {
      throw vm;
    }
    String message = failure.getMessage();
    String what = failure.getClass().getName() + (message == null ? "" : ": " + message);
    return CrawlOutcome.failed(
        serverId,
        CrawlStatus.PROTOCOL_ERROR,
        "internal error in the client: " + (what.length() <= 300 ? what : what.substring(0, 300)),
        at,
        method,
        durationMs);
  }

  private static ProbeResult stdio(ProbeTarget target, ProbeOptions options) {
    Sandbox sandbox = options.noSandbox() ? Sandbox.none() : Sandbox.detect();
    if (!sandbox.available()) {
      return ProbeResult.of(
          CrawlOutcome.failed(
              target.serverId(),
              CrawlStatus.BLOCKED,
              "refusing to run an unknown server without a sandbox: "
                  + sandbox.unavailableReason()
                  + "; pass --no-sandbox to run it unconfined (unsafe: it can read your files and"
                  + " use the network)",
              Instant.now(),
              StdioMcpClient.METHOD,
              0));
    }
    StdioServerSpec spec =
        new StdioServerSpec(
            target.serverId(),
            target.command(),
            target.environment(),
            null,
            readablePaths(target),
            List.of());
    return StdioMcpClient.probe(spec, options.limits(), sandbox, options.clientCapabilities());
  }

  /**
   * What a sandboxed command must read besides the system folders: the given paths, and for every
   * absolute path in the command that exists, the folder holding its top-most {@code node_modules}
   * (so a script finds its packages), else its own folder.
   */
  static List<Path> readablePaths(ProbeTarget target) {
    Set<Path> paths = new LinkedHashSet<>(target.readOnlyPaths());
    for (String arg : target.command()) {
      if (!arg.startsWith("/")) {
        continue;
      }
      Path path;
      try {
        path = Path.of(arg).toRealPath();
      } catch (IOException | RuntimeException e) {
        continue;
      }
      Path root = null;
      for (Path p = path; p != null; p = p.getParent()) {
        if (p.getFileName() != null && p.getFileName().toString().equals("node_modules")) {
          root = p.getParent();
        }
      }
      if (root == null) {
        root = Files.isDirectory(path) ? path : path.getParent();
      }
      if (root != null && !Sandbox.SYSTEM_READ_ONLY.stream().anyMatch(root::startsWith)) {
        paths.add(root);
      }
    }
    return new ArrayList<>(paths);
  }

  private static ProbeResult http(
      ProbeTarget target, ProbeOptions options, Instant at, long start) {
    CrawlLimits limits = options.limits();
    AddressPolicy policy =
        (options.allowPrivateNetwork() ? AddressPolicy.allowAll() : AddressPolicy.publicOnly())
            .allowingHosts(options.allowedHosts());
    HttpUrl url = HttpUrl.get(target.url());
    HttpEndpoint endpoint = new HttpEndpoint(url, target.headers(), limits, policy);
    try {
      String streamableReason = null;
      if (target.transport() != ProbeTransport.SSE) {
        McpSession session;
        boolean sessionEnded;
        int restarts = 0;
        do {
          try (StreamableHttpTransport transport = new StreamableHttpTransport(endpoint, url)) {
            session =
                new McpSession(
                    target.serverId(),
                    transport,
                    limits,
                    options.clientCapabilities(),
                    SessionMode.HTTP,
                    start);
            session.run();
            sessionEnded = transport.sessionEnded();
          }
        } while (sessionEnded && restarts++ < MAX_SESSION_RESTARTS);
        ProbeResult result = session.result(at, millisSince(start));
        if (target.transport() == ProbeTransport.HTTP || !session.wantsSseFallback()) {
          return result;
        }
        streamableReason = result.outcome().reason();
      }
      return legacySse(target, options, endpoint, url, at, start, streamableReason);
    } finally {
      endpoint.close();
    }
  }

  private static ProbeResult legacySse(
      ProbeTarget target,
      ProbeOptions options,
      HttpEndpoint endpoint,
      HttpUrl url,
      Instant at,
      long start,
      String streamableReason) {
    CrawlLimits limits = options.limits();
    long total = start + limits.totalTimeout().toNanos();
    long endpointDeadline = Math.min(System.nanoTime() + limits.startupTimeout().toNanos(), total);
    McpSession session;
    try (LegacySseTransport transport = new LegacySseTransport(endpoint, url)) {
      TransportFailure failure;
      try {
        failure = transport.open(total, endpointDeadline);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure = TransportFailure.of(CrawlStatus.TIMEOUT, "interrupted");
      }
      if (failure != null) {
        String why =
            failure.status() == CrawlStatus.TIMEOUT
                ? "no endpoint event within the start-up timeout of "
                    + limits.startupTimeout().toMillis()
                    + " ms"
                : failure.reason();
        if (streamableReason != null) {
          why = "Streamable HTTP: " + streamableReason + "; HTTP+SSE: " + why;
        }
        CrawlOutcome outcome =
            new CrawlOutcome(
                target.serverId(),
                failure.status(),
                why,
                at,
                LegacySseTransport.METHOD,
                null,
                null,
                null,
                null,
                List.of(),
                0,
                millisSince(start),
                endpoint.bytesRead());
        AuthChallenge auth = failure.auth();
        return new ProbeResult(
            outcome,
            false,
            ProbeResult.NOT_LISTED,
            ProbeResult.NOT_LISTED,
            ProbeResult.NOT_LISTED,
            auth == null ? null : auth.resourceMetadata(),
            auth == null ? List.of() : auth.scopes(),
            ProbeResult.NO_TTL);
      }
      session =
          new McpSession(
              target.serverId(),
              transport,
              limits,
              options.clientCapabilities(),
              SessionMode.LEGACY_ONLY,
              start);
      session.run();
    }
    return session.result(at, millisSince(start));
  }

  private static String methodOf(ProbeTransport transport) {
    return switch (transport) {
      case STDIO -> StdioMcpClient.METHOD;
      case SSE -> LegacySseTransport.METHOD;
      default -> StreamableHttpTransport.METHOD;
    };
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
