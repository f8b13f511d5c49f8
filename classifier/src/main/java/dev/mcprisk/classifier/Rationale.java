package dev.mcprisk.classifier;

import dev.mcprisk.model.Category;
import dev.mcprisk.model.Signal;
import java.util.List;

/**
 * The rationale of an assessment: a sentence on the base action and where it was read, the notes of
 * every rule beyond the verb, the risk level with its reason, then a sentence each on an annotation
 * contradiction, tool poisoning and a deceptive name.
 *
 * <p>Thread-safe: stateless.
 */
final class Rationale {
  /** The rationale text. */
  String write(
      BaseAction baseAction,
      Category category,
      RiskGrade grade,
      List<Signal> signals,
      ToolFacts facts,
      Findings findings) {
    Action base = baseAction.action();
    ActionSource source = baseAction.source();
    StringBuilder text = new StringBuilder();
    switch (source) {
      case NAME, FIRST_SENTENCE, TITLE, ANY_SENTENCE -> {
        text.append("The '").append(base.word()).append("' verb");
        List<String> objects = source == ActionSource.ANY_SENTENCE ? List.of() : base.objects();
        if (!objects.isEmpty() && source == ActionSource.NAME) {
          text.append(" and '").append(String.join(" ", objects)).append("' object");
        }
        text.append(" in ").append(base.where());
        if (source != ActionSource.NAME) {
          text.append(" (the name '").append(facts.name()).append("' has no known verb)");
        }
        text.append(" suggest")
            .append(source == ActionSource.NAME && !base.objects().isEmpty() ? "" : "s");
        text.append(' ').append(base.category() == category ? category : base.category());
      }
      case READ_NOUN -> {
        if (base.rules().contains(RuleIds.READ_NOUN_IN_DESCRIPTION)) {
          text.append("Neither the name '")
              .append(facts.name())
              .append("' nor its description has a known verb, but the description's first")
              .append(" sentence names the read noun '")
              .append(base.word())
              .append("', which suggests Read");
        } else {
          text.append("The name '")
              .append(facts.name())
              .append("' has no verb but the read noun '")
              .append(base.word())
              .append("', which suggests Read");
        }
      }
      case ANNOTATION ->
          text.append("Nothing in the name or description says what '")
              .append(facts.name())
              .append("' does; the server's readOnlyHint (untrusted) suggests Read");
      case NONE -> {
        if (category == Category.OTHER) {
          text.append("Nothing in the name '")
              .append(facts.name())
              .append("' or its description says what it does, so Other");
        } else {
          text.append("Neither the name '")
              .append(facts.name())
              .append("' nor its description has a known verb");
        }
      }
    }
    if (source == ActionSource.NAME) {
      if (facts.hasDescription()) {
        text.append("; the description says '")
            .append(Quotes.quote(facts.firstSentence()))
            .append('\'');
      } else {
        text.append("; the description is empty");
      }
    }
    for (String note : findings.notes()) {
      text.append("; ").append(note);
    }
    text.append(". ").append(grade.level()).append(": ").append(grade.reason()).append('.');
    for (Signal signal : signals) {
      if (signal.id().equals(Classifier.ANNOTATION_CONTRADICTION)) {
        text.append(" The server's annotation contradicts this: ")
            .append(signal.evidence())
            .append('.');
      } else if (signal.id().equals(Classifier.TOOL_POISONING)) {
        text.append(" Possible tool poisoning: ").append(signal.evidence()).append('.');
      } else if (signal.id().equals(Classifier.DECEPTIVE_NAME)) {
        findings.deceptiveSentences().stream()
            .limit(Classifier.MAX_EVIDENCE_PER_SIGNAL)
            .forEach(sentence -> text.append(' ').append(sentence));
      }
    }
    return text.toString();
  }
}
