package dev.mcprisk.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.Assessment;
import dev.mcprisk.model.Category;
import dev.mcprisk.model.RiskLevel;
import dev.mcprisk.model.ToolDefinition;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The seed tools whose catalogue entry is known (golden/seed-tools.jsonl). */
class ClassifierGoldenTest {
  private static final Classifier CLASSIFIER = Classifier.loadDefault();

  static Stream<JsonNode> seedTools() throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    try (InputStream in =
        ClassifierGoldenTest.class.getResourceAsStream("/golden/seed-tools.jsonl")) {
      assertNotNull(in, "golden/seed-tools.jsonl is on the test classpath");
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank()) {
          lines.add(Json.parse(line));
        }
      }
    }
    return lines.stream();
  }

  @Test
  void goldenFileHoldsTheThreeSeedTools() throws IOException {
    assertEquals(3, seedTools().count());
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("seedTools")
  void seedToolGetsItsCatalogueCategoryAndRiskLevel(JsonNode seed) {
    ObjectNode tool = Json.object();
    tool.put("name", seed.get("name").asText());
    tool.put("description", seed.get("description").asText());
    ServerContext server = new ServerContext(seed.get("server").asText(), null);

    Assessment assessment = CLASSIFIER.classify(ToolDefinition.of(tool), server);

    JsonNode expected = seed.get("expected");
    assertEquals(
        Category.parse(expected.get("category").asText()),
        assessment.category(),
        assessment.rationale());
    assertEquals(
        RiskLevel.parse(expected.get("riskLevel").asText()),
        assessment.riskLevel(),
        assessment.rationale());
  }
}
