package dev.mcprisk.classifier;

import dev.mcprisk.model.Category;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Category changes that depend on signals: a Read that takes SQL to run whose description names a
 * writing statement (INSERT, UPDATE, DELETE, ALTER, DROP...) is Execute; a Write that takes SQL to
 * run ({@code arbitrary-sql}) is Execute; a Write, or an Execute that runs no code, shell or SQL,
 * with the {@code irreversible} signal is Destructive.
 *
 * <p>Thread-safe: immutable; the per-tool state is in the arguments.
 */
final class SignalConversion {
  /** SQL statements that write, as a description names them (upper case, as SQL is written). */
  private static final Pattern WRITING_SQL =
      Pattern.compile(
          "\\b(INSERT|UPDATE|DELETE|MERGE|UPSERT|ALTER|CREATE|DROP|TRUNCATE|DDL|DML)\\b");

  private final SignalRules signalRules;
  private final Lexicon lexicon;

  SignalConversion(SignalRules signalRules, Lexicon lexicon) {
    this.signalRules = signalRules;
    this.lexicon = lexicon;
  }

  /** Whether one of the lexicon's read-only patterns ("read-only", "no side effects") matches. */
  private boolean saysReadOnly(String description) {
    for (Lexicon.NamedPattern p : lexicon.readOnlyPatterns()) {
      if (p.pattern().matcher(description).find()) {
        return true;
      }
    }
    return false;
  }

  /** {@code category} converted by the signals found so far. */
  Category apply(Category category, ToolFacts facts, Findings findings) {
    if (category == Category.READ && findings.hasSignal(Classifier.ARBITRARY_SQL)) {
      Matcher m = WRITING_SQL.matcher(facts.description());
      if (m.find() && !saysReadOnly(facts.description())) {
        findings.decide("the SQL it runs");
        findings.rule(RuleIds.WRITING_SQL_IS_EXECUTE);
        findings.note(
            "it takes SQL to run and the description names '"
                + m.group()
                + "', a statement that writes, so running it is Execute");
        category = Category.EXECUTE;
      }
    }
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
