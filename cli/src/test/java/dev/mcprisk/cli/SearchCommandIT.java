package dev.mcprisk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcprisk.json.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mcprisk search} and {@code mcprisk similar} through the real jar, over the bundled run.
 */
class SearchCommandIT {
  @TempDir static Path home;

  @BeforeAll
  static void runPipeline() throws Exception {
    CliProcess.Result result = CliProcess.run("run", "--offline", "--home", home.toString());
    assertEquals(0, result.exitCode(), result.stderr());
  }

  private static JsonNode search(String... args) throws Exception {
    String[] full = new String[args.length + 4];
    full[0] = "search";
    System.arraycopy(args, 0, full, 1, args.length);
    full[args.length + 1] = "--json";
    full[args.length + 2] = "--home";
    full[args.length + 3] = home.toString();
    CliProcess.Result result = CliProcess.run(full);
    assertEquals(0, result.exitCode(), result.stderr());
    return Json.parse(result.stdout());
  }

  @Test
  void filtersAndFacetsAgree() throws Exception {
    JsonNode result = search("delete", "--category", "Destructive", "--limit", "50");
    assertTrue(result.get("total").asInt() > 0);
    for (JsonNode hit : result.get("hits")) {
      assertEquals("Destructive", hit.get("category").asText(), hit.toString());
    }
    // Drill sideways: the filtered dimension still shows the alternatives (the tools "delete"
    // matches in other categories); every other dimension counts only the Destructive tools.
    JsonNode categories = result.get("facets").get("category");
    assertTrue(categories.size() > 1, categories.toString());
    int destructive = categories.get("Destructive").asInt();
    int byRisk = 0;
    for (JsonNode n : result.get("facets").get("riskLevel")) {
      byRisk += n.asInt();
    }
    assertEquals(destructive, byRisk, result.get("facets").toString());
  }

  @Test
  void fieldSyntaxInTheQueryFilters() throws Exception {
    JsonNode result = search("risk:Critical", "server:memory");
    assertTrue(result.get("total").asInt() >= 1, result.toString());
    for (JsonNode hit : result.get("hits")) {
      assertEquals("Critical", hit.get("riskLevel").asText(), hit.toString());
      assertTrue(hit.get("server").asText().contains("memory"), hit.toString());
    }
  }

  @Test
  void aTypoIsRetriedFuzzily() throws Exception {
    JsonNode result = search("screenshoot");
    assertTrue(result.get("fuzzy").asBoolean(), result.toString());
    assertTrue(
        result.get("hits").get(0).get("tool").asText().contains("screenshot"), result.toString());
  }

  @Test
  void pagingAndRiskSort() throws Exception {
    JsonNode first = search("list", "--limit", "5");
    JsonNode second = search("list", "--limit", "5", "--offset", "5");
    assertEquals(5, second.get("offset").asInt());
    assertFalse(first.get("hits").get(0).toString().equals(second.get("hits").get(0).toString()));
    JsonNode byRisk = search("file", "--sort", "risk", "--limit", "10");
    int previous = Integer.MAX_VALUE;
    for (JsonNode hit : byRisk.get("hits")) {
      if (hit.get("score").isNull()) {
        continue;
      }
      assertTrue(hit.get("score").asInt() <= previous, byRisk.toString());
      previous = hit.get("score").asInt();
    }
  }

  @Test
  void hostileQueriesAreDataNotErrors() throws Exception {
    for (String query : new String[] {"((((", "name:*", "\"unclosed", "AND"}) {
      CliProcess.Result result = CliProcess.run("search", query, "--home", home.toString());
      assertTrue(result.exitCode() == 0 || result.exitCode() == 2, query + ": " + result.stderr());
      assertFalse(result.stderr().contains("Exception"), query + ": " + result.stderr());
    }
    CliProcess.Result bad =
        CliProcess.run("search", "x", "--category", "harmless", "--home", home.toString());
    assertEquals(2, bad.exitCode());
  }

  @Test
  void similarFindsRelatedToolsAndSaysWhenTheToolIsUnknown() throws Exception {
    CliProcess.Result result =
        CliProcess.run(
            "similar",
            "npm:@modelcontextprotocol/server-memory",
            "delete_entities",
            "--json",
            "--home",
            home.toString());
    assertEquals(0, result.exitCode(), result.stderr());
    JsonNode hits = Json.parse(result.stdout()).get("hits");
    assertTrue(hits.size() > 0);
    for (JsonNode hit : hits) {
      assertFalse(
          hit.get("tool").asText().equals("delete_entities")
              && hit.get("server").asText().endsWith("server-memory"),
          "the tool itself is left out");
    }
    CliProcess.Result unknown =
        CliProcess.run("similar", "npm:nope", "nothing", "--home", home.toString());
    assertEquals(1, unknown.exitCode());
    assertTrue(unknown.stderr().contains("no tool 'nothing'"), unknown.stderr());
  }
}
