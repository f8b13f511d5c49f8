package dev.mcprisk.classifier.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcprisk.classifier.Classifier;
import dev.mcprisk.classifier.ServerContext;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.Category;
import dev.mcprisk.model.RiskLevel;
import dev.mcprisk.model.ToolDefinition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The classifier measured on the labelled set (eval/labels.jsonl), dev and holdout apart. The
 * floors sit just under the figures measured for classifier 0.2.0 (EVALUATION.md): a change that
 * loses accuracy fails here.
 */
class EvaluationTest {
  private static final Classifier CLASSIFIER = Classifier.loadDefault();

  // Measured on dev (198 tools): 99.0 %, 99.0 %, 0 %, 100 %, 95.7 % (label ceiling 95.7 %).
  private static final double DEV_MIN_CATEGORY_ACCURACY = 0.985;
  private static final double DEV_MIN_RISK_ACCURACY = 0.985;
  private static final double DEV_MIN_READ_ONLY_AGREEMENT = 0.95;

  // Measured on holdout (104 tools): 97.1 %, 95.2 %, 0 %, 100 %, 87.5 % (label ceiling 90.3 %).
  private static final double HOLDOUT_MIN_CATEGORY_ACCURACY = 0.965;
  private static final double HOLDOUT_MIN_RISK_ACCURACY = 0.95;
  private static final double HOLDOUT_MIN_READ_ONLY_AGREEMENT = 0.87;

  /** Both splits: at most 0.5 % Other and every Destructive tool found. */
  private static final double MAX_OTHER_SHARE = 0.005;

  private static final double MIN_DESTRUCTIVE_RECALL = 1.0;

  private static LabelSet labels;

  @BeforeAll
  static void load() throws IOException {
    labels = LabelSet.load(EvalFixtures.labelsFile());
  }

  @Test
  void devSplitStaysAboveItsFloors() {
    EvalReport report = Evaluation.evaluate(labels.split(Split.DEV), CLASSIFIER);
    System.out.println("== dev ==\n" + report.toText());

    assertFloors(
        report, DEV_MIN_CATEGORY_ACCURACY, DEV_MIN_RISK_ACCURACY, DEV_MIN_READ_ONLY_AGREEMENT);
  }

  @Test
  void holdoutSplitStaysAboveItsFloors() {
    EvalReport report = Evaluation.evaluate(labels.split(Split.HOLDOUT), CLASSIFIER);
    System.out.println("== holdout ==\n" + report.toText());

    assertFloors(
        report,
        HOLDOUT_MIN_CATEGORY_ACCURACY,
        HOLDOUT_MIN_RISK_ACCURACY,
        HOLDOUT_MIN_READ_ONLY_AGREEMENT);
  }

  private static void assertFloors(
      EvalReport report, double category, double risk, double readOnly) {
    String text = report.toText();
    assertTrue(report.categoryAccuracy() >= category, text);
    assertTrue(report.riskLevelAccuracy() >= risk, text);
    assertTrue(report.otherShare() <= MAX_OTHER_SHARE, text);
    assertTrue(report.destructiveRecall() >= MIN_DESTRUCTIVE_RECALL, text);
    assertTrue(report.readOnly().rate() >= readOnly, text);
  }

  @Test
  void annotationsAreRemovedBeforeClassifying() {
    ObjectNode json = Json.object().put("name", "zorblax");
    json.putObject("annotations").put("readOnlyHint", true);
    ToolDefinition hinted = ToolDefinition.of(json);
    LabelledTool item =
        new LabelledTool(
            "x", hinted, ServerContext.NONE, Category.OTHER, RiskLevel.MEDIUM, Split.DEV, null);

    EvalReport report = Evaluation.evaluate(List.of(item), CLASSIFIER);

    assertEquals(Category.READ, CLASSIFIER.classify(hinted, null).category());
    assertEquals(1, report.categoryCorrect());
    assertEquals(1, report.readOnly().hinted());
    assertEquals(0, report.readOnly().agreeing());
    assertEquals(
        List.of("x / zorblax: readOnlyHint=true, classified Other, labelled Other"),
        report.readOnly().disagreements());
  }

  @Test
  void countsPrecisionRecallConfusionAndErrorsOnAHandMadeSet() {
    List<LabelledTool> items = new ArrayList<>();
    items.add(item("delete_file", "Delete a file.", Category.DESTRUCTIVE, RiskLevel.CRITICAL));
    items.add(item("list_files", "List files.", Category.WRITE, RiskLevel.MEDIUM));
    items.add(item("create_file", "Create a file.", Category.WRITE, RiskLevel.MEDIUM));

    EvalReport report = Evaluation.evaluate(items, CLASSIFIER);

    assertEquals(3, report.total());
    assertEquals(2, report.categoryCorrect());
    assertEquals(2, report.riskLevelCorrect());
    CategoryScore write = report.score(Category.WRITE);
    assertEquals(new CategoryScore(Category.WRITE, 2, 1, 1), write);
    assertEquals(1.0, write.precision());
    assertEquals(0.5, write.recall());
    assertEquals(2.0 / 3, write.f1(), 1e-9);
    assertEquals(0.0, report.score(Category.READ).precision());
    assertEquals(1, report.confusion().get(Category.WRITE).get(Category.READ));
    assertEquals(1.0, report.destructiveRecall());
    assertEquals(1, report.servers());
    assertEquals(2.0 / 3, report.serverMacroAccuracy(), 1e-9);
    assertEquals(1, report.errors().size());
    EvalError error = report.errors().get(0);
    assertEquals("list_files", error.tool());
    assertEquals(Category.READ, error.actualCategory());
    assertEquals(RiskLevel.LOW, error.actualRiskLevel());
    assertTrue(error.categoryWrong());
  }

  @Test
  void perServerAccuracyCountsEachServerOnce() {
    List<LabelledTool> items = new ArrayList<>();
    for (String name : List.of("delete_file", "remove_file", "purge_files")) {
      items.add(
          onServer("big", item(name, "Delete files.", Category.DESTRUCTIVE, RiskLevel.CRITICAL)));
    }
    items.add(
        onServer("small", item("list_files", "List files.", Category.WRITE, RiskLevel.MEDIUM)));

    EvalReport report = Evaluation.evaluate(items, CLASSIFIER);

    assertEquals(0.75, report.categoryAccuracy(), 1e-9);
    assertEquals(2, report.servers());
    assertEquals(0.5, report.serverMacroAccuracy(), 1e-9);
  }

  @Test
  void emptySetHasNothingWrong() {
    EvalReport report = Evaluation.evaluate(List.of(), CLASSIFIER);

    assertEquals(1.0, report.categoryAccuracy());
    assertEquals(0.0, report.otherShare());
    assertEquals(1.0, report.readOnly().rate());
  }

  @Test
  void jsonReportHasTheDocumentedKeysInOrder() throws Exception {
    EvalReport report = Evaluation.evaluate(labels.split(Split.DEV), CLASSIFIER);

    JsonNode json = Json.parse(report.toJson());

    List<String> keys = new ArrayList<>();
    json.fieldNames().forEachRemaining(keys::add);
    assertEquals(
        List.of(
            "classifierVersion",
            "total",
            "categoryCorrect",
            "categoryAccuracy",
            "riskLevelCorrect",
            "riskLevelAccuracy",
            "servers",
            "serverMacroAccuracy",
            "predictedOther",
            "otherShare",
            "destructiveRecall",
            "financialRecall",
            "readOnlyAgreement",
            "perCategory",
            "confusion",
            "errors"),
        keys);
    assertEquals(Classifier.VERSION, json.get("classifierVersion").asText());
    assertEquals(report.total(), json.get("total").asInt());
    assertEquals(report.errors().size(), json.get("errors").size());
    assertEquals(6, json.get("perCategory").size());
    assertEquals(
        report.confusion().get(Category.READ).get(Category.READ),
        json.get("confusion").get("Read").get("Read").asInt());
  }

  @Test
  void textReportShowsEveryHeadlineFigure() {
    String text = Evaluation.evaluate(labels.split(Split.DEV), CLASSIFIER).toText();

    for (String label :
        List.of(
            "Category accuracy:",
            "Risk-level accuracy:",
            "Other share:",
            "Per-server accuracy:",
            "Destructive recall:",
            "Financial recall:",
            "Read-only agreement:",
            "Per category:",
            "Confusion matrix",
            "Errors (")) {
      assertTrue(text.contains(label), label);
    }
  }

  @Test
  void sameInputGivesTheSameJsonReport() {
    String first = Evaluation.evaluate(labels.items(), CLASSIFIER).toJson();
    String second = Evaluation.evaluate(labels.items(), Classifier.loadDefault()).toJson();

    assertEquals(first, second);
  }

  private static LabelledTool onServer(String server, LabelledTool item) {
    return new LabelledTool(
        server,
        item.tool(),
        item.context(),
        item.expectedCategory(),
        item.expectedRiskLevel(),
        item.split(),
        item.note());
  }

  private static LabelledTool item(
      String name, String description, Category category, RiskLevel level) {
    ToolDefinition tool =
        ToolDefinition.of(Json.object().put("name", name).put("description", description));
    return new LabelledTool("x", tool, ServerContext.NONE, category, level, Split.DEV, "");
  }
}
