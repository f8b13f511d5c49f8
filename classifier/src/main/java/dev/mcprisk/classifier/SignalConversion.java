package dev.mcprisk.classifier;

import dev.mcprisk.model.Category;

/**
 * Category changes that depend on signals: a Write that takes SQL to run ({@code arbitrary-sql}) is
 * Execute; a Write, or an Execute that runs no code, shell or SQL, with the {@code irreversible}
 * signal is Destructive.
 *
 * <p>Thread-safe: immutable; the per-tool state is in the arguments.
 */
final class SignalConversion {
  private final SignalRules signalRules;

  SignalConversion(SignalRules signalRules) {
    this.signalRules = signalRules;
  }

  /** {@code category} converted by the signals found so far. */
  Category apply(Category category, Findings findings) {
    if (category == Category.WRITE && findings.hasSignal(Classifier.ARBITRARY_SQL)) {
      findings.decide("the SQL it runs");
      findings.rule(RuleIds.SQL_IS_EXECUTE);
      findings.note(
          "it takes SQL to run ("
              + findings.firstEvidence(Classifier.ARBITRARY_SQL)
              + "), and running SQL is Execute");
      category = Category.EXECUTE;
    }
    if (!findings.hasSignal(Classifier.IRREVERSIBLE)) {
      return category;
    }
    boolean runsCode =
        findings.hasSignal(Classifier.ARBITRARY_SQL)
            || findings.anySignal(signalRules::isExecutionOnly);
    String ruleId;
    if (category == Category.WRITE) {
      ruleId = RuleIds.IRREVERSIBLE_WRITE;
    } else if (category == Category.EXECUTE && !runsCode) {
      ruleId = RuleIds.IRREVERSIBLE_EXECUTE;
    } else {
      return category;
    }
    String evidence = findings.firstEvidence(Classifier.IRREVERSIBLE);
    findings.decide("the irreversible change it makes");
    findings.rule(ruleId);
    findings.note("the change cannot be undone (" + evidence + "), so it is Destructive");
    return Category.DESTRUCTIVE;
  }
}
