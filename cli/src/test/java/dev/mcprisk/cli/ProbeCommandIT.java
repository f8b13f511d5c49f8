package dev.mcprisk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcprisk.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** {@code mcprisk probe} through the real jar. */
class ProbeCommandIT {
  @Test
  void loopbackUrlIsBlockedUnlessAllowed() throws Exception {
    CliProcess.Result result = CliProcess.run("probe", "--json", "http://127.0.0.1:9/mcp");
    assertEquals(3, result.exitCode(), result.stderr());
    JsonNode json = Json.parse(result.stdout());
    assertEquals("BLOCKED", json.get("status").asText());
    assertTrue(json.get("reason").asText().contains("127.0.0.1"), result.stdout());
  }

  @Test
  void refusedConnectionWhenPrivateNetworkIsAllowed() throws Exception {
    CliProcess.Result result =
        CliProcess.run("probe", "--json", "--allow-private-network", "http://127.0.0.1:9/mcp");
    assertEquals(3, result.exitCode(), result.stderr());
    assertEquals("CONNECT_FAILED", Json.parse(result.stdout()).get("status").asText());
  }

  @Test
  void badTransportIsAUsageError() throws Exception {
    assertEquals(
        2, CliProcess.run("probe", "--transport", "ftp", "https://example.org/mcp").exitCode());
  }

  @Test
  void anUnknownClientCapabilityIsAUsageError() throws Exception {
    CliProcess.Result result =
        CliProcess.run("probe", "--client-capabilities", "roots,tasks", "https://example.org/mcp");
    assertEquals(2, result.exitCode());
    assertTrue(result.stderr().contains("unknown client capability 'tasks'"), result.stderr());
  }

  @Test
  void serverEverythingShowsSixteenToolsToAFullClientAndThirteenToNone() throws Exception {
    String servers = System.getenv("MCPRISK_TEST_SERVERS");
    Path everything =
        servers == null
            ? null
            : Path.of(
                servers, "node_modules/@modelcontextprotocol/server-everything/dist/index.js");
    if (everything == null
        || !Files.isRegularFile(everything)
        || !Files.isExecutable(Path.of("/usr/bin/bwrap"))) {
      String why =
          "SKIPPED ProbeCommandIT everything: needs bwrap and the reference servers in"
              + " $MCPRISK_TEST_SERVERS";
      System.out.println(why);
      Assumptions.assumeTrue(false, why);
    }
    CliProcess.Result full =
        CliProcess.run("probe", "--json", "--", "node", everything.toString(), "stdio");
    CliProcess.Result none =
        CliProcess.run(
            "probe",
            "--json",
            "--client-capabilities",
            "none",
            "--",
            "node",
            everything.toString(),
            "stdio");
    CliProcess.Result text = CliProcess.run("probe", "--", "node", everything.toString(), "stdio");

    assertEquals(0, full.exitCode(), full.stdout() + full.stderr());
    JsonNode fullJson = Json.parse(full.stdout());
    assertEquals(16, fullJson.get("tools").size());
    assertEquals(
        "{\"roots\":{\"listChanged\":true},\"sampling\":{},\"elicitation\":{}}",
        Json.write(fullJson.get("clientCapabilities")));
    assertTrue(fullJson.get("serverRequests").isObject(), full.stdout());
    assertEquals(0, none.exitCode(), none.stdout() + none.stderr());
    JsonNode noneJson = Json.parse(none.stdout());
    assertEquals(13, noneJson.get("tools").size());
    assertEquals("{}", Json.write(noneJson.get("clientCapabilities")));
    assertTrue(
        text.stdout().contains("client capabilities announced: roots, sampling, elicitation\n"),
        text.stdout());
    assertTrue(text.stdout().contains("\n16 tools\n"), text.stdout());
  }

  @Test
  void stdioReferenceServerIsCrawledSandboxedAndClassified() throws Exception {
    String servers = System.getenv("MCPRISK_TEST_SERVERS");
    Path memory =
        servers == null
            ? null
            : Path.of(servers, "node_modules/@modelcontextprotocol/server-memory/dist/index.js");
    if (memory == null
        || !Files.isRegularFile(memory)
        || !Files.isExecutable(Path.of("/usr/bin/bwrap"))) {
      String why =
          "SKIPPED ProbeCommandIT stdio: needs bwrap and the reference servers in"
              + " $MCPRISK_TEST_SERVERS";
      System.out.println(why);
      Assumptions.assumeTrue(false, why);
    }
    CliProcess.Result result = CliProcess.run("probe", "--json", "--", "node", memory.toString());
    assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
    JsonNode json = Json.parse(result.stdout());
    assertEquals("OK", json.get("status").asText());
    assertEquals(9, json.get("tools").size());
    for (JsonNode tool : json.get("tools")) {
      if (tool.get("name").asText().equals("delete_entities")) {
        assertEquals("Destructive", tool.get("assessment").get("category").asText());
      }
    }
  }

  @Test
  void aPlantedSecretNeverReachesTheOutput() throws Exception {
    String planted = "planted-s3cret-7f1c";
    String script =
        "process.stderr.write('auth failed for token=' + process.env.API_TOKEN + '\\n');"
            + " process.exit(3)";
    for (boolean json : new boolean[] {true, false}) {
      CliProcess.Result result =
          json
              ? CliProcess.run(
                  "probe",
                  "--json",
                  "--no-sandbox",
                  "--secret-env",
                  "API_TOKEN=" + planted,
                  "--",
                  "node",
                  "-e",
                  script)
              : CliProcess.run(
                  "probe",
                  "--no-sandbox",
                  "--secret-env",
                  "API_TOKEN=" + planted,
                  "--",
                  "node",
                  "-e",
                  script);
      assertEquals(3, result.exitCode(), result.stdout() + result.stderr());
      assertTrue(result.stdout().contains("PROCESS_EXITED"), result.stdout());
      assertTrue(result.stdout().contains("[REDACTED]"), "the value is masked: " + result.stdout());
      assertFalse(result.stdout().contains(planted), result.stdout());
      assertFalse(result.stderr().contains(planted), result.stderr());
    }
  }

  @Test
  void aSecretHeaderNeverReachesTheOutput() throws Exception {
    String planted = "Bearer planted-h3ader";
    CliProcess.Result result =
        CliProcess.run(
            "probe", "--json", "--header", "Authorization=" + planted, "http://127.0.0.1:9/mcp");
    assertEquals(3, result.exitCode());
    assertFalse(result.stdout().contains("planted-h3ader"), result.stdout());
    assertFalse(result.stderr().contains("planted-h3ader"), result.stderr());
  }
}
