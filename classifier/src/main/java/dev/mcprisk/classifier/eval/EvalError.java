package dev.mcprisk.classifier.eval;

import dev.mcprisk.model.Category;
import dev.mcprisk.model.RiskLevel;
import java.util.List;
import java.util.Objects;

/**
 * One item the classifier got wrong: the category, the risk level, or both.
 *
 * @param server the npm package
 * @param tool the tool name
 * @param split dev or holdout
 * @param expectedCategory the label
 * @param actualCategory the classifier's category
 * @param expectedRiskLevel the label
 * @param actualRiskLevel the classifier's risk level
 * @param rules the rule ids that fired, to trace the error
 * @param rationale the classifier's rationale
 * @param note the labeller's note, empty when none
 */
public record EvalError(
    String server,
    String tool,
    Split split,
    Category expectedCategory,
    Category actualCategory,
    RiskLevel expectedRiskLevel,
    RiskLevel actualRiskLevel,
    List<String> rules,
    String rationale,
    String note) {
  public EvalError {
    Objects.requireNonNull(server, "server == null");
    Objects.requireNonNull(tool, "tool == null");
    Objects.requireNonNull(split, "split == null");
    Objects.requireNonNull(expectedCategory, "expectedCategory == null");
    Objects.requireNonNull(actualCategory, "actualCategory == null");
    Objects.requireNonNull(expectedRiskLevel, "expectedRiskLevel == null");
    Objects.requireNonNull(actualRiskLevel, "actualRiskLevel == null");
    rules = List.copyOf(Objects.requireNonNull(rules, "rules == null"));
    Objects.requireNonNull(rationale, "rationale == null");
    note = note == null ? "" : note;
  }

  /** Whether the category is wrong (else only the risk level is). */
  public boolean categoryWrong() {
    return expectedCategory != actualCategory;
  }
}
