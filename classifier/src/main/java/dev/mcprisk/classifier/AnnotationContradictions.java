package dev.mcprisk.classifier;

import dev.mcprisk.model.Category;
import dev.mcprisk.model.ToolAnnotations;

/**
 * The {@code annotation-contradiction} signal: the server's hints are untrusted, so a {@code
 * readOnlyHint} of true on a tool that changes things, or a {@code destructiveHint} of false on a
 * Destructive tool, is recorded with the evidence that decided the category.
 *
 * <p>Thread-safe: stateless.
 */
final class AnnotationContradictions {
  /** Records each hint that contradicts {@code category}. */
  void check(Category category, Action base, ToolFacts facts, Findings findings) {
    ToolAnnotations hints = facts.annotations();
    String decisive = findings.decisive();
    String cause =
        decisive != null
            ? decisive
            : base.word() == null ? null : "'" + base.word() + "' in " + base.where();
    String why = cause == null ? category.label() : category.label() + " (" + cause + ")";
    if (Boolean.TRUE.equals(hints.readOnlyHint()) && category.danger() >= Category.WRITE.danger()) {
      findings.signal(
          Classifier.ANNOTATION_CONTRADICTION,
          "readOnlyHint is true but the tool is " + why,
          RuleIds.CONTRADICTION);
    }
    if (Boolean.FALSE.equals(hints.destructiveHint()) && category == Category.DESTRUCTIVE) {
      findings.signal(
          Classifier.ANNOTATION_CONTRADICTION,
          "destructiveHint is false but the tool is " + why,
          RuleIds.CONTRADICTION);
    }
  }
}
