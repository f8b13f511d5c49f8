package dev.mcprisk.classifier;

import dev.mcprisk.model.Category;
import java.util.regex.Matcher;

/**
 * A run, execute, query, trigger or confirm verb (the lexicon's read-only-demotable verbs) whose
 * description says it only reads ("read-only", "Demonstrates…", "Ask the user…": the lexicon's
 * read-only patterns) is Read, not Execute or Write.
 *
 * <p>Thread-safe: immutable; the per-tool state is in the arguments.
 */
final class ReadOnlyDemotion {
  private final Lexicon lexicon;

  ReadOnlyDemotion(Lexicon lexicon) {
    this.lexicon = lexicon;
  }

  /** Read when the rule applies, else {@code category}. */
  Category apply(Category category, Action base, ToolReading tool, Findings findings) {
    if ((category != Category.EXECUTE && category != Category.WRITE)
        || base.verb() == null
        || !lexicon.isReadOnlyDemotable(base.verb())) {
      return category;
    }
    for (Lexicon.NamedPattern p : lexicon.readOnlyPatterns()) {
      Matcher m = p.pattern().matcher(tool.facts().description());
      if (m.find()) {
        findings.rule(p.id());
        findings.note("the description says '" + m.group() + "', so it only reads");
        return Category.READ;
      }
    }
    return category;
  }
}
