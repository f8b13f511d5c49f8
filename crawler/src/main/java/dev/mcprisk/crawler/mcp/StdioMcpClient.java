package dev.mcprisk.crawler.mcp;

import dev.mcprisk.files.FileTrees;
import dev.mcprisk.model.CrawlOutcome;
import dev.mcprisk.model.CrawlStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Lists the tools of one MCP server over stdio
 * (https://modelcontextprotocol.io/specification/2025-11-25/basic/lifecycle and, for 2026-07-28,
 * that version's discovery): {@code server/discover} first (2026-07-28), else the legacy handshake
 * with {@code initialize} asking for {@value #REQUESTED_PROTOCOL_VERSION} and announcing {@link
 * ClientCapabilities} (by default roots, sampling and elicitation, as a full client does, so
 * servers that list tools conditionally show them all: server-everything lists 16 tools, 13 to a
 * client announcing none), then {@code tools/list} following every {@code nextCursor} (see {@link
 * CursorPager}), then shut-down of the whole process tree.
 *
 * <p>The server is hostile until proven otherwise: it runs in the {@link Sandbox} with an empty
 * environment plus {@link StdioServerSpec#environment()}, {@code PATH=}{@value #CHILD_PATH} and
 * {@code HOME=}a fresh temporary folder (deleted afterwards); every read is bounded by {@link
 * CrawlLimits}; lines on stdout that are not JSON are counted and skipped (up to {@link
 * CrawlLimits#maxNoiseLines()}); requests the server sends are answered without reading a file or
 * calling a model ({@code roots/list}: an empty list; {@code sampling/createMessage}: an error;
 * {@code elicitation/create}: declined; see {@link JsonRpcChannel}); notifications are ignored.
 *
 * <p>Outcomes are data: {@link #crawl} never throws for anything the server does. Statuses: {@code
 * OK}; {@code TRUNCATED} (page or tool cap, tools kept); {@code TIMEOUT}; {@code CONNECT_FAILED}
 * (cannot start, missing path); {@code PROCESS_EXITED} (exit code, stderr tail, tail of non-JSON
 * stdout lines); {@code PROTOCOL_ERROR} (error answer, unsupported version, malformed result,
 * answer to an unknown id); {@code TOO_LARGE} (line, total bytes, JSON nesting); {@code BLOCKED}
 * (sandbox required but unavailable). An {@code OK} reason is empty unless tools were skipped or
 * stdout carried noise, which it then counts.
 *
 * <p>Thread-safe: stateless; each call owns its process and two named daemon threads.
 */
public final class StdioMcpClient {

  /** The protocol version asked for in {@code initialize}. */
  public static final String REQUESTED_PROTOCOL_VERSION =
      VersionNegotiation.REQUESTED_LEGACY_VERSION;

  /** Versions accepted in the server's answer: every legacy (initialize-based) version. */
  public static final Set<String> SUPPORTED_PROTOCOL_VERSIONS =
      Set.of("2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25");

  /** The child's {@code PATH}. */
  public static final String CHILD_PATH = "/usr/bin:/bin";

  /** {@code clientInfo.name} sent in {@code initialize}. */
  public static final String CLIENT_NAME = "mcp-risk-catalogue";

  /** {@code clientInfo.version} sent in {@code initialize}. */
  public static final String CLIENT_VERSION = "0.1.0";

  /** Value of {@link CrawlOutcome#method()} for this client. */
  public static final String METHOD = "stdio";

  private StdioMcpClient() {}

  /**
   * Starts {@code spec}'s server, lists its tools and stops it.
   *
   * @param spec what to start; never null
   * @param limits bounds; never null
   * @param sandbox {@link Sandbox#detect()} (required confinement) or {@link Sandbox#none()}
   *     (unsafe); never null
   * @return the outcome; never null; {@link CrawlOutcome#durationMs()} includes shut-down. Takes at
   *     most {@code limits.totalTimeout()} plus shut-down: 1 s after closing stdin, 2 s after
   *     SIGTERM, 2 s after SIGKILL, and up to 4 s more for descendants that outlive the server
   */
  public static CrawlOutcome crawl(StdioServerSpec spec, CrawlLimits limits, Sandbox sandbox) {
    return probe(spec, limits, sandbox).outcome();
  }

  /**
   * As {@link #crawl(StdioServerSpec, CrawlLimits, Sandbox)}, with {@code secretValues} (the values
   * of environment variables marked {@code isSecret}, or supplied by the user) replaced by {@code
   * [REDACTED]} everywhere in the outcome (see {@link Redactor}): the reason, which may quote the
   * server's stderr and stdout, and all the server said about itself and its tools, so a server
   * that echoes a secret does not get it stored.
   *
   * @param secretValues values never to show; never null; values shorter than 3 chars are ignored
   */
  public static CrawlOutcome crawl(
      StdioServerSpec spec, CrawlLimits limits, Sandbox sandbox, Set<String> secretValues) {
    return crawl(spec, limits, sandbox, secretValues, ClientCapabilities.full());
  }

  /**
   * As {@link #crawl(StdioServerSpec, CrawlLimits, Sandbox, Set)}, announcing {@code
   * clientCapabilities} instead of {@link ClientCapabilities#full()}.
   *
   * @param clientCapabilities what to announce; never null
   */
  public static CrawlOutcome crawl(
      StdioServerSpec spec,
      CrawlLimits limits,
      Sandbox sandbox,
      Set<String> secretValues,
      ClientCapabilities clientCapabilities) {
    return new Redactor(secretValues)
        .redact(probe(spec, limits, sandbox, clientCapabilities).outcome());
  }

  /** As {@link #crawl}, with what the outcome has no place for (prompt and resource counts). */
  static ProbeResult probe(StdioServerSpec spec, CrawlLimits limits, Sandbox sandbox) {
    return probe(spec, limits, sandbox, ClientCapabilities.full());
  }

  /** As {@link #probe(StdioServerSpec, CrawlLimits, Sandbox)}, announcing {@code capabilities}. */
  static ProbeResult probe(
      StdioServerSpec spec, CrawlLimits limits, Sandbox sandbox, ClientCapabilities capabilities) {
    Objects.requireNonNull(capabilities, "capabilities == null");
    Objects.requireNonNull(spec, "spec == null");
    Objects.requireNonNull(limits, "limits == null");
    Objects.requireNonNull(sandbox, "sandbox == null");
    Instant at = Instant.now();
    long start = System.nanoTime();
    if (!sandbox.available()) {
      return ProbeResult.of(
          CrawlOutcome.failed(
              spec.serverId(),
              CrawlStatus.BLOCKED,
              "sandbox required but unavailable: " + sandbox.unavailableReason(),
              at,
              METHOD,
              0));
    }
    String missing = missingPath(spec);
    if (missing != null) {
      return ProbeResult.of(
          CrawlOutcome.failed(spec.serverId(), CrawlStatus.CONNECT_FAILED, missing, at, METHOD, 0));
    }
    Path home;
    try {
      home = Files.createTempDirectory("mcprisk-home-");
    } catch (IOException e) {
      return ProbeResult.of(
          CrawlOutcome.failed(
              spec.serverId(),
              CrawlStatus.CONNECT_FAILED,
              "cannot create a temporary HOME: " + e.getMessage(),
              at,
              METHOD,
              0));
    }
    try {
      StdioServerSpec effective = withDefaults(spec, home);
      ProbeResult first =
          run(effective, limits, capabilities, sandbox, SessionMode.STDIO, at, start);
      if (first.status() == CrawlStatus.PROCESS_EXITED
          && first.outcome().reason().contains("before answering server/discover")) {
        // Some legacy servers die on a request before initialize: start again, legacy only.
        return run(effective, limits, capabilities, sandbox, SessionMode.LEGACY_ONLY, at, start);
      }
      return first;
    } catch (RuntimeException | Error e) {
      return ProbeResult.of(
          McpProbe.internalError(
              spec.serverId(), e, at, METHOD, (System.nanoTime() - start) / 1_000_000));
    } finally {
      FileTrees.deleteQuietly(home);
    }
  }

  private static ProbeResult run(
      StdioServerSpec spec,
      CrawlLimits limits,
      ClientCapabilities capabilities,
      Sandbox sandbox,
      SessionMode mode,
      Instant at,
      long start) {
    StdioConnection connection;
    try {
      connection = startConnection(spec, sandbox, limits);
    } catch (IOException e) {
      return ProbeResult.of(
          CrawlOutcome.failed(
              spec.serverId(),
              CrawlStatus.CONNECT_FAILED,
              "cannot start " + spec.command().get(0) + ": " + e.getMessage(),
              at,
              METHOD,
              (System.nanoTime() - start) / 1_000_000));
    }
    McpSession session;
    try (StdioTransport transport = new StdioTransport(connection, limits)) {
      session = new McpSession(spec.serverId(), transport, limits, capabilities, mode, start);
      session.run();
    }
    return session.result(at, (System.nanoTime() - start) / 1_000_000);
  }

  private static StdioConnection startConnection(
      StdioServerSpec spec, Sandbox sandbox, CrawlLimits limits) throws IOException {
    List<String> command = sandbox.wrap(spec);
    Map<String, String> environment = sandbox.confines() ? Map.of() : spec.environment();
    Path directory = sandbox.confines() ? null : spec.workingDirectory();
    return StdioConnection.start(
        spec.serverId().replaceAll("[^A-Za-z0-9@._/-]", "_"),
        command,
        environment,
        directory,
        limits.maxMessageBytes(),
        limits.maxTotalBytes(),
        limits.maxStderrBytes());
  }

  /** Adds PATH and HOME (the spec's own values win), the home folder as writable and as cwd. */
  private static StdioServerSpec withDefaults(StdioServerSpec spec, Path home) {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("PATH", CHILD_PATH);
    environment.put("HOME", home.toString());
    environment.putAll(spec.environment());
    List<Path> writable = new ArrayList<>(spec.writablePaths());
    writable.add(home);
    Path directory = spec.workingDirectory() != null ? spec.workingDirectory() : home;
    return new StdioServerSpec(
        spec.serverId(), spec.command(), environment, directory, spec.readOnlyPaths(), writable);
  }

  private static String missingPath(StdioServerSpec spec) {
    String executable = spec.command().get(0);
    if (executable.startsWith("/") && !Files.isExecutable(Path.of(executable))) {
      return "executable not found: " + executable;
    }
    for (Path path : spec.readOnlyPaths()) {
      if (!Files.exists(path)) {
        return "read-only path does not exist: " + path;
      }
    }
    for (Path path : spec.writablePaths()) {
      if (!Files.isDirectory(path)) {
        return "writable path is not a directory: " + path;
      }
    }
    if (spec.workingDirectory() != null && !Files.isDirectory(spec.workingDirectory())) {
      return "working directory does not exist: " + spec.workingDirectory();
    }
    return null;
  }
}
