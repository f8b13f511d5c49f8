package dev.mcprisk.classifier.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcprisk.classifier.Classifier;
import dev.mcprisk.model.Assessment;
import dev.mcprisk.model.Category;
import dev.mcprisk.model.ToolDefinition;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Measures a classifier against labelled tools (the figures and their targets: EVALUATION.md).
 *
 * <p>Each tool is classified with its {@code annotations} removed, so the category comes from the
 * name, description and schema alone; the removed {@code readOnlyHint} is then compared with the
 * classifier's category (agreement: the classifier says Read exactly when the hint is true).
 *
 * <p>Thread-safe: stateless; the classifier must be thread-safe (the default one is).
 */
public final class Evaluation {
  private Evaluation() {}

  /**
   * Classifies every item and compares the result with its labels.
   *
   * @param items labelled tools, e.g. {@link LabelSet#select(String)}; not null
   * @param classifier the classifier to measure; not null
   * @return the report; for an empty list every rate is 1 (nothing wrong) and Other share 0
   * @throws NullPointerException when an argument is null
   */
  public static EvalReport evaluate(List<LabelledTool> items, Classifier classifier) {
    Objects.requireNonNull(items, "items == null");
    Objects.requireNonNull(classifier, "classifier == null");
    Map<Category, Map<Category, Integer>> confusion = new EnumMap<>(Category.class);
    Map<Category, int[]> counts = new EnumMap<>(Category.class);
    for (Category c : Category.values()) {
      confusion.put(c, new EnumMap<>(Category.class));
      counts.put(c, new int[3]);
    }
    int categoryCorrect = 0;
    int riskCorrect = 0;
    int hinted = 0;
    int agreeing = 0;
    int labelAgreeing = 0;
    List<String> disagreements = new ArrayList<>();
    List<EvalError> errors = new ArrayList<>();
    Map<String, int[]> byServer = new TreeMap<>();
    for (LabelledTool item : items) {
      Assessment a = classifier.classify(withoutAnnotations(item.tool()), item.context());
      Category expected = item.expectedCategory();
      Category actual = a.category();
      confusion.get(expected).merge(actual, 1, Integer::sum);
      counts.get(expected)[0]++;
      counts.get(actual)[1]++;
      boolean categoryOk = expected == actual;
      boolean riskOk = item.expectedRiskLevel() == a.riskLevel();
      int[] server = byServer.computeIfAbsent(item.server(), k -> new int[2]);
      server[0]++;
      server[1] += categoryOk ? 1 : 0;
      if (categoryOk) {
        counts.get(expected)[2]++;
        categoryCorrect++;
      }
      if (riskOk) {
        riskCorrect++;
      }
      if (!categoryOk || !riskOk) {
        errors.add(
            new EvalError(
                item.server(),
                item.name(),
                item.split(),
                expected,
                actual,
                item.expectedRiskLevel(),
                a.riskLevel(),
                a.rules(),
                a.rationale(),
                item.note()));
      }
      Boolean hint = item.tool().annotations().readOnlyHint();
      if (hint != null) {
        hinted++;
        if ((actual == Category.READ) == hint) {
          agreeing++;
        } else {
          disagreements.add(
              item.server()
                  + " / "
                  + item.name()
                  + ": readOnlyHint="
                  + hint
                  + ", classified "
                  + actual
                  + ", labelled "
                  + expected);
        }
        if ((expected == Category.READ) == hint) {
          labelAgreeing++;
        }
      }
    }
    List<CategoryScore> scores = new ArrayList<>();
    for (Category c : Category.values()) {
      int[] n = counts.get(c);
      scores.add(new CategoryScore(c, n[0], n[1], n[2]));
    }
    return new EvalReport(
        classifier.version(),
        items.size(),
        categoryCorrect,
        riskCorrect,
        scores,
        confusion,
        new ReadOnlyAgreement(hinted, agreeing, labelAgreeing, disagreements),
        errors,
        byServer.size(),
        byServer.isEmpty()
            ? 1.0
            : byServer.values().stream()
                .mapToDouble(n -> (double) n[1] / n[0])
                .average()
                .orElse(1));
  }

  /** A copy of the tool without its {@code annotations} object. */
  static ToolDefinition withoutAnnotations(ToolDefinition tool) {
    ObjectNode json = tool.json().deepCopy();
    json.remove("annotations");
    return ToolDefinition.of(json);
  }
}
