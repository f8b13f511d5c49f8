package dev.mcprisk.crawler.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcprisk.bundled.BundledData;
import dev.mcprisk.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * README extraction against ground truth: real READMEs of published MCP servers
 * (src/test/resources/readme, see SOURCES.md there) compared with the tool names those servers
 * answered in {@code tools/list} (the bundled captures; all captures of one package together, e.g.
 * Playwright with and without {@code --caps=all}). Prints a per-server table and the micro-averaged
 * precision and recall of tool names; fails under floors set a little below the measured values.
 */
class ReadmeExtractionEvaluationTest {

  /** Measured 0.683 on 2026-11-21 (190 of 278 names read are live tools). */
  private static final double PRECISION_FLOOR = 0.66;

  /** Measured 0.701 on 2026-11-21 (190 of 271 live tools read). */
  private static final double RECALL_FLOOR = 0.68;

  private static final Map<String, Set<String>> LIVE_NAMES = new TreeMap<>();
  private static final Map<String, ReadmeExtraction> EXTRACTIONS = new TreeMap<>();

  @BeforeAll
  static void extractEveryFixture() throws IOException, URISyntaxException {
    for (String file : BundledData.list(BundledData.TOOLS_LIST)) {
      try (InputStream in = BundledData.open(BundledData.TOOLS_LIST, file)) {
        JsonNode capture = Json.MAPPER.readTree(in);
        Set<String> names =
            LIVE_NAMES.computeIfAbsent(capture.get("package").asText(), k -> new TreeSet<>());
        capture
            .get("tools_list")
            .get("tools")
            .forEach(tool -> names.add(tool.get("name").asText()));
      }
    }
    Path folder =
        Path.of(ReadmeExtractionEvaluationTest.class.getResource("/readme/SOURCES.md").toURI())
            .getParent();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith(".md") && !name.equals("SOURCES.md")) {
          String markdown = Files.readString(file, StandardCharsets.UTF_8);
          EXTRACTIONS.put(packageName(name), ReadmeToolExtractor.extractFromMarkdown(markdown));
        }
      }
    }
  }

  /** {@code scope__name.md} is {@code @scope/name}, as in the bundled captures' file names. */
  private static String packageName(String fileName) {
    String base = fileName.substring(0, fileName.length() - ".md".length());
    return base.contains("__") ? "@" + base.replace("__", "/") : base;
  }

  @Test
  void namesReadFromRealReadmesMatchLiveToolListsAboveTheFloors() {
    int truePositives = 0;
    int read = 0;
    int live = 0;
    StringBuilder table = new StringBuilder();
    table.append(
        String.format(
            "%-50s %5s %5s %5s %6s %6s  %s%n",
            "package", "live", "read", "both", "prec", "recall", "section"));
    for (Map.Entry<String, ReadmeExtraction> entry : EXTRACTIONS.entrySet()) {
      Set<String> liveNames = LIVE_NAMES.get(entry.getKey());
      assertTrue(liveNames != null, "no bundled capture for " + entry.getKey());
      Set<String> readNames = new LinkedHashSet<>(entry.getValue().toolNames());
      int both = (int) readNames.stream().filter(liveNames::contains).count();
      truePositives += both;
      read += readNames.size();
      live += liveNames.size();
      table.append(
          String.format(
              "%-50s %5d %5d %5d %6s %6s  %s%n",
              entry.getKey(),
              liveNames.size(),
              readNames.size(),
              both,
              ratio(both, readNames.size()),
              ratio(both, liveNames.size()),
              entry.getValue().sectionHeading()));
    }
    double precision = (double) truePositives / read;
    double recall = (double) truePositives / live;
    table.append(
        String.format(
            "micro-averaged over %d READMEs: precision %.3f (%d/%d), recall %.3f (%d/%d)%n",
            EXTRACTIONS.size(), precision, truePositives, read, recall, truePositives, live));
    System.out.print(table);

    assertTrue(precision >= PRECISION_FLOOR, "precision " + precision + "\n" + table);
    assertTrue(recall >= RECALL_FLOOR, "recall " + recall + "\n" + table);
  }

  private static String ratio(int part, int whole) {
    return whole == 0 ? "-" : String.format("%.2f", (double) part / whole);
  }

  @Test
  void readsEveryGitHubToolWithItsParameters() {
    ReadmeExtraction github = EXTRACTIONS.get("@modelcontextprotocol/server-github");

    assertEquals(
        LIVE_NAMES.get("@modelcontextprotocol/server-github"), new TreeSet<>(github.toolNames()));
    JsonNode merge =
        github.tools().stream()
            .filter(tool -> tool.name().equals("merge_pull_request"))
            .findFirst()
            .orElseThrow()
            .inputSchema();
    assertEquals(
        List.of("owner", "repo", "pull_number", "commit_title", "commit_message", "merge_method"),
        iterableToList(merge.get("properties").fieldNames()));
    assertEquals("[\"owner\",\"repo\",\"pull_number\"]", merge.get("required").toString());
  }

  @Test
  void readsDesktopCommanderToolsFromItsCategoryTable() {
    ReadmeExtraction commander = EXTRACTIONS.get("@wonderwhy-er/desktop-commander");

    assertEquals(25, commander.tools().size());
    assertTrue(
        LIVE_NAMES.get("@wonderwhy-er/desktop-commander").containsAll(commander.toolNames()));
  }

  @Test
  void findsNoToolsWhereTheReadmeHasNeitherToolsNorFeaturesSection() {
    for (String name :
        List.of("@modelcontextprotocol/server-everything", "@notionhq/notion-mcp-server")) {
      ReadmeExtraction extraction = EXTRACTIONS.get(name);
      assertEquals(List.of(), extraction.tools(), name);
      assertEquals(0.0, extraction.confidence(), name);
    }
  }

  @Test
  void fallsBackToCodeSpansInKubernetesFeaturesAtLowConfidence() {
    ReadmeExtraction kubernetes = EXTRACTIONS.get("mcp-server-kubernetes");

    assertEquals("Features", kubernetes.sectionHeading());
    assertEquals(ReadmeToolExtractor.MENTION_CONFIDENCE, kubernetes.confidence());
    assertEquals(20, kubernetes.tools().size());
    assertEquals("Get or list resources with kubectl_get", kubernetes.tools().get(0).description());
  }

  private static List<String> iterableToList(Iterator<String> names) {
    List<String> list = new ArrayList<>();
    names.forEachRemaining(list::add);
    return list;
  }
}
