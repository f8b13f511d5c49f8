package dev.mcprisk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcprisk.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: the real jar runs the whole pipeline offline over the bundled real data, and the
 * exact figures of the catalogue are checked (servers, tools, tools per category), as are the files
 * on disk, a second incremental run, and search over the result.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunCommandIT {
  /**
   * 464 entries of the 2025-05 seed (7 blank ones rejected) + 4 of seed.json, 1 name in both, + 20
   * npm-only.
   */
  static final int SERVERS = 487;

  /** 21 packages captured; mongodb-mcp-server lands on its registry entry. */
  static final int SERVERS_WITH_TOOLS = 21;

  /** 394 listings in 26 captures, 302 distinct (server, tool name) pairs. */
  static final int TOOLS = 302;

  @TempDir static Path home;

  static JsonNode summary;

  @BeforeAll
  static void runPipelineOffline() throws Exception {
    CliProcess.Result result =
        CliProcess.run("run", "--offline", "--home", home.toString(), "--json");
    assertEquals(0, result.exitCode(), result.stderr());
    summary = Json.parse(result.stdout());
  }

  @Test
  @Order(1)
  void summaryHasExactCountsOfTheBundledCatalogue() {
    assertEquals("SUCCEEDED", summary.get("status").asText());
    assertEquals(SERVERS, summary.get("servers").asInt());
    assertEquals(SERVERS_WITH_TOOLS, summary.get("serversWithTools").asInt());
    assertEquals(TOOLS, summary.get("tools").asInt());
    assertEquals(Map.of("snapshot", TOOLS), counts(summary.get("toolsByOrigin")));
    assertEquals(
        Map.of("registry-seed", 4, "registry-seed-2025-05-16", 463, "snapshot", 20),
        counts(summary.get("serversBySource")));
    assertEquals(EXPECTED_CATEGORIES, counts(summary.get("categories")));
    assertEquals(EXPECTED_RISK_LEVELS, counts(summary.get("riskLevels")));
    assertEquals(7, summary.get("failures").size(), summary.get("failures").toString());
    for (JsonNode failure : summary.get("failures")) {
      assertEquals("REJECTED", failure.get("status").asText());
    }
    List<String> stages = new ArrayList<>();
    summary.get("stages").forEach(s -> stages.add(s.get("stage").asText()));
    assertEquals(List.of("registry", "tools", "store", "classify", "index", "export"), stages);
  }

  @Test
  @Order(2)
  void writesCatalogueIndexStoreAndPolicies() throws Exception {
    assertTrue(Files.isRegularFile(home.resolve("catalogue.mv.db")));
    assertTrue(Files.isDirectory(home.resolve("index")));
    JsonNode catalogue = Json.parse(Files.readString(home.resolve("export/catalogue.json")));
    assertEquals("1", catalogue.get("schemaVersion").asText());
    assertEquals(SERVERS, catalogue.get("servers").size());
    int tools = 0;
    String previous = "";
    for (JsonNode server : catalogue.get("servers")) {
      assertTrue(server.get("id").asText().compareTo(previous) > 0, "servers sorted by id");
      previous = server.get("id").asText();
      for (JsonNode tool : server.get("tools")) {
        tools++;
        JsonNode assessment = tool.get("assessment");
        assertTrue(assessment.hasNonNull("category"), tool.toString());
        assertTrue(assessment.hasNonNull("riskLevel"), tool.toString());
        assertTrue(!assessment.get("rationale").asText().isBlank(), tool.toString());
        assertEquals(64, tool.get("definitionHash").asText().length());
      }
    }
    assertEquals(TOOLS, tools);
    assertEquals(SERVERS_WITH_TOOLS, fileCount(home.resolve("export/intercept"), ".yaml"));
    assertEquals(SERVERS_WITH_TOOLS, fileCount(home.resolve("export/policylayer"), ".json"));
  }

  @Test
  @Order(3)
  void searchRanksDeleteToolsFirst() throws Exception {
    CliProcess.Result result =
        CliProcess.run("search", "delete", "--json", "--home", home.toString());
    assertEquals(0, result.exitCode(), result.stderr());
    JsonNode hits = Json.parse(result.stdout()).get("hits");
    assertTrue(hits.size() >= 3, result.stdout());
    for (int i = 0; i < 3; i++) {
      String tool = hits.get(i).get("tool").asText();
      assertTrue(tool.toLowerCase().contains("delete"), "hit " + i + ": " + hits.get(i));
    }
  }

  @Test
  @Order(4)
  void secondRunTakesEveryAssessmentFromTheCache() throws Exception {
    CliProcess.Result result =
        CliProcess.run("run", "--offline", "--home", home.toString(), "--json");
    assertEquals(0, result.exitCode(), result.stderr());
    JsonNode again = Json.parse(result.stdout());
    assertEquals(TOOLS, again.get("tools").asInt());
    assertEquals(0, again.get("assessedNew").asInt());
    assertEquals(TOOLS, again.get("assessedCached").asInt());
    assertEquals(counts(summary.get("categories")), counts(again.get("categories")));
  }

  /** Tools per category of the bundled catalogue, classifier 0.2.0. */
  static final Map<String, Integer> EXPECTED_CATEGORIES =
      Map.of(
          "Read", 155, "Write", 62, "Execute", 58, "Destructive", 17, "Financial", 10, "Other", 0);

  /** Tools per risk level of the bundled catalogue, classifier 0.2.0. */
  static final Map<String, Integer> EXPECTED_RISK_LEVELS =
      Map.of("Low", 138, "Medium", 75, "High", 53, "Critical", 36);

  static Map<String, Integer> counts(JsonNode object) {
    Map<String, Integer> out = new TreeMap<>();
    object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asInt()));
    return out;
  }

  static long fileCount(Path dir, String suffix) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(suffix)).count();
    }
  }
}
