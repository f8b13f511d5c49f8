package dev.mcprisk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcprisk.json.Json;
import org.junit.jupiter.api.Test;

/** {@code mcprisk eval} through the real jar, on the project's labelled set. */
class EvalCommandIT {
  static final String LABELS = "../classifier/src/test/resources/eval/labels.jsonl";

  @Test
  void holdoutReportMeetsTheCategoryTargets() throws Exception {
    CliProcess.Result result =
        CliProcess.run("eval", "--labels", LABELS, "--split", "holdout", "--json");
    assertEquals(0, result.exitCode(), result.stderr());
    JsonNode report = Json.parse(result.stdout());
    assertTrue(report.toString().contains("categoryAccuracy"), result.stdout());
    assertTrue(report.findValue("categoryAccuracy").asDouble() >= 0.95, result.stdout());
  }

  @Test
  void textReportAndUsageErrors() throws Exception {
    CliProcess.Result text = CliProcess.run("eval", "--labels", LABELS);
    assertEquals(0, text.exitCode(), text.stderr());
    assertTrue(text.stdout().toLowerCase().contains("accuracy"), text.stdout());
    assertEquals(2, CliProcess.run("eval", "--labels", LABELS, "--split", "train").exitCode());
    assertEquals(1, CliProcess.run("eval", "--labels", "absent.jsonl").exitCode());
  }
}
