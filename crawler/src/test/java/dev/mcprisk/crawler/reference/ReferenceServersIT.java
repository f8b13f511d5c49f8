package dev.mcprisk.crawler.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcprisk.crawler.mcp.CrawlLimits;
import dev.mcprisk.crawler.mcp.Sandbox;
import dev.mcprisk.crawler.mcp.StdioMcpClient;
import dev.mcprisk.crawler.mcp.StdioServerSpec;
import dev.mcprisk.model.CrawlOutcome;
import dev.mcprisk.model.CrawlStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crawls the four real, pinned reference servers inside bubblewrap, from the folder named by {@code
 * $MCPRISK_TEST_SERVERS} (installed there with {@code npm ci} from the bundled manifests). Expected
 * counts: those of the pinned versions, with the default client capabilities (roots, sampling,
 * elicitation: server-everything lists 16 tools, 13 to a client announcing none).
 */
class ReferenceServersIT {

  private static final Map<String, Integer> EXPECTED_TOOLS =
      Map.of(
          "npm:@modelcontextprotocol/server-everything", 16,
          "npm:@modelcontextprotocol/server-filesystem", 14,
          "npm:@modelcontextprotocol/server-memory", 9,
          "npm:@modelcontextprotocol/server-sequential-thinking", 1);

  @TempDir Path scratch;

  @Test
  void listsTheExactToolsOfEveryPinnedReferenceServerInTheSandbox() {
    String dir = System.getenv("MCPRISK_TEST_SERVERS");
    skipUnless(dir != null && !dir.isBlank(), "MCPRISK_TEST_SERVERS is not set");
    Path servers = Path.of(dir);
    InstallResult installed = ReferenceServers.ensureInstalled(servers, false);
    skipUnless(installed.ok(), installed.reason());
    skipUnless(ReferenceServers.findNode().isPresent(), "node is not on PATH");
    Sandbox sandbox = Sandbox.detect();
    skipUnless(sandbox.available(), String.valueOf(sandbox.unavailableReason()));

    List<StdioServerSpec> specs = ReferenceServers.specs(servers, scratch);
    Map<String, Integer> counts =
        specs.stream()
            .map(spec -> crawl(spec, sandbox))
            .collect(Collectors.toMap(CrawlOutcome::serverId, o -> o.tools().size()));

    assertEquals(EXPECTED_TOOLS, counts);
  }

  private static CrawlOutcome crawl(StdioServerSpec spec, Sandbox sandbox) {
    CrawlOutcome outcome = StdioMcpClient.crawl(spec, CrawlLimits.defaults(), sandbox);
    System.out.printf(
        "crawled %s: %s, %d tools, %d page(s), protocol %s, %d ms, %d bytes%n",
        spec.serverId(),
        outcome.status(),
        outcome.tools().size(),
        outcome.pages(),
        outcome.protocolVersion(),
        outcome.durationMs(),
        outcome.bytesRead());
    assertEquals(CrawlStatus.OK, outcome.status(), spec.serverId() + ": " + outcome.reason());
    assertTrue(outcome.reason().isEmpty(), outcome.reason());
    return outcome;
  }

  private static void skipUnless(boolean condition, String why) {
    if (!condition) {
      System.out.println("SKIPPED ReferenceServersIT: " + why);
    }
    Assumptions.assumeTrue(condition, why);
  }
}
