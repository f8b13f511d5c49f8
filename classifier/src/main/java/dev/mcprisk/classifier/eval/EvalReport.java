package dev.mcprisk.classifier.eval;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.Category;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The result of {@link Evaluation#evaluate}: accuracy, per-category scores, the confusion matrix,
 * the share of Other, Destructive recall, read-only agreement and every error.
 *
 * <p>Rates are fractions from 0 to 1; {@link #toText()} prints them as percentages with one
 * decimal. Immutable and thread-safe.
 *
 * @param classifierVersion the version of the classifier evaluated
 * @param total items evaluated
 * @param categoryCorrect items whose category matches the label
 * @param riskLevelCorrect items whose risk level matches the label
 * @param perCategory one score per category, in {@link Category} order
 * @param confusion counts by expected category (rows) then actual category (columns); every
 *     category present in both levels
 * @param readOnly agreement with the authors' readOnlyHint
 * @param errors every item with a wrong category or risk level, in item order
 * @param servers distinct servers among the items
 * @param serverMacroAccuracy the mean over servers of each server's category accuracy, 0 to 1 (1
 *     for an empty set): every server counts once, however many tools it lists, so a classifier
 *     that is right on a few large servers and wrong on many small ones scores low
 */
public record EvalReport(
    String classifierVersion,
    int total,
    int categoryCorrect,
    int riskLevelCorrect,
    List<CategoryScore> perCategory,
    Map<Category, Map<Category, Integer>> confusion,
    ReadOnlyAgreement readOnly,
    List<EvalError> errors,
    int servers,
    double serverMacroAccuracy) {

  private static final int PERCENT = 100;
  private static final int JSON_RATE_DECIMALS = 4;

  public EvalReport {
    Objects.requireNonNull(classifierVersion, "classifierVersion == null");
    if (total < 0 || categoryCorrect > total || riskLevelCorrect > total) {
      throw new IllegalArgumentException("counts out of range 0.." + total);
    }
    perCategory = List.copyOf(Objects.requireNonNull(perCategory, "perCategory == null"));
    Map<Category, Map<Category, Integer>> rows = new EnumMap<>(Category.class);
    for (Category expected : Category.values()) {
      Map<Category, Integer> row = new EnumMap<>(Category.class);
      Map<Category, Integer> given =
          Objects.requireNonNull(confusion, "confusion == null").getOrDefault(expected, Map.of());
      for (Category actual : Category.values()) {
        row.put(actual, given.getOrDefault(actual, 0));
      }
      rows.put(expected, Collections.unmodifiableMap(row));
    }
    confusion = Collections.unmodifiableMap(rows);
    Objects.requireNonNull(readOnly, "readOnly == null");
    errors = List.copyOf(Objects.requireNonNull(errors, "errors == null"));
    if (servers < 0 || serverMacroAccuracy < 0 || serverMacroAccuracy > 1) {
      throw new IllegalArgumentException(
          "servers or serverMacroAccuracy out of range: " + servers + ", " + serverMacroAccuracy);
    }
  }

  /** Category accuracy, 0 to 1; 1 for an empty set. */
  public double categoryAccuracy() {
    return rate(categoryCorrect, total);
  }

  /** Risk-level accuracy, 0 to 1; 1 for an empty set. */
  public double riskLevelAccuracy() {
    return rate(riskLevelCorrect, total);
  }

  /** How many items the classifier called Other. */
  public int predictedOther() {
    return score(Category.OTHER).predicted();
  }

  /** Share of items the classifier called Other, 0 to 1. */
  public double otherShare() {
    return total == 0 ? 0.0 : (double) predictedOther() / total;
  }

  /** Recall of Destructive, 0 to 1; 1 when no item is labelled Destructive. */
  public double destructiveRecall() {
    return score(Category.DESTRUCTIVE).recall();
  }

  /** Recall of Financial, 0 to 1; 1 when no item is labelled Financial. */
  public double financialRecall() {
    return score(Category.FINANCIAL).recall();
  }

  /** The score of one category. */
  public CategoryScore score(Category category) {
    return perCategory.stream()
        .filter(s -> s.category() == category)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no score for " + category));
  }

  /** A plain-text report for people: headline figures, per-category table, matrix, errors. */
  public String toText() {
    StringBuilder out = new StringBuilder();
    out.append("Evaluation of classifier ")
        .append(classifierVersion)
        .append(" on ")
        .append(total)
        .append(" labelled tools (annotations removed before classifying)\n");
    line(out, "Category accuracy", percent(categoryAccuracy()), categoryCorrect, total);
    line(out, "Risk-level accuracy", percent(riskLevelAccuracy()), riskLevelCorrect, total);
    out.append(
        String.format(
            Locale.ROOT,
            "%-22s %7s (mean over %d servers)%n",
            "Per-server accuracy:",
            percent(serverMacroAccuracy),
            servers));
    line(out, "Other share", percent(otherShare()), predictedOther(), total);
    CategoryScore destructive = score(Category.DESTRUCTIVE);
    line(
        out,
        "Destructive recall",
        percent(destructive.recall()),
        destructive.truePositives(),
        destructive.support());
    CategoryScore financial = score(Category.FINANCIAL);
    line(
        out,
        "Financial recall",
        percent(financial.recall()),
        financial.truePositives(),
        financial.support());
    line(
        out,
        "Read-only agreement",
        percent(readOnly.rate()),
        readOnly.agreeing(),
        readOnly.hinted());
    line(
        out,
        "  (labels vs hints)",
        percent(readOnly.labelRate()),
        readOnly.labelAgreeing(),
        readOnly.hinted());
    out.append("\nPer category:\n");
    out.append(
        String.format(
            Locale.ROOT,
            "  %-12s %8s %10s %10s %8s %6s%n",
            "category",
            "labelled",
            "predicted",
            "precision",
            "recall",
            "F1"));
    for (CategoryScore s : perCategory) {
      out.append(
          String.format(
              Locale.ROOT,
              "  %-12s %8d %10d %10s %8s %6s%n",
              s.category(),
              s.support(),
              s.predicted(),
              percent(s.precision()),
              percent(s.recall()),
              percent(s.f1())));
    }
    out.append("\nConfusion matrix (rows: label, columns: classifier):\n");
    out.append(String.format(Locale.ROOT, "  %-12s", ""));
    for (Category c : Category.values()) {
      out.append(String.format(Locale.ROOT, " %11s", c.label()));
    }
    out.append('\n');
    for (Category expected : Category.values()) {
      out.append(String.format(Locale.ROOT, "  %-12s", expected.label()));
      for (Category actual : Category.values()) {
        out.append(String.format(Locale.ROOT, " %11d", confusion.get(expected).get(actual)));
      }
      out.append('\n');
    }
    out.append("\nErrors (").append(errors.size()).append("):\n");
    for (EvalError e : errors) {
      out.append("  ")
          .append(e.server())
          .append(" / ")
          .append(e.tool())
          .append(" [")
          .append(e.split())
          .append("]: labelled ")
          .append(e.expectedCategory())
          .append('/')
          .append(e.expectedRiskLevel())
          .append(", classified ")
          .append(e.actualCategory())
          .append('/')
          .append(e.actualRiskLevel())
          .append("; rules ")
          .append(e.rules());
      if (!e.note().isEmpty()) {
        out.append("; label note: ").append(e.note());
      }
      out.append('\n');
    }
    if (!readOnly.disagreements().isEmpty()) {
      out.append("\nRead-only disagreements (")
          .append(readOnly.disagreements().size())
          .append("):\n");
      readOnly.disagreements().forEach(d -> out.append("  ").append(d).append('\n'));
    }
    return out.toString();
  }

  /**
   * The report as compact JSON with keys in a fixed order: {@code classifierVersion, total,
   * categoryCorrect, categoryAccuracy, riskLevelCorrect, riskLevelAccuracy, servers,
   * serverMacroAccuracy, predictedOther, otherShare, destructiveRecall, financialRecall,
   * readOnlyAgreement {hinted, agreeing, rate, labelAgreeing, labelRate, disagreements},
   * perCategory [{category, labelled, predicted, truePositives, precision, recall, f1}], confusion
   * {label: {classifier: count}}, errors [{server, tool, split, expected {category, riskLevel},
   * actual {category, riskLevel}, rules, rationale, note}]}; rates are fractions from 0 to 1
   * rounded to 4 decimals.
   */
  public String toJson() {
    ObjectNode root = Json.object();
    root.put("classifierVersion", classifierVersion);
    root.put("total", total);
    root.put("categoryCorrect", categoryCorrect);
    root.put("categoryAccuracy", round(categoryAccuracy()));
    root.put("riskLevelCorrect", riskLevelCorrect);
    root.put("riskLevelAccuracy", round(riskLevelAccuracy()));
    root.put("servers", servers);
    root.put("serverMacroAccuracy", round(serverMacroAccuracy));
    root.put("predictedOther", predictedOther());
    root.put("otherShare", round(otherShare()));
    root.put("destructiveRecall", round(destructiveRecall()));
    root.put("financialRecall", round(financialRecall()));
    ObjectNode ro = root.putObject("readOnlyAgreement");
    ro.put("hinted", readOnly.hinted());
    ro.put("agreeing", readOnly.agreeing());
    ro.put("rate", round(readOnly.rate()));
    ro.put("labelAgreeing", readOnly.labelAgreeing());
    ro.put("labelRate", round(readOnly.labelRate()));
    ArrayNode dis = ro.putArray("disagreements");
    readOnly.disagreements().forEach(dis::add);
    ArrayNode scores = root.putArray("perCategory");
    for (CategoryScore s : perCategory) {
      ObjectNode n = scores.addObject();
      n.put("category", s.category().label());
      n.put("labelled", s.support());
      n.put("predicted", s.predicted());
      n.put("truePositives", s.truePositives());
      n.put("precision", round(s.precision()));
      n.put("recall", round(s.recall()));
      n.put("f1", round(s.f1()));
    }
    ObjectNode matrix = root.putObject("confusion");
    for (Category expected : Category.values()) {
      ObjectNode row = matrix.putObject(expected.label());
      for (Category actual : Category.values()) {
        row.put(actual.label(), confusion.get(expected).get(actual));
      }
    }
    ArrayNode list = root.putArray("errors");
    for (EvalError e : errors) {
      ObjectNode n = list.addObject();
      n.put("server", e.server());
      n.put("tool", e.tool());
      n.put("split", e.split().label());
      ObjectNode expected = n.putObject("expected");
      expected.put("category", e.expectedCategory().label());
      expected.put("riskLevel", e.expectedRiskLevel().label());
      ObjectNode actual = n.putObject("actual");
      actual.put("category", e.actualCategory().label());
      actual.put("riskLevel", e.actualRiskLevel().label());
      ArrayNode rules = n.putArray("rules");
      e.rules().forEach(rules::add);
      n.put("rationale", e.rationale());
      n.put("note", e.note());
    }
    return Json.write(root);
  }

  private static void line(StringBuilder out, String label, String rate, int part, int whole) {
    out.append(String.format(Locale.ROOT, "%-22s %7s (%d/%d)%n", label + ":", rate, part, whole));
  }

  private static String percent(double rate) {
    return String.format(Locale.ROOT, "%.1f %%", rate * PERCENT);
  }

  private static double rate(int part, int whole) {
    return whole == 0 ? 1.0 : (double) part / whole;
  }

  private static double round(double value) {
    double scale = Math.pow(10, JSON_RATE_DECIMALS);
    return Math.round(value * scale) / scale;
  }
}
