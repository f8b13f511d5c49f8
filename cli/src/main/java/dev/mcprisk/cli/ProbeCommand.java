package dev.mcprisk.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcprisk.classifier.Classifier;
import dev.mcprisk.classifier.ServerContext;
import dev.mcprisk.crawler.mcp.ClientCapabilities;
import dev.mcprisk.crawler.mcp.McpProbe;
import dev.mcprisk.crawler.mcp.ProbeOptions;
import dev.mcprisk.crawler.mcp.ProbeResult;
import dev.mcprisk.crawler.mcp.ProbeTarget;
import dev.mcprisk.crawler.mcp.ProbeTransport;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.Assessment;
import dev.mcprisk.model.CrawlOutcome;
import dev.mcprisk.model.ToolDefinition;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mcprisk probe}: crawls one MCP server live and classifies its tools. */
@Command(
    name = "probe",
    mixinStandardHelpOptions = true,
    description = {
      "Crawls one MCP server live (initialize or server/discover, then tools/list through every"
          + " cursor, and prompts/resources when announced) and prints its tools with category,"
          + " risk level and rationale.",
      "Target: one http(s) URL, or a command after -- (started sandboxed with bubblewrap).",
      "JSON output: {\"status\", \"reason\", \"truncated\", \"server\", \"protocolVersion\","
          + " \"prompts\", \"resources\", \"resourceTemplates\", \"auth\","
          + " \"clientCapabilities\" (as announced), \"serverRequests\" ({method: count}),"
          + " \"tools\": [{...tool, \"assessment\": {...}}]}."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the server was fully crawled (OK)",
      "2:usage error",
      "3:the server could not be fully crawled (any other status, incl. TRUNCATED, AUTH_REQUIRED)"
    })
final class ProbeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Option(
      names = "--transport",
      paramLabel = "T",
      description =
          "auto (Streamable HTTP, then HTTP+SSE), http, sse, or stdio. Default: auto for a URL,"
              + " stdio for a command.")
  String transport;

  @Option(
      names = "--allow-private-network",
      description =
          "Allow loopback, private, link-local, unique-local and multicast addresses (off by"
              + " default: such targets and redirects to them are BLOCKED).")
  boolean allowPrivateNetwork;

  @Option(
      names = "--no-sandbox",
      description =
          "UNSAFE: start a stdio server without bubblewrap, with your rights and network.")
  boolean noSandbox;

  @Option(
      names = "--env",
      paramLabel = "NAME=VALUE",
      description =
          "A variable for a stdio server (repeatable), e.g. ENABLE_LOGGING=true. Values are not"
              + " treated as secrets: they are printed as the server echoes them. Use --secret-env"
              + " for tokens and keys.")
  Map<String, String> environment = new LinkedHashMap<>();

  @Option(
      names = "--secret-env",
      paramLabel = "NAME=VALUE",
      description =
          "A secret variable for a stdio server (repeatable), e.g. API_TOKEN=...: its value is"
              + " masked as [REDACTED] everywhere in the output (reason, server info, tools).")
  Map<String, String> secretEnvironment = new LinkedHashMap<>();

  @Option(
      names = "--header",
      paramLabel = "NAME=VALUE",
      description =
          "An HTTP header (repeatable), e.g. Authorization='Bearer ...'. Every header is a"
              + " credential: sent only to the origin (scheme, host, port) of the URL given, never"
              + " after a redirect to another origin, and its value (also without a Bearer or"
              + " Basic prefix) is masked as [REDACTED] in all output.")
  Map<String, String> headers = new LinkedHashMap<>();

  @Option(
      names = "--client-capabilities",
      paramLabel = "LIST",
      defaultValue = ClientCapabilities.ALL,
      description =
          "Client capabilities announced to the server: all (roots, sampling, elicitation, as a"
              + " full client does), none, or a comma-separated list (default: ${DEFAULT-VALUE})."
              + " Announced or not, no server request is honoured: roots/list gets an empty"
              + " list, sampling is refused, elicitation declined; the first "
              + ClientCapabilities.MAX_ANSWERED_SERVER_REQUESTS
              + " are answered, the rest ignored.")
  String clientCapabilities;

  @Parameters(
      arity = "1..*",
      paramLabel = "URL | -- COMMAND ARGS",
      description = "An http(s) URL, or after -- the command that starts a stdio server.")
  List<String> target;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ProbeTarget probeTarget;
    ClientCapabilities announced;
    try {
      probeTarget = target();
      announced = ClientCapabilities.parse(clientCapabilities);
    } catch (IllegalArgumentException e) {
      err.println("mcprisk probe: " + e.getMessage());
      return Main.EXIT_USAGE;
    }
    ProbeOptions options =
        ProbeOptions.defaults()
            .withAllowPrivateNetwork(allowPrivateNetwork)
            .withNoSandbox(noSandbox)
            .withClientCapabilities(announced);
    ProbeResult result = McpProbe.probe(probeTarget, options);
    Classifier classifier = Classifier.loadDefault();
    CrawlOutcome outcome = result.outcome();
    ServerContext context =
        new ServerContext(
            Json.text(outcome.serverInfo(), "name"),
            Json.text(outcome.serverInfo(), "description"));
    List<Assessment> assessments = new ArrayList<>();
    for (ToolDefinition tool : outcome.tools()) {
      assessments.add(classifier.classify(tool, context));
    }
    out.print(
        json ? Json.writePretty(toJson(result, assessments)) + "\n" : text(result, assessments));
    out.flush();
    return result.exitCode();
  }

  private ProbeTarget target() {
    boolean looksLikeUrl =
        target.size() == 1
            && (target.get(0).startsWith("http://") || target.get(0).startsWith("https://"));
    if (looksLikeUrl) {
      if (!environment.isEmpty() || !secretEnvironment.isEmpty()) {
        throw new IllegalArgumentException(
            "--env and --secret-env are for a stdio command, not a URL");
      }
      ProbeTarget url =
          ProbeTarget.url(
              target.get(0),
              transport == null ? ProbeTransport.AUTO : ProbeTransport.parse(transport));
      for (Map.Entry<String, String> header : headers.entrySet()) {
        url = url.withHeader(header.getKey(), header.getValue(), true);
      }
      return url;
    }
    if (transport != null && ProbeTransport.parse(transport) != ProbeTransport.STDIO) {
      throw new IllegalArgumentException(
          "--transport " + transport + " needs a URL, not a command");
    }
    List<String> command = new ArrayList<>();
    for (String arg : target) {
      command.add(realPathIfFile(arg));
    }
    if (!headers.isEmpty()) {
      throw new IllegalArgumentException("--header is for a URL, not a stdio command");
    }
    ProbeTarget stdio = ProbeTarget.command(command);
    for (Map.Entry<String, String> variable : environment.entrySet()) {
      stdio = stdio.withEnvironment(variable.getKey(), variable.getValue(), false);
    }
    for (Map.Entry<String, String> variable : secretEnvironment.entrySet()) {
      stdio = stdio.withEnvironment(variable.getKey(), variable.getValue(), true);
    }
    return stdio;
  }

  /**
   * An argument naming an existing file or folder, as its real absolute path: the sandbox binds
   * real paths, so a relative path or one through a symbolic link would not be found inside it.
   */
  private static String realPathIfFile(String arg) {
    if (!arg.contains("/")) {
      return arg;
    }
    try {
      Path path = Path.of(arg);
      return Files.exists(path) ? path.toRealPath().toString() : arg;
    } catch (IOException | RuntimeException e) {
      return arg;
    }
  }

  static ObjectNode toJson(ProbeResult result, List<Assessment> assessments) {
    CrawlOutcome o = result.outcome();
    ObjectNode root = Json.object();
    root.put("status", o.status().name());
    root.put("reason", o.reason());
    root.put("truncated", result.truncated());
    root.set("server", o.serverInfo());
    root.put("protocolVersion", o.protocolVersion());
    root.put("method", o.method());
    root.put("durationMs", o.durationMs());
    root.put("bytesRead", o.bytesRead());
    root.put("prompts", result.prompts());
    root.put("resources", result.resources());
    root.put("resourceTemplates", result.resourceTemplates());
    if (result.authResourceMetadata() != null || !result.authScopes().isEmpty()) {
      ObjectNode auth = root.putObject("auth");
      auth.put("resourceMetadata", result.authResourceMetadata());
      auth.set("scopes", Json.MAPPER.valueToTree(result.authScopes()));
    }
    root.set("clientCapabilities", o.clientCapabilities());
    root.set("serverRequests", Json.MAPPER.valueToTree(o.serverRequests()));
    ArrayNode tools = root.putArray("tools");
    for (int i = 0; i < o.tools().size(); i++) {
      ObjectNode tool = o.tools().get(i).json().deepCopy();
      tool.set("assessment", Json.MAPPER.valueToTree(assessments.get(i)));
      tools.add(tool);
    }
    return root;
  }

  static String text(ProbeResult result, List<Assessment> assessments) {
    CrawlOutcome o = result.outcome();
    StringBuilder out = new StringBuilder();
    out.append(o.status())
        .append(result.truncated() ? " (truncated)" : "")
        .append("  ")
        .append(Terminal.safe(o.serverId()))
        .append("  via ")
        .append(o.method())
        .append(o.protocolVersion() == null ? "" : ", protocol " + o.protocolVersion())
        .append(", ")
        .append(o.durationMs())
        .append(" ms, ")
        .append(o.bytesRead())
        .append(" bytes\n");
    if (!o.reason().isBlank()) {
      out.append("reason: ").append(Terminal.safe(o.reason())).append('\n');
    }
    if (result.authResourceMetadata() != null || !result.authScopes().isEmpty()) {
      out.append("auth: resource metadata ")
          .append(Terminal.safe(String.valueOf(result.authResourceMetadata())))
          .append(", scopes ")
          .append(Terminal.safe(String.join(" ", result.authScopes())))
          .append('\n');
    }
    if (o.clientCapabilities() != null) {
      List<String> names = new ArrayList<>();
      o.clientCapabilities().fieldNames().forEachRemaining(names::add);
      out.append("client capabilities announced: ")
          .append(names.isEmpty() ? "none" : String.join(", ", names))
          .append('\n');
    }
    if (!o.serverRequests().isEmpty()) {
      List<String> counts = new ArrayList<>();
      o.serverRequests().forEach((method, count) -> counts.add(method + " " + count));
      out.append("server requests (none acted on): ")
          .append(String.join(", ", counts))
          .append('\n');
    }
    out.append(o.tools().size()).append(" tools\n");
    for (int i = 0; i < o.tools().size(); i++) {
      Assessment a = assessments.get(i);
      out.append(
          String.format(
              "  %-8s %-11s %3d  %s%n",
              a.riskLevel(), a.category(), a.score(), Terminal.safe(o.tools().get(i).name())));
      out.append("      ").append(Terminal.safe(a.rationale())).append('\n');
    }
    return out.toString();
  }
}
