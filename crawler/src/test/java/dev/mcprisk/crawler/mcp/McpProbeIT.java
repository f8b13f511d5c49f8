package dev.mcprisk.crawler.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcprisk.crawler.reference.ReferenceServers;
import dev.mcprisk.model.CrawlStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link McpProbe} against the real, pinned {@code server-everything} from {@code
 * $MCPRISK_TEST_SERVERS}: over Streamable HTTP ({@code streamableHttp} mode), over HTTP+SSE ({@code
 * sse} mode, directly and by {@code auto}'s fallback) and over stdio in the sandbox. The HTTP modes
 * bind every interface (the server has no host option); each test kills the server's process tree
 * and asserts none is left.
 */
class McpProbeIT {

  /**
   * Tools server-everything lists to a client announcing roots, sampling and elicitation (the
   * default): 16; 13 to a client announcing none.
   */
  private static final int EVERYTHING_TOOLS = 16;

  private static Path node;
  private static Path everything;

  @BeforeAll
  static void find() {
    String dir = System.getenv("MCPRISK_TEST_SERVERS");
    skipUnless(dir != null && !dir.isBlank(), "MCPRISK_TEST_SERVERS is not set");
    Path script =
        Path.of(
            dir, "node_modules", "@modelcontextprotocol", "server-everything", "dist", "index.js");
    skipUnless(Files.isRegularFile(script), "server-everything is not installed under " + dir);
    Optional<Path> found = ReferenceServers.findNode();
    skipUnless(found.isPresent(), "node is not on PATH");
    node = found.get();
    everything = script;
  }

  @Test
  void streamableHttpListsEverythingsToolsPromptsAndResources() throws Exception {
    try (LocalNodeServer server = Server.start("streamableHttp")) {
      Timed run = Timed.probe(ProbeTarget.url(server.url("/mcp"), ProbeTransport.AUTO));

      assertEquals(CrawlStatus.OK, run.result.status(), run.result.outcome().reason());
      assertEquals("streamable-http", run.result.outcome().method());
      assertEquals("2025-06-18", run.result.outcome().protocolVersion());
      assertEquals(EVERYTHING_TOOLS, run.result.outcome().tools().size());
      assertTrue(run.result.prompts() > 0, "prompts " + run.result.prompts());
      assertTrue(run.result.resources() > 0, "resources " + run.result.resources());
      assertTrue(run.result.resourceTemplates() >= 0);
      assertEquals(0, run.result.exitCode());
      run.print();
      assertTrue(run.millis < 10_000, "took " + run.millis + " ms");
    }
    assertNoProcessLeft();
  }

  @Test
  void httpPlusSseListsTheSameTools() throws Exception {
    try (LocalNodeServer server = Server.start("sse")) {
      Timed direct = Timed.probe(ProbeTarget.url(server.url("/sse"), ProbeTransport.SSE));
      Timed auto = Timed.probe(ProbeTarget.url(server.url("/sse"), ProbeTransport.AUTO));

      for (Timed run : List.of(direct, auto)) {
        assertEquals(CrawlStatus.OK, run.result.status(), run.result.outcome().reason());
        assertEquals("sse", run.result.outcome().method());
        assertEquals(EVERYTHING_TOOLS, run.result.outcome().tools().size());
        run.print();
        assertTrue(run.millis < 10_000, "took " + run.millis + " ms");
      }
    }
    assertNoProcessLeft();
  }

  @Test
  void aCommandIsProbedOverStdioInTheSandbox() {
    Sandbox sandbox = Sandbox.detect();
    skipUnless(sandbox.available(), String.valueOf(sandbox.unavailableReason()));

    Timed run =
        Timed.probe(
            ProbeTarget.command(List.of(node.toString(), everything.toString(), "stdio"))
                .withReadOnlyPaths(List.of(installRoot())));

    assertEquals(CrawlStatus.OK, run.result.status(), run.result.outcome().reason());
    assertEquals("stdio", run.result.outcome().method());
    assertEquals(EVERYTHING_TOOLS, run.result.outcome().tools().size());
    run.print();
    assertNoProcessLeft();
  }

  // ---- helpers ----

  private record Timed(ProbeResult result, long millis) {
    static Timed probe(ProbeTarget target) {
      ProbeOptions options = ProbeOptions.defaults().withAllowPrivateNetwork(true);
      long start = System.nanoTime();
      ProbeResult result = McpProbe.probe(target, options);
      return new Timed(result, (System.nanoTime() - start) / 1_000_000);
    }

    void print() {
      System.out.printf(
          "probed %s: %s over %s, protocol %s, %d tools, %d prompts, %d resources,"
              + " %d templates, %d ms, %d bytes%n",
          result.outcome().serverId(),
          result.status(),
          result.outcome().method(),
          result.outcome().protocolVersion(),
          result.outcome().tools().size(),
          result.prompts(),
          result.resources(),
          result.resourceTemplates(),
          millis,
          result.outcome().bytesRead());
    }
  }

  /** server-everything in an HTTP mode on a free port; closing kills its whole tree. */
  private static final class Server {
    private Server() {}

    static LocalNodeServer start(String mode) throws IOException, InterruptedException {
      int port = LocalNodeServer.freePort();
      return LocalNodeServer.start(
          List.of(node.toString(), everything.toString(), mode),
          Map.of("PORT", Integer.toString(port)),
          port);
    }
  }

  private static void assertNoProcessLeft() {
    long running = ProcessHandle.current().descendants().filter(StdioConnection::running).count();
    assertEquals(0, running, "a process outlived its test");
  }

  private static Path installRoot() {
    Path path = everything;
    while (path != null && !path.getFileName().toString().equals("node_modules")) {
      path = path.getParent();
    }
    return path == null ? everything.getParent() : path.getParent();
  }

  private static void skipUnless(boolean condition, String why) {
    if (!condition) {
      System.out.println("SKIPPED McpProbeIT: " + why);
    }
    Assumptions.assumeTrue(condition, why);
  }
}
