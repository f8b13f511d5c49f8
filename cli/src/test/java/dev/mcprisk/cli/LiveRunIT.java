package dev.mcprisk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcprisk.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mcprisk run} with the live stdio crawl of the four pinned reference servers, sandboxed
 * with bubblewrap. Needs node, bwrap and the servers installed by {@code
 * scripts/install-mcp-servers} (done by .ci/run); skipped with a message otherwise.
 */
class LiveRunIT {
  /**
   * Tools listed live with the default client capabilities (roots, sampling, elicitation):
   * everything 16 (13 to a client announcing none), filesystem 14, memory 9, thinking 1.
   */
  static final int LIVE_TOOLS = 16 + 14 + 9 + 1;

  @TempDir Path home;

  @Test
  void liveCrawlReplacesRecordedAnswersOfTheReferenceServers() throws Exception {
    String servers = System.getenv("MCPRISK_TEST_SERVERS");
    boolean installed =
        servers != null
            && Files.isDirectory(
                Path.of(servers, "node_modules/@modelcontextprotocol/server-memory"));
    boolean tools = onPath("node") && onPath("bwrap");
    if (!installed || !tools) {
      String why =
          "SKIPPED LiveRunIT: needs node, bwrap and the reference servers in $MCPRISK_TEST_SERVERS"
              + " (run scripts/install-mcp-servers); servers="
              + servers
              + " installed="
              + installed
              + " node+bwrap="
              + tools;
      System.out.println(why);
      Assumptions.assumeTrue(false, why);
    }
    CliProcess.Result result =
        CliProcess.run(
            Map.of("MCPRISK_SERVERS_DIR", servers), "run", "--home", home.toString(), "--json");
    assertEquals(0, result.exitCode(), result.stderr());
    JsonNode summary = Json.parse(result.stdout());
    assertEquals(LIVE_TOOLS, summary.get("toolsByOrigin").get("live").asInt(), result.stdout());
    for (JsonNode failure : summary.get("failures")) {
      assertEquals("REJECTED", failure.get("status").asText(), "no live failure: " + failure);
    }
    assertTrue(
        summary.get("notes").toString().indexOf("skipped") < 0, summary.get("notes").toString());
    assertEquals(0, summary.get("changes").asInt(), "a live answer replaces the recorded one");

    CliProcess.Result again =
        CliProcess.run(
            Map.of("MCPRISK_SERVERS_DIR", servers), "run", "--home", home.toString(), "--json");
    assertEquals(0, again.exitCode(), again.stderr());
    JsonNode second = Json.parse(again.stdout());
    assertEquals(0, second.get("changes").asInt(), "an unchanged nightly run logs no changes");
    assertEquals(LIVE_TOOLS, second.get("toolsByOrigin").get("live").asInt());
  }

  @Test
  void aRunAnnouncingNoClientCapabilitiesListsThreeToolsFewer() throws Exception {
    String servers = System.getenv("MCPRISK_TEST_SERVERS");
    boolean installed =
        servers != null
            && Files.isDirectory(
                Path.of(servers, "node_modules/@modelcontextprotocol/server-everything"));
    if (!installed || !onPath("node") || !onPath("bwrap")) {
      String why = "SKIPPED LiveRunIT: needs node, bwrap and the reference servers";
      System.out.println(why);
      Assumptions.assumeTrue(false, why);
    }
    CliProcess.Result result =
        CliProcess.run(
            Map.of("MCPRISK_SERVERS_DIR", servers),
            "run",
            "--client-capabilities",
            "none",
            "--home",
            home.toString(),
            "--json");
    assertEquals(0, result.exitCode(), result.stderr());
    JsonNode summary = Json.parse(result.stdout());
    assertEquals(LIVE_TOOLS - 3, summary.get("toolsByOrigin").get("live").asInt(), result.stdout());
  }

  @Test
  void anUnknownClientCapabilityIsAUsageError() throws Exception {
    CliProcess.Result result =
        CliProcess.run(
            "run", "--offline", "--client-capabilities", "sampling,x", "--home", home.toString());
    assertEquals(2, result.exitCode());
    assertTrue(
        result.stderr().contains("--client-capabilities: unknown client capability 'x'"),
        result.stderr());
  }

  private static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}
