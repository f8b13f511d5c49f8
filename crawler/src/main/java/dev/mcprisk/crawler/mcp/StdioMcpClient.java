package dev.mcprisk.crawler.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.CrawlOutcome;
import dev.mcprisk.model.CrawlStatus;
import dev.mcprisk.model.ToolDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Lists the tools of one MCP server over stdio with the legacy handshake (shared/specs/
 * mcp-protocol.md, "Legacy handshake" and "tools/list"): {@code initialize} with protocol version
 * {@value #REQUESTED_PROTOCOL_VERSION} and empty client capabilities ({@code {}}, so servers show
 * their default tool set: server-everything lists 13 tools, not the 16 it shows a client with
 * sampling, elicitation and roots), {@code notifications/initialized}, then {@code tools/list}
 * following every {@code nextCursor}, then shut-down of the whole process tree.
 *
 * <p>The server is hostile until proven otherwise: it runs in the {@link Sandbox} with an empty
 * environment plus {@link StdioServerSpec#environment()}, {@code PATH=}{@value #CHILD_PATH} and
 * {@code HOME=}a fresh temporary folder (deleted afterwards); every read is bounded by {@link
 * CrawlLimits}; lines on stdout that are not JSON are counted and skipped; requests the server
 * sends ({@code roots/list}, {@code sampling/createMessage}, ...) get JSON-RPC error {@code
 * -32601}, {@code ping} gets an empty result; notifications are ignored.
 *
 * <p>Outcomes are data: {@link #crawl} never throws for anything the server does. Statuses: {@code
 * OK}; {@code TRUNCATED} (page or tool cap, tools kept); {@code TIMEOUT}; {@code CONNECT_FAILED}
 * (cannot start, missing path); {@code PROCESS_EXITED} (exit code and stderr tail); {@code
 * PROTOCOL_ERROR} (error answer, unsupported version, malformed result); {@code TOO_LARGE}; {@code
 * BLOCKED} (sandbox required but unavailable). An {@code OK} reason is empty unless tools were
 * skipped or stdout carried noise, which it then counts.
 *
 * <p>Thread-safe: stateless; each call owns its process and two named daemon threads.
 */
public final class StdioMcpClient {

  /** The protocol version asked for in {@code initialize}. */
  public static final String REQUESTED_PROTOCOL_VERSION = "2025-06-18";

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

  static final int METHOD_NOT_FOUND = -32601;

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
    Objects.requireNonNull(spec, "spec == null");
    Objects.requireNonNull(limits, "limits == null");
    Objects.requireNonNull(sandbox, "sandbox == null");
    Instant at = Instant.now();
    long start = System.nanoTime();
    if (!sandbox.available()) {
      return CrawlOutcome.failed(
          spec.serverId(),
          CrawlStatus.BLOCKED,
          "sandbox required but unavailable: " + sandbox.unavailableReason(),
          at,
          METHOD,
          0);
    }
    String missing = missingPath(spec);
    if (missing != null) {
      return CrawlOutcome.failed(
          spec.serverId(), CrawlStatus.CONNECT_FAILED, missing, at, METHOD, 0);
    }
    Path home;
    try {
      home = Files.createTempDirectory("mcprisk-home-");
    } catch (IOException e) {
      return CrawlOutcome.failed(
          spec.serverId(),
          CrawlStatus.CONNECT_FAILED,
          "cannot create a temporary HOME: " + e.getMessage(),
          at,
          METHOD,
          0);
    }
    try {
      StdioServerSpec effective = withDefaults(spec, home);
      Session session = new Session(effective, limits, start);
      try (StdioConnection connection = startConnection(effective, sandbox, limits)) {
        session.run(connection);
      } catch (IOException e) {
        session.fail(
            CrawlStatus.CONNECT_FAILED,
            "cannot start " + spec.command().get(0) + ": " + e.getMessage());
      }
      return session.outcome(at, (System.nanoTime() - start) / 1_000_000);
    } finally {
      deleteTree(home);
    }
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
        limits.maxTotalBytes());
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

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException | UncheckedIOException e) {
      // A leftover temporary folder is harmless; the crawl result matters more.
    }
  }

  /** One crawl's protocol state, from the first request to the outcome. */
  private static final class Session {
    private final StdioServerSpec spec;
    private final CrawlLimits limits;
    private final long totalDeadline;
    private StdioConnection connection;
    private int nextId = 1;
    private int noiseLines;
    private int skippedTools;
    private int pages;
    private final List<String> toolErrors = new ArrayList<>();
    private final List<ToolDefinition> tools = new ArrayList<>();
    private CrawlStatus status = CrawlStatus.OK;
    private String reason = "";
    private String protocolVersion;
    private JsonNode serverInfo;
    private JsonNode capabilities;
    private String instructions;
    private long bytesRead;

    Session(StdioServerSpec spec, CrawlLimits limits, long start) {
      this.spec = spec;
      this.limits = limits;
      this.totalDeadline = start + limits.totalTimeout().toNanos();
    }

    void run(StdioConnection connection) {
      this.connection = connection;
      try {
        if (initialize()) {
          listTools();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail(CrawlStatus.TIMEOUT, "interrupted");
      } finally {
        bytesRead = connection.bytesRead();
      }
    }

    void fail(CrawlStatus failure, String why) {
      status = failure;
      reason = why;
    }

    CrawlOutcome outcome(Instant at, long durationMs) {
      boolean usable = status == CrawlStatus.OK || status == CrawlStatus.TRUNCATED;
      String why = reason;
      if (usable) {
        why = join(reason, notes());
      }
      return new CrawlOutcome(
          spec.serverId(),
          status,
          why,
          at,
          METHOD,
          protocolVersion,
          serverInfo,
          capabilities,
          instructions,
          usable ? tools : List.of(),
          pages,
          durationMs,
          bytesRead);
    }

    private String notes() {
      String notes = "";
      if (skippedTools > 0) {
        notes = "skipped " + skippedTools + " invalid tool(s): " + String.join("; ", toolErrors);
      }
      if (noiseLines > 0) {
        notes = join(notes, noiseLines + " non-JSON stdout line(s) ignored");
      }
      return notes;
    }

    private static String join(String a, String b) {
      return a.isEmpty() ? b : b.isEmpty() ? a : a + "; " + b;
    }

    private boolean initialize() throws InterruptedException {
      ObjectNode params = Json.object();
      params.put("protocolVersion", REQUESTED_PROTOCOL_VERSION);
      params.set("capabilities", Json.object());
      ObjectNode clientInfo = params.putObject("clientInfo");
      clientInfo.put("name", CLIENT_NAME);
      clientInfo.put("version", CLIENT_VERSION);
      JsonNode result = request("initialize", params, limits.startupTimeout().toNanos());
      if (result == null) {
        return false;
      }
      String version = Json.text(result, "protocolVersion");
      if (version == null || !SUPPORTED_PROTOCOL_VERSIONS.contains(version)) {
        fail(
            CrawlStatus.PROTOCOL_ERROR,
            "server answered protocol version "
                + (version == null ? "(none)" : "'" + version + "'")
                + "; supported: "
                + SUPPORTED_PROTOCOL_VERSIONS.stream().sorted().toList());
        return false;
      }
      protocolVersion = version;
      serverInfo = result.get("serverInfo");
      capabilities = result.get("capabilities");
      instructions = Json.text(result, "instructions");
      ObjectNode initialized = Json.object();
      initialized.put("jsonrpc", "2.0");
      initialized.put("method", "notifications/initialized");
      return send(initialized);
    }

    private boolean listTools() throws InterruptedException {
      Set<String> cursors = new HashSet<>();
      String cursor = null;
      while (true) {
        ObjectNode params = Json.object();
        if (cursor != null) {
          params.put("cursor", cursor);
        }
        JsonNode result = request("tools/list", params, limits.requestTimeout().toNanos());
        if (result == null) {
          if (status == CrawlStatus.PROTOCOL_ERROR
              && pages == 0
              && (capabilities == null || !capabilities.has("tools"))) {
            // A server that announces no tools capability may refuse tools/list: it has no tools.
            status = CrawlStatus.OK;
            reason = "no tools capability; tools/list refused (" + reason + ")";
            return true;
          }
          return false;
        }
        JsonNode page = result.get("tools");
        if (page == null || !page.isArray()) {
          fail(CrawlStatus.PROTOCOL_ERROR, "tools/list result has no 'tools' array");
          return false;
        }
        pages++;
        for (JsonNode tool : page) {
          if (tools.size() == limits.maxTools()) {
            fail(CrawlStatus.TRUNCATED, "stopped at the tool cap of " + limits.maxTools());
            return true;
          }
          try {
            tools.add(ToolDefinition.of(tool));
          } catch (IllegalArgumentException e) {
            skippedTools++;
            if (toolErrors.size() < 3) {
              toolErrors.add(e.getMessage());
            }
          }
        }
        cursor = Json.text(result, "nextCursor");
        if (cursor == null || cursor.isEmpty()) {
          return true;
        }
        if (!cursors.add(cursor)) {
          fail(CrawlStatus.TRUNCATED, "server repeated cursor '" + abbreviate(cursor) + "'");
          return true;
        }
        if (pages == limits.maxPages()) {
          fail(CrawlStatus.TRUNCATED, "stopped at the page cap of " + limits.maxPages());
          return true;
        }
      }
    }

    /** Sends a request and waits for its answer; null (with status set) on any failure. */
    private JsonNode request(String method, ObjectNode params, long timeoutNanos)
        throws InterruptedException {
      int id = nextId++;
      ObjectNode message = Json.object();
      message.put("jsonrpc", "2.0");
      message.put("id", id);
      message.put("method", method);
      message.set("params", params);
      if (!send(message)) {
        return null;
      }
      long requestDeadline = System.nanoTime() + timeoutNanos;
      long deadline = Math.min(requestDeadline, totalDeadline);
      while (true) {
        StdioConnection.Event event = connection.poll(deadline);
        if (event == null) {
          boolean total = deadline == totalDeadline;
          fail(
              CrawlStatus.TIMEOUT,
              "no answer to "
                  + method
                  + " within "
                  + (total
                      ? "the crawl's total " + limits.totalTimeout().toMillis() + " ms"
                      : timeoutNanos / 1_000_000 + " ms")
                  + stderrSuffix());
          return null;
        }
        switch (event.kind()) {
          case LINE:
            break;
          case LINE_TOO_LONG:
            fail(
                CrawlStatus.TOO_LARGE,
                "a stdout line exceeded "
                    + limits.maxMessageBytes()
                    + " bytes (waiting for "
                    + method
                    + ")");
            return null;
          case TOTAL_TOO_LARGE:
            fail(
                CrawlStatus.TOO_LARGE,
                "stdout exceeded " + limits.maxTotalBytes() + " bytes in all");
            return null;
          case EOF:
          case READ_FAILED:
          default:
            exited(method);
            return null;
        }
        JsonNode node = parse(event.text());
        if (node == null) {
          continue;
        }
        JsonNode answer = answerTo(node, id, method);
        if (answer != null) {
          return status == CrawlStatus.OK ? answer : null;
        }
        if (status != CrawlStatus.OK) {
          return null;
        }
      }
    }

    /**
     * The result when {@code node} answers request {@code id}; handles server requests; null
     * otherwise (also on an error answer, with the status set and a sentinel returned).
     */
    private JsonNode answerTo(JsonNode node, int id, String method) {
      JsonNode idNode = node.get("id");
      if (node.hasNonNull("method")) {
        if (idNode != null && !idNode.isNull()) {
          answerServerRequest(idNode, node.get("method").asText());
        }
        return null;
      }
      if (idNode == null || !matches(idNode, id)) {
        return null;
      }
      JsonNode error = node.get("error");
      if (error != null && !error.isNull()) {
        fail(
            CrawlStatus.PROTOCOL_ERROR,
            method + " answered error " + abbreviate(Json.write(error)));
        return error;
      }
      JsonNode result = node.get("result");
      if (result == null || !result.isObject()) {
        fail(CrawlStatus.PROTOCOL_ERROR, method + " answer has no result object");
        return node;
      }
      return result;
    }

    private void answerServerRequest(JsonNode idNode, String method) {
      ObjectNode reply = Json.object();
      reply.put("jsonrpc", "2.0");
      reply.set("id", idNode);
      if ("ping".equals(method)) {
        reply.set("result", Json.object());
      } else {
        ObjectNode error = reply.putObject("error");
        error.put("code", METHOD_NOT_FOUND);
        error.put("message", "Method not found: this client only lists tools");
      }
      send(reply);
    }

    private static boolean matches(JsonNode idNode, int id) {
      if (idNode.isIntegralNumber()) {
        return idNode.asLong() == id;
      }
      return idNode.isTextual() && idNode.asText().equals(Integer.toString(id));
    }

    private JsonNode parse(String line) {
      String text = line.strip();
      if (!text.startsWith("{")) {
        if (!text.isEmpty()) {
          noiseLines++;
        }
        return null;
      }
      try {
        JsonNode node = Json.parse(text);
        if (node != null && node.isObject()) {
          return node;
        }
      } catch (JsonProcessingException e) {
        // Falls through: a line that is not JSON is noise, as a log line on stdout would be.
      }
      noiseLines++;
      return null;
    }

    private boolean send(ObjectNode message) {
      try {
        connection.send(message);
        return true;
      } catch (IOException e) {
        try {
          exited(Json.text(message, "method"));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          fail(CrawlStatus.PROCESS_EXITED, "interrupted");
        }
        return false;
      }
    }

    private void exited(String waitingFor) throws InterruptedException {
      OptionalInt code = connection.exitCode();
      fail(
          CrawlStatus.PROCESS_EXITED,
          "server ended its output"
              + (code.isPresent() ? " and exited with code " + code.getAsInt() : "")
              + " before answering "
              + waitingFor
              + stderrSuffix());
    }

    private String stderrSuffix() {
      String tail = connection.stderrTail();
      return tail.isEmpty() ? "" : "; stderr: " + tail;
    }

    private static String abbreviate(String text) {
      return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
  }
}
