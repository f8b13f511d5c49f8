package dev.mcprisk.classifier.eval;

import dev.mcprisk.model.Category;
import java.util.Objects;

/**
 * Precision, recall and F1 of one category.
 *
 * @param category the category
 * @param support how many items carry this label
 * @param predicted how many items the classifier put in this category
 * @param truePositives how many items carry this label and were put in it
 */
public record CategoryScore(Category category, int support, int predicted, int truePositives) {
  public CategoryScore {
    Objects.requireNonNull(category, "category == null");
    if (support < 0 || predicted < 0 || truePositives < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
    if (truePositives > support || truePositives > predicted) {
      throw new IllegalArgumentException(
          "truePositives " + truePositives + " exceeds support or predicted");
    }
  }

  /** truePositives / predicted, 0 to 1; 1 when nothing was predicted (no false positive). */
  public double precision() {
    return predicted == 0 ? 1.0 : (double) truePositives / predicted;
  }

  /** truePositives / support, 0 to 1; 1 when nothing carries this label. */
  public double recall() {
    return support == 0 ? 1.0 : (double) truePositives / support;
  }

  /** Harmonic mean of precision and recall, 0 to 1. */
  public double f1() {
    double p = precision();
    double r = recall();
    return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
  }
}
