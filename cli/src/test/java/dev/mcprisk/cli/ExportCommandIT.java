package dev.mcprisk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcprisk.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mcprisk export} and {@code mcprisk policy validate} through the real jar. */
class ExportCommandIT {
  @TempDir static Path home;
  @TempDir Path out;

  @BeforeAll
  static void runPipeline() throws Exception {
    CliProcess.Result result = CliProcess.run("run", "--offline", "--home", home.toString());
    assertEquals(0, result.exitCode(), result.stderr());
  }

  @Test
  void runWritesEveryFormatAndEveryInterceptFileValidates() throws Exception {
    Path export = home.resolve("export");
    assertTrue(Files.isRegularFile(export.resolve("catalogue.ndjson")));
    List<String> args = new ArrayList<>(List.of("policy", "validate"));
    try (Stream<Path> files = Files.list(export.resolve("intercept"))) {
      files.forEach(f -> args.add(f.toString()));
    }
    assertEquals(RunCommandIT.SERVERS_WITH_TOOLS + 2, args.size());
    CliProcess.Result result = CliProcess.run(args.toArray(String[]::new));
    assertEquals(0, result.exitCode(), result.stdout());
    assertEquals(RunCommandIT.SERVERS_WITH_TOOLS, result.stdout().lines().count());
  }

  @Test
  void strictProfileInterceptExportCountsRulesByKind() throws Exception {
    CliProcess.Result result =
        CliProcess.run(
            "export",
            "--format",
            "intercept",
            "--profile",
            "strict",
            "--out",
            out.toString(),
            "--home",
            home.toString());
    assertEquals(0, result.exitCode(), result.stderr());
    assertTrue(result.stdout().contains("rules: "), result.stdout());
    assertTrue(result.stdout().contains(" 0 allow"), "strict allows nothing: " + result.stdout());
    try (Stream<Path> files = Files.list(out)) {
      assertEquals(RunCommandIT.SERVERS_WITH_TOOLS, files.count());
    }
  }

  @Test
  void ndjsonHasAHeaderAndOneLinePerServer() throws Exception {
    Path file = out.resolve("catalogue.ndjson");
    CliProcess.Result result =
        CliProcess.run(
            "export", "--format", "ndjson", "--out", file.toString(), "--home", home.toString());
    assertEquals(0, result.exitCode(), result.stderr());
    List<String> lines = Files.readAllLines(file);
    assertEquals(1 + RunCommandIT.SERVERS, lines.size());
    assertEquals("1", Json.parse(lines.get(0)).get("schemaVersion").asText());
  }

  @Test
  void oneServerWithMinRisk() throws Exception {
    Path file = out.resolve("memory.json");
    CliProcess.Result result =
        CliProcess.run(
            "export",
            "--format",
            "catalogue",
            "--server",
            "npm:@modelcontextprotocol/server-memory",
            "--min-risk",
            "Critical",
            "--out",
            file.toString(),
            "--home",
            home.toString());
    assertEquals(0, result.exitCode(), result.stderr());
    var servers = Json.parse(Files.readString(file)).get("servers");
    assertEquals(1, servers.size());
    servers
        .get(0)
        .get("tools")
        .forEach(t -> assertEquals("Critical", t.get("assessment").get("riskLevel").asText()));
  }

  @Test
  void unknownServerFailsAndBadFormatIsAUsageError() throws Exception {
    assertEquals(
        1,
        CliProcess.run(
                "export",
                "--format",
                "catalogue",
                "--server",
                "nope",
                "--out",
                out.resolve("x.json").toString(),
                "--home",
                home.toString())
            .exitCode());
    assertEquals(
        2, CliProcess.run("export", "--format", "yaml", "--home", home.toString()).exitCode());
  }

  @Test
  void policyValidateReportsEveryViolationOfABadFile() throws Exception {
    Path bad = out.resolve("bad.yaml");
    Files.writeString(
        bad,
        "version: \"1\"\n"
            + "tools:\n"
            + "  create_issue:\n"
            + "    rules:\n"
            + "      - action: allow\n"
            + "        rate_limit: {max: 10, window: 60}\n"
            + "        validate: {required_args: true}\n");
    CliProcess.Result result = CliProcess.run("policy", "validate", bad.toString());
    assertEquals(1, result.exitCode());
    assertEquals(4, result.stdout().lines().count(), result.stdout());
    assertTrue(result.stdout().contains("unknown key"), result.stdout());
  }
}
