package dev.mcprisk.classifier.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mcprisk.model.Category;
import dev.mcprisk.model.RiskLevel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelSetTest {
  /** Distinct (server, tool) pairs of the bundled captures. */
  private static final int DISTINCT_TOOLS = 302;

  /** Tool listings of the bundled captures. */
  private static final int BUNDLED_LISTINGS = 394;

  private static final int HOLDOUT_TOOLS = 104;

  private static LabelSet labels;

  @BeforeAll
  static void load() throws IOException {
    labels = LabelSet.load(EvalFixtures.labelsFile());
  }

  @Test
  void labelsEveryDistinctBundledToolExactlyOnce() {
    Map<String, BundledListing> distinct = BundledListings.distinct();
    Set<String> labelled = new TreeSet<>();
    labels.items().forEach(i -> labelled.add(BundledListings.key(i.server(), i.name())));

    assertEquals(BUNDLED_LISTINGS, BundledListings.all().size());
    assertEquals(DISTINCT_TOOLS, distinct.size());
    assertEquals(DISTINCT_TOOLS, labels.items().size());
    assertEquals(new TreeSet<>(distinct.keySet()), labelled);
  }

  @Test
  void everySplitFollowsTheHashRuleWithAboutThirtyPercentHeldOut() {
    for (LabelledTool item : labels.items()) {
      assertEquals(Split.of(item.server(), item.name()), item.split(), item.name());
    }
    assertEquals(HOLDOUT_TOOLS, labels.split(Split.HOLDOUT).size());
    assertEquals(DISTINCT_TOOLS - HOLDOUT_TOOLS, labels.split(Split.DEV).size());
  }

  @Test
  void labelsNoToolOtherBecauseEveryBundledToolSaysWhatItDoes() {
    assertEquals(
        0, labels.items().stream().filter(i -> i.expectedCategory() == Category.OTHER).count());
  }

  @Test
  void joinsTheFirstCaptureStdioBeforeStreamableHttp() {
    Map<String, BundledListing> distinct = BundledListings.distinct();

    assertEquals(
        "playwright__mcp.caps-all.json",
        distinct.get(BundledListings.key("@playwright/mcp", "browser_click")).file());
    assertEquals(
        "modelcontextprotocol__server-everything.json",
        distinct
            .get(BundledListings.key("@modelcontextprotocol/server-everything", "echo"))
            .file());
  }

  @Test
  void selectsDevHoldoutOrAll() {
    assertEquals(labels.split(Split.DEV), labels.select("dev"));
    assertEquals(labels.split(Split.HOLDOUT), labels.select("HOLDOUT"));
    assertEquals(labels.items(), labels.select("all"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> labels.select("train"));
    assertEquals("unknown split 'train' (expected dev, holdout or all)", e.getMessage());
  }

  @Test
  void loadsAFileFromDiskWithNotesAndBlankLines(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("labels.jsonl");
    Files.writeString(
        file,
        "{\"server\": \"@stripe/mcp\", \"tool\": \"create_refund\", \"category\": \"Financial\","
            + " \"riskLevel\": \"Critical\", \"split\": \"dev\", \"note\": \"refund\"}\n\n",
        StandardCharsets.UTF_8);

    LabelSet set = LabelSet.load(file);

    assertEquals(1, set.items().size());
    LabelledTool item = set.items().get(0);
    assertEquals("create_refund", item.name());
    assertEquals(Category.FINANCIAL, item.expectedCategory());
    assertEquals(RiskLevel.CRITICAL, item.expectedRiskLevel());
    assertEquals("refund", item.note());
    assertEquals("Stripe", item.context().name());
  }

  @Test
  void aLineWithItsDefinitionIsSelfContained() {
    String line =
        "{\"server\": \"46elks-sms\", \"tool\": \"send_sms\", \"category\": \"Write\","
            + " \"riskLevel\": \"High\", \"split\": \"dev\", \"serverDescription\": \"Send SMS\","
            + " \"definition\": {\"name\": \"send_sms\", \"description\": \"Send SMS message\","
            + " \"inputSchema\": {\"type\": \"object\", \"properties\": {\"to\": {}}}}}";

    LabelledTool item = LabelSet.parse(line, "t.jsonl").items().get(0);

    assertEquals("send_sms", item.name());
    assertEquals("Send SMS message", item.tool().description());
    assertEquals("46elks-sms", item.context().name());
    assertEquals("Send SMS", item.context().description());
    assertEquals(Category.WRITE, item.expectedCategory());
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"server\": \"s\", \"tool\": \"a\", \"category\": \"Read\", \"riskLevel\": \"Low\","
            + " \"split\": \"dev\", \"definition\": {\"name\": \"b\"}}"
            + " | t.jsonl:1: definition names 'b', not 'a'",
        "{\"server\": \"s\", \"tool\": \"a\", \"category\": \"Read\", \"riskLevel\": \"Low\","
            + " \"split\": \"dev\", \"definition\": [1]}"
            + " | t.jsonl:1: definition: tool is not a JSON object",
      })
  void aBadDefinitionIsRejectedWithFileAndLine(String line, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LabelSet.parse(line, "t.jsonl"));
    assertEquals(message, e.getMessage());
  }

  @Test
  void theServerSplitHoldsEveryToolOfAServerOnOneSide() {
    assertEquals(Split.DEV, Split.ofServer("46elks-sms"));
    assertEquals(Split.HOLDOUT, Split.ofServer("agentchurch-mcp"));
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"server\": \"@stripe/mcp\", \"tool\": \"no_such_tool\", \"category\": \"Read\","
            + " \"riskLevel\": \"Low\", \"split\": \"dev\"}"
            + " | t.jsonl:1: no bundled tool 'no_such_tool' of server '@stripe/mcp'",
        "{\"server\": \"@stripe/mcp\", \"tool\": \"create_refund\", \"category\": \"Money\","
            + " \"riskLevel\": \"Low\", \"split\": \"dev\"}"
            + " | t.jsonl:1: unknown category 'Money' (expected one of Read, Write, Execute,"
            + " Destructive, Financial, Other)",
        "{\"server\": \"@stripe/mcp\", \"tool\": \"create_refund\", \"category\": \"Read\","
            + " \"riskLevel\": \"Low\", \"split\": \"train\"}"
            + " | t.jsonl:1: unknown split 'train' (expected dev or holdout)",
        "{\"server\": \"@stripe/mcp\", \"category\": \"Read\"}"
            + " | t.jsonl:1: field 'tool' is missing or blank",
        "[1, 2] | t.jsonl:1: not a JSON object",
      })
  void badLineIsRejectedWithFileAndLine(String line, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LabelSet.parse(line, "t.jsonl"));
    assertEquals(message, e.getMessage());
  }

  @Test
  void repeatedToolIsRejected() {
    String line =
        "{\"server\": \"@stripe/mcp\", \"tool\": \"create_refund\", \"category\": \"Financial\","
            + " \"riskLevel\": \"Critical\", \"split\": \"dev\"}";

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> LabelSet.parse(line + "\n" + line, "t.jsonl"));
    assertEquals("t.jsonl:2: @stripe/mcp / create_refund is labelled twice", e.getMessage());
  }
}
