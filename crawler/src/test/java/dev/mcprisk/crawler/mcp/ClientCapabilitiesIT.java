package dev.mcprisk.crawler.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcprisk.crawler.reference.ReferenceServers;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.CrawlOutcome;
import dev.mcprisk.model.CrawlStatus;
import dev.mcprisk.model.ToolDefinition;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the client announces in {@code initialize} and how it answers the requests a server sends
 * back, against real node processes in the sandbox: the pinned {@code server-everything} from
 * {@code $MCPRISK_TEST_SERVERS} (which registers three tools only for a client announcing roots,
 * sampling and elicitation, and asks such a client for its roots 350 ms after initialization), and
 * src/test/resources/mcp/demanding-server.js, which asks for roots, a model sample, user input and
 * a file, and floods pings.
 */
class ClientCapabilitiesIT {

  /** What {@link ClientCapabilities#full()} announces for 2025-06-18, the version offered. */
  private static final String FULL_2025_06_18 =
      "{\"roots\":{\"listChanged\":true},\"sampling\":{},\"elicitation\":{}}";

  private static Path node;
  private static Path everything;
  private static Path scripts;
  private static Sandbox sandbox;

  @TempDir Path scratch;

  @BeforeAll
  static void find() throws URISyntaxException {
    Optional<Path> found = ReferenceServers.findNode();
    skipUnless(found.isPresent(), "node is not on PATH");
    sandbox = Sandbox.detect();
    skipUnless(sandbox.available(), String.valueOf(sandbox.unavailableReason()));
    node = realPath(found.get());
    scripts =
        Path.of(ClientCapabilitiesIT.class.getResource("/mcp/demanding-server.js").toURI())
            .getParent();
    String dir = System.getenv("MCPRISK_TEST_SERVERS");
    if (dir != null && !dir.isBlank()) {
      Path script =
          Path.of(
              dir,
              "node_modules",
              "@modelcontextprotocol",
              "server-everything",
              "dist",
              "index.js");
      everything = Files.isRegularFile(script) ? realPath(script) : null;
    }
  }

  @Test
  void serverEverythingListsSixteenToolsToAFullClient() {
    ProbeResult result = probeEverything(ProbeOptions.defaults());

    assertEquals(CrawlStatus.OK, result.status(), result.outcome().reason());
    List<String> names = result.outcome().tools().stream().map(ToolDefinition::name).toList();
    assertEquals(16, names.size(), names.toString());
    assertTrue(names.contains("get-roots-list"), names.toString());
    assertTrue(names.contains("trigger-sampling-request"), names.toString());
    assertTrue(names.contains("trigger-elicitation-request"), names.toString());
    assertEquals(FULL_2025_06_18, Json.write(result.outcome().clientCapabilities()));
  }

  @Test
  void serverEverythingListsThirteenToolsWhenNothingIsAnnounced() {
    ProbeResult result =
        probeEverything(ProbeOptions.defaults().withClientCapabilities(ClientCapabilities.none()));

    assertEquals(CrawlStatus.OK, result.status(), result.outcome().reason());
    assertEquals(13, result.outcome().tools().size());
    assertEquals("{}", Json.write(result.outcome().clientCapabilities()));
    assertEquals(Map.of(), result.outcome().serverRequests());
  }

  @Test
  void serverEverythingsRootsRequestGetsAnEmptyList() throws Exception {
    skipUnless(everything != null, "server-everything is not installed in $MCPRISK_TEST_SERVERS");
    Path answers = Files.createDirectories(scratch.resolve("answers"));
    StdioServerSpec spec =
        new StdioServerSpec(
            "test:everything-behind-a-slow-proxy",
            List.of(
                node.toString(),
                scripts.resolve("slow-proxy.js").toString(),
                "1500",
                answers.toString(),
                "node",
                everything.toString(),
                "stdio"),
            Map.of(),
            null,
            List.of(scripts, installRoot(node), installRoot(everything)),
            List.of(answers));

    ProbeResult result =
        StdioMcpClient.probe(spec, CrawlLimits.defaults(), sandbox, ClientCapabilities.full());

    CrawlOutcome outcome = result.outcome();
    assertEquals(CrawlStatus.OK, outcome.status(), outcome.reason());
    assertEquals(16, outcome.tools().size());
    assertEquals(Map.of("roots/list", 1), outcome.serverRequests());
    List<String> lines =
        Files.readAllLines(answers.resolve("client-answers.jsonl"), StandardCharsets.UTF_8);
    assertEquals(1, lines.size(), lines.toString());
    JsonNode answer = Json.parse(lines.get(0));
    assertEquals("{\"roots\":[]}", Json.write(answer.get("result")), lines.get(0));
    assertTrue(answer.get("error") == null, lines.get(0));
  }

  @Test
  void aDemandingServerIsRefusedEverythingAndTheFloodIsCut() throws Exception {
    ProbeResult result = demanding(ClientCapabilities.full(), "146");

    CrawlOutcome outcome = result.outcome();
    assertEquals(CrawlStatus.OK, outcome.status(), outcome.reason());
    assertEquals(2, outcome.tools().size());
    assertEquals(FULL_2025_06_18, description(outcome, "capabilities"));
    JsonNode answers = Json.parse(description(outcome, "answers"));
    assertEquals("{\"result\":{\"roots\":[]}}", Json.write(answers.get("roots/list")));
    assertEquals(
        "{\"error\":{\"code\":-1,\"message\":\"User rejected sampling request\"}}",
        Json.write(answers.get("sampling/createMessage")));
    assertEquals(
        "{\"result\":{\"action\":\"decline\"}}", Json.write(answers.get("elicitation/create")));
    assertEquals(-32601, answers.get("files/read").get("error").get("code").asInt());
    assertEquals(
        ClientCapabilities.MAX_ANSWERED_SERVER_REQUESTS - 4, answers.get("pingsAnswered").asInt());
    assertEquals(
        Map.of(
            "elicitation/create", 1,
            "other", 1,
            "ping", 146,
            "roots/list", 1,
            "sampling/createMessage", 1),
        outcome.serverRequests());
    assertTrue(
        outcome
            .reason()
            .contains("answered the server's first 100 requests; 50 more left unanswered"),
        outcome.reason());
    assertEquals(FULL_2025_06_18, Json.write(outcome.clientCapabilities()));
  }

  @Test
  void aClientAnnouncingNothingAnswersEveryRequestMethodNotFound() throws Exception {
    ProbeResult result = demanding(ClientCapabilities.none(), "0");

    CrawlOutcome outcome = result.outcome();
    assertEquals(CrawlStatus.OK, outcome.status(), outcome.reason());
    assertEquals("{}", description(outcome, "capabilities"));
    JsonNode answers = Json.parse(description(outcome, "answers"));
    for (String method :
        List.of("roots/list", "sampling/createMessage", "elicitation/create", "files/read")) {
      assertEquals(-32601, answers.get(method).get("error").get("code").asInt(), method);
    }
    assertEquals("{}", Json.write(outcome.clientCapabilities()));
  }

  @Test
  void theAnnouncedCapabilitiesFollowTheVersionOffered() throws Exception {
    String roots = "{\"roots\":{\"listChanged\":true},\"sampling\":{}}";
    for (String version : List.of("2024-11-05", "2025-03-26")) {
      ProbeResult old = demanding(ClientCapabilities.full(), "0", version);
      assertEquals(CrawlStatus.OK, old.status(), old.outcome().reason());
      assertEquals(version, old.outcome().protocolVersion());
      assertEquals(roots, description(old.outcome(), "capabilities"), version);
      assertEquals(roots, Json.write(old.outcome().clientCapabilities()), version);
      JsonNode answers = Json.parse(description(old.outcome(), "answers"));
      assertEquals(
          -32601,
          answers.get("elicitation/create").get("error").get("code").asInt(),
          "elicitation is not announced in " + version);
    }
    ProbeResult newer = demanding(ClientCapabilities.full(), "0", "2025-11-25");
    ProbeResult modern = demanding(ClientCapabilities.full(), "modern");

    assertEquals(CrawlStatus.OK, newer.status(), newer.outcome().reason());
    assertEquals("2025-11-25", newer.outcome().protocolVersion());
    String urls =
        "{\"roots\":{\"listChanged\":true},\"sampling\":{},\"elicitation\":{\"form\":{},\"url\":{}}}";
    assertEquals(urls, description(newer.outcome(), "capabilities"));
    assertEquals(urls, Json.write(newer.outcome().clientCapabilities()));
    assertEquals(CrawlStatus.OK, modern.status(), modern.outcome().reason());
    assertEquals("2026-07-28", modern.outcome().protocolVersion());
    String stateless = "{\"roots\":{},\"sampling\":{},\"elicitation\":{\"form\":{},\"url\":{}}}";
    assertEquals(stateless, description(modern.outcome(), "capabilities"));
    assertEquals(stateless, Json.write(modern.outcome().clientCapabilities()));
  }

  // ---- helpers ----

  private ProbeResult probeEverything(ProbeOptions options) {
    skipUnless(everything != null, "server-everything is not installed in $MCPRISK_TEST_SERVERS");
    return McpProbe.probe(
        ProbeTarget.command(List.of(node.toString(), everything.toString(), "stdio"))
            .withReadOnlyPaths(List.of(installRoot(everything))),
        options);
  }

  private static ProbeResult demanding(ClientCapabilities capabilities, String... args) {
    List<String> command = new ArrayList<>();
    command.add(node.toString());
    command.add(scripts.resolve("demanding-server.js").toString());
    command.addAll(List.of(args));
    StdioServerSpec spec =
        new StdioServerSpec(
            "test:demanding",
            command,
            Map.of(),
            null,
            List.of(scripts, installRoot(node)),
            List.of());
    return StdioMcpClient.probe(spec, CrawlLimits.defaults(), sandbox, capabilities);
  }

  private static String description(CrawlOutcome outcome, String tool) {
    return outcome.tools().stream()
        .filter(t -> t.name().equals(tool))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no tool " + tool + " in " + outcome.tools()))
        .description();
  }

  /** The folder above the top-most {@code node_modules} holding {@code path}, else its parent. */
  private static Path installRoot(Path path) {
    Path root = null;
    for (Path p = path; p != null; p = p.getParent()) {
      if (p.getFileName() != null && p.getFileName().toString().equals("node_modules")) {
        root = p.getParent();
      }
    }
    if (root != null) {
      return root;
    }
    Path bin = path.getParent();
    return bin.getFileName().toString().equals("bin") ? bin.getParent() : bin;
  }

  private static Path realPath(Path path) {
    try {
      return path.toRealPath();
    } catch (java.io.IOException e) {
      return path;
    }
  }

  private static void skipUnless(boolean condition, String why) {
    if (!condition) {
      System.out.println("SKIPPED ClientCapabilitiesIT: " + why);
    }
    Assumptions.assumeTrue(condition, why);
  }
}
