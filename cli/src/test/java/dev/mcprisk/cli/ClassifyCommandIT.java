package dev.mcprisk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcprisk.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mcprisk classify} through the real jar: golden tools, tools/list input, bad lines. */
class ClassifyCommandIT {
  /**
   * The three tools of the catalogue pages this project started from, with that catalogue's verdict
   * (all Execute, High).
   */
  static final Path GOLDEN = Path.of("../classifier/src/test/resources/golden/seed-tools.jsonl");

  @TempDir Path dir;

  @Test
  void goldenSeedToolsComeOutExecuteHigh() throws Exception {
    CliProcess.Result result = CliProcess.run("classify", "--input", GOLDEN.toString());
    assertEquals(0, result.exitCode(), result.stderr());
    List<String> lines = result.stdout().lines().toList();
    assertEquals(3, lines.size(), result.stdout());
    List<String> names =
        List.of("execute_training_action", "stop_runtime_session", "StartAHORunBatch");
    for (int i = 0; i < 3; i++) {
      JsonNode line = Json.parse(lines.get(i));
      assertEquals(names.get(i), line.get("name").asText(), "input order is kept");
      assertEquals("Execute", line.get("category").asText(), line.toString());
      assertEquals("High", line.get("riskLevel").asText(), line.toString());
      assertTrue(line.get("server").asText().startsWith("awslabs."), line.toString());
      for (String field : List.of("score", "confidence", "signals", "rationale", "rules")) {
        assertTrue(line.has(field), field + " missing in " + line);
      }
    }
  }

  @Test
  void badLinesAreReportedWithTheirNumberAndSkipped() throws Exception {
    Path input = dir.resolve("tools.jsonl");
    Files.writeString(
        input,
        String.join(
            "\n",
            "{\"name\": \"delete_file\", \"description\": \"Delete a file permanently.\"}",
            "{not json",
            "[1, 2]",
            "{\"description\": \"a tool without a name\"}",
            "",
            "{\"name\": \"read_file\", \"description\": \"Read a file.\"}"),
        StandardCharsets.UTF_8);
    Path output = dir.resolve("out.jsonl");
    CliProcess.Result result =
        CliProcess.run("classify", "--input", input.toString(), "--output", output.toString());
    assertEquals(1, result.exitCode(), result.stderr());
    assertTrue(result.stderr().contains("line 2: not JSON"), result.stderr());
    assertTrue(result.stderr().contains("line 3: not a JSON object"), result.stderr());
    assertTrue(result.stderr().contains("line 4: tool has no name"), result.stderr());
    List<String> lines = Files.readAllLines(output);
    assertEquals(2, lines.size());
    assertEquals("delete_file", Json.parse(lines.get(0)).get("name").asText());
    assertEquals("Destructive", Json.parse(lines.get(0)).get("category").asText());
    assertEquals("read_file", Json.parse(lines.get(1)).get("name").asText());
  }

  @Test
  void acceptsAWholeToolsListResult() throws Exception {
    Path input = dir.resolve("tools-list.json");
    Files.writeString(
        input,
        "{\"tools\": [{\"name\": \"list_charges\", \"description\": \"List Stripe charges.\"},\n"
            + " {\"name\": \"create_refund\", \"description\": \"Refund a charge.\"}]}",
        StandardCharsets.UTF_8);
    CliProcess.Result result = CliProcess.run("classify", "--input", input.toString());
    assertEquals(0, result.exitCode(), result.stderr());
    List<String> lines = result.stdout().lines().toList();
    assertEquals(2, lines.size());
    assertEquals("Read", Json.parse(lines.get(0)).get("category").asText());
    assertEquals("Financial", Json.parse(lines.get(1)).get("category").asText());
  }

  @Test
  void missingInputFileIsAFailureWithItsPath() throws Exception {
    CliProcess.Result result =
        CliProcess.run("classify", "--input", dir.resolve("absent.jsonl").toString());
    assertEquals(1, result.exitCode());
    assertTrue(result.stderr().contains("absent.jsonl"), result.stderr());
  }
}
