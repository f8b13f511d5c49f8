package dev.mcprisk.crawler.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcprisk.crawler.reference.ReferenceServers;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.CrawlOutcome;
import dev.mcprisk.model.CrawlStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Stdio servers that repeat what they were given (src/test/resources/mcp/echo-server.js): a secret
 * echoed in serverInfo and tools never reaches the outcome, and what a server printed on stdout and
 * stderr before it exited is quoted in the reason. Runs inside bubblewrap.
 */
class StdioEchoIT {

  private static final CrawlLimits FAST =
      new CrawlLimits(
          Duration.ofSeconds(10),
          Duration.ofSeconds(5),
          Duration.ofSeconds(20),
          64 * 1024,
          1024 * 1024,
          100,
          10_000);

  private static Path node;
  private static Path script;
  private static Sandbox sandbox;

  @BeforeAll
  static void findRuntime() throws Exception {
    Optional<Path> found = ReferenceServers.findNode();
    if (found.isEmpty()) {
      System.out.println("SKIPPED StdioEchoIT: node is not on PATH");
    }
    Assumptions.assumeTrue(found.isPresent(), "node is not on PATH");
    sandbox = Sandbox.detect();
    if (!sandbox.available()) {
      System.out.println("SKIPPED StdioEchoIT: " + sandbox.unavailableReason());
    }
    Assumptions.assumeTrue(sandbox.available(), sandbox.unavailableReason());
    node = found.get().toRealPath();
    script = Path.of(StdioEchoIT.class.getResource("/mcp/echo-server.js").toURI());
  }

  @Test
  void aSecretEchoedInServerInfoInstructionsAndToolsIsMaskedInTheOutcome() {
    CrawlOutcome outcome =
        StdioMcpClient.crawl(
            spec("echo", Map.of("TOKEN", "tok-env-9911", "ENABLE_LOGGING", "true")),
            FAST,
            sandbox,
            Set.of("tok-env-9911"));

    assertEquals(CrawlStatus.OK, outcome.status(), outcome.reason());
    assertEquals("echo [REDACTED]", outcome.serverInfo().get("name").asText());
    assertEquals("call with [REDACTED]", outcome.instructions());
    assertEquals("tool_[REDACTED]_true", outcome.tools().get(0).name());
    assertEquals("TOKEN=[REDACTED] ENABLE_LOGGING=true", outcome.tools().get(0).description());
    String all =
        outcome.reason()
            + Json.write(outcome.serverInfo())
            + Json.write(outcome.tools().get(0).json());
    assertFalse(all.contains("tok-env-9911"), all);
  }

  @Test
  void aServerThatPrintsUsageOnStdoutAndExits0IsQuotedInTheReason() {
    CrawlOutcome outcome = StdioMcpClient.crawl(spec("usage", Map.of()), FAST, sandbox);

    assertEquals(CrawlStatus.PROCESS_EXITED, outcome.status(), outcome.reason());
    assertTrue(outcome.reason().contains("exited with code 0"), outcome.reason());
    assertTrue(
        outcome
            .reason()
            .contains(
                "stdout: Usage: echo-server <command>\n  start   run the MCP server on stdio"),
        outcome.reason());
    assertTrue(outcome.reason().contains("stderr: no command given"), outcome.reason());
  }

  @Test
  void theStdoutTailIsBoundedAndSanitised() {
    StdioServerSpec spec =
        new StdioServerSpec(
            "test:chatty",
            List.of(
                node.toString(),
                "-e",
                "process.stdout.write(('x'.repeat(999) + '\\n').repeat(20));"
                    + " process.stdout.write('\\u001b[31mred\\u0007 end\\u202e\\n');"
                    + " process.exit(0)"),
            Map.of(),
            null,
            List.of(),
            List.of());

    CrawlOutcome outcome = StdioMcpClient.crawl(spec, FAST, sandbox);

    assertEquals(CrawlStatus.PROCESS_EXITED, outcome.status(), outcome.reason());
    assertTrue(outcome.reason().contains("; stdout: ...xxx"), outcome.reason());
    assertTrue(outcome.reason().endsWith("x\nred\\u0007 end\\u202E"), outcome.reason());
    assertTrue(
        outcome.reason().length() < StdioConnection.STDOUT_TAIL_BYTES + 200,
        outcome.reason().length() + " chars");
  }

  private static StdioServerSpec spec(String behaviour, Map<String, String> environment) {
    return new StdioServerSpec(
        "test:echo-" + behaviour,
        List.of(node.toString(), script.toString(), behaviour),
        environment,
        null,
        List.of(script.getParent()),
        List.of());
  }
}
