package dev.mcprisk.crawler.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcprisk.crawler.reference.ReferenceServers;
import dev.mcprisk.model.CrawlStatus;
import dev.mcprisk.model.ToolDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Conformance with a second real server over Streamable HTTP: {@code @upstash/context7-mcp@4.1.1}
 * ({@code --transport http}), a real 2026-07-28 server: it answers {@code server/discover} with
 * {@code supportedVersions: ["2026-07-28"]}, so the crawl is stateless (no {@code initialize}, no
 * session). Installed by {@code scripts/install-mcp-servers} into {@code
 * $MCPRISK_TEST_SERVERS/test-servers}; skipped with a message when absent.
 */
class Context7HttpIT {
  @Test
  void aReal20260728ServerIsDiscoveredAndListsItsTools() throws Exception {
    String dir = System.getenv("MCPRISK_TEST_SERVERS");
    Path script =
        dir == null
            ? null
            : Path.of(dir, "test-servers/node_modules/@upstash/context7-mcp/dist/index.js");
    Optional<Path> node = ReferenceServers.findNode();
    if (script == null || !Files.isRegularFile(script) || node.isEmpty()) {
      String why =
          "SKIPPED Context7HttpIT: needs node and context7 in $MCPRISK_TEST_SERVERS/test-servers"
              + " (scripts/install-mcp-servers)";
      System.out.println(why);
      Assumptions.assumeTrue(false, why);
    }
    int port = LocalNodeServer.freePort();
    try (LocalNodeServer server =
        LocalNodeServer.start(
            List.of(
                node.get().toString(),
                script.toString(),
                "--transport",
                "http",
                "--port",
                Integer.toString(port)),
            Map.of(),
            port)) {
      ProbeResult result =
          McpProbe.probe(
              ProbeTarget.url(server.url("/mcp"), ProbeTransport.HTTP),
              ProbeOptions.defaults().withAllowPrivateNetwork(true));
      assertEquals(CrawlStatus.OK, result.status(), result.outcome().reason());
      assertEquals("streamable-http", result.outcome().method());
      assertEquals("2026-07-28", result.outcome().protocolVersion(), "answers server/discover");
      List<String> names = result.outcome().tools().stream().map(ToolDefinition::name).toList();
      assertEquals(List.of("resolve-library-id", "query-docs"), names);
      assertTrue(result.outcome().durationMs() < 10_000, result.outcome().durationMs() + " ms");
    }
    long running = ProcessHandle.current().descendants().filter(StdioConnection::running).count();
    assertEquals(0, running, "a process outlived its test");
  }
}
