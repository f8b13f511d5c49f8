package dev.mcprisk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcprisk.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands run in-process, their output captured through picocli's writers. */
class MainTest {
  private static final String NL = System.lineSeparator();

  @TempDir Path home;

  @Test
  void helpGoesToTheOutWriter() {
    InProcessCli.Result result = InProcessCli.run("search", "--help");
    assertEquals(0, result.exitCode());
    assertTrue(result.stdout().startsWith("Usage: mcprisk search"), result.stdout());
    assertEquals("", result.stderr());
  }

  @Test
  void noSubcommandIsAUsageErrorOnTheErrWriter() {
    InProcessCli.Result result = InProcessCli.run();
    assertEquals(Main.EXIT_USAGE, result.exitCode());
    assertTrue(result.stderr().startsWith("a subcommand is required" + NL), result.stderr());
    assertEquals("", result.stdout());
  }

  @Test
  void aSizeThatIsNotPositiveIsAUsageErrorNamingOptionAndValue() {
    InProcessCli.Result result =
        InProcessCli.run("run", "--home", home.toString(), "--crawl-max-bytes", "0MiB");
    assertEquals(Main.EXIT_USAGE, result.exitCode());
    assertTrue(
        result
            .stderr()
            .startsWith(
                "Invalid value for option '--crawl-max-bytes': 0MiB is not a positive size"
                    + " (e.g. 256MiB, 1GiB, 1048576)"
                    + NL),
        result.stderr());
    assertEquals("", result.stdout());
  }

  @Test
  void aDurationWithoutAUnitIsAUsageError() {
    InProcessCli.Result result =
        InProcessCli.run("crawl", "--home", home.toString(), "--crawl-max-time", "15");
    assertEquals(Main.EXIT_USAGE, result.exitCode());
    assertTrue(
        result
            .stderr()
            .startsWith(
                "Invalid value for option '--crawl-max-time': 15 is not a positive duration"
                    + " (e.g. 90s, 15m, 2h)"
                    + NL),
        result.stderr());
  }

  @Test
  void searchWithoutAnIndexExplainsOnTheErrWriter() {
    InProcessCli.Result result = InProcessCli.run("search", "delete", "--home", home.toString());
    assertEquals(Main.EXIT_FAILURE, result.exitCode());
    assertEquals(
        "mcprisk: no index at "
            + home.toAbsolutePath().normalize().resolve("index")
            + ": run `mcprisk run` first (or pass --home)"
            + NL,
        result.stderr());
    assertEquals("", result.stdout());
  }

  @Test
  void runsOfAnEmptyHomeSayNoneOnTheOutWriter() {
    InProcessCli.Result result = InProcessCli.run("runs", "--home", home.toString());
    assertEquals(Main.EXIT_OK, result.exitCode(), result.stderr());
    assertEquals("no runs recorded yet" + NL, result.stdout());
  }

  @Test
  void aBadLimitIsAUsageErrorOnTheErrWriter() {
    InProcessCli.Result result =
        InProcessCli.run("crawl-log", "--home", home.toString(), "--limit", "0");
    assertEquals(Main.EXIT_USAGE, result.exitCode());
    assertEquals("mcprisk: --limit must be positive, not 0" + NL, result.stderr());
    assertEquals("", result.stdout());
  }

  @Test
  void classifyWritesJsonLinesToTheOutWriterAndBadLinesToTheErrWriter() throws Exception {
    Path input = home.resolve("tools.jsonl");
    Files.writeString(
        input,
        "{\"name\": \"delete_file\", \"description\": \"Deletes a file — for good.\"}\n"
            + "not json\n",
        StandardCharsets.UTF_8);
    InProcessCli.Result result = InProcessCli.run("classify", "--input", input.toString());
    assertEquals(Main.EXIT_FAILURE, result.exitCode());
    List<String> lines = result.stdout().lines().toList();
    assertEquals(1, lines.size(), result.stdout());
    assertEquals("delete_file", Json.parse(lines.get(0)).get("name").asText());
    assertEquals("Destructive", Json.parse(lines.get(0)).get("category").asText());
    assertTrue(result.stderr().startsWith("mcprisk classify: line 2: not JSON ("), result.stderr());
  }

  @Test
  void aFailureTheCommandThrowsIsOneLineOnTheErrWriter() {
    InProcessCli.Result result =
        InProcessCli.run("classify", "--input", home.resolve("absent.jsonl").toString());
    assertEquals(Main.EXIT_FAILURE, result.exitCode());
    assertEquals(
        "mcprisk: cannot read --input " + home.resolve("absent.jsonl") + ": no such file" + NL,
        result.stderr());
  }

  @Test
  void policyValidateReportsEachFileOnTheOutWriter() throws Exception {
    Path file = home.resolve("bad.yaml");
    Files.writeString(file, "version: \"2\"\n", StandardCharsets.UTF_8);
    InProcessCli.Result result = InProcessCli.run("policy", "validate", file.toString());
    assertEquals(Main.EXIT_FAILURE, result.exitCode());
    assertTrue(result.stdout().startsWith(file + ": "), result.stdout());
    assertEquals("", result.stderr());
  }
}
