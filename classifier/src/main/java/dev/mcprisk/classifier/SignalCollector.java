package dev.mcprisk.classifier;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcprisk.model.Category;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * Raises a tool's signals ({@code signals.json} and the code's own, {@link
 * Classifier#COMPUTED_SIGNALS}) from its parameters, description, name words and raw text, then
 * settles them against the category: message sending only for a change, privilege change only for a
 * change, no execution-only signal on a Read tool.
 *
 * <p>Thread-safe: immutable; the per-tool state is in the arguments.
 */
final class SignalCollector {
  private final Lexicon lexicon;
  private final SignalRules signalRules;
  private final DeceptiveNames deceptiveNames;

  SignalCollector(Lexicon lexicon, SignalRules signalRules) {
    this.lexicon = lexicon;
    this.signalRules = signalRules;
    this.deceptiveNames = new DeceptiveNames(signalRules);
  }

  /** Records every signal of the tool; execution-only description rules run only on a change. */
  void collect(Category category, Action base, ToolReading tool, Findings findings) {
    ToolFacts facts = tool.facts();
    boolean changes = category.danger() >= Category.WRITE.danger();
    for (String parameter : facts.parameters().keySet()) {
      String normalized = SignalRules.normalize(parameter);
      if (signalRules.isExcludedParameter(normalized)) {
        continue;
      }
      for (SignalRules.ParameterRule rule : signalRules.parameterRules()) {
        if (rule.matches(normalized)) {
          findings.signal(rule.signal(), "parameter '" + parameter + "'", rule.id());
        }
      }
      if (signalRules.isSqlParameter(normalized) && !findings.hasSignal(Classifier.ARBITRARY_SQL)) {
        Matcher m = signalRules.sqlContext().pattern().matcher(facts.description());
        if (m.find()) {
          findings.signal(
              Classifier.ARBITRARY_SQL,
              "parameter '" + parameter + "' with '" + m.group() + "' in the description",
              signalRules.sqlContext().id());
        }
      }
    }
    if (findings.hasSignal(Classifier.FILE_SYSTEM_PATH)) {
      overwriteModes(facts, findings);
    }
    ScanText description = signalRules.scan(facts.description());
    for (SignalRules.Gated rule : signalRules.descriptionRules()) {
      if (!changes && signalRules.isExecutionOnly(rule.signal())) {
        continue;
      }
      Matcher m = rule.find(description);
      if (m != null) {
        findings.signal(
            rule.signal(), "description: " + Quotes.around(facts.description(), m), rule.id());
      }
    }
    boolean additive = base.verb() != null && lexicon.isAdditive(base.verb());
    for (SignalRules.NameRule rule : signalRules.nameRules()) {
      if (additive && rule.signal().equals(Classifier.BULK_SCOPE)) {
        continue;
      }
      String word = lexicon.firstWithTag(facts.nameWords(), rule.tag());
      if (word != null) {
        findings.signal(rule.signal(), "name word '" + word + "'", rule.id());
      }
    }
    if (facts.parameters().size() > signalRules.highParameterCount()) {
      findings.signal(
          Classifier.HIGH_PARAMETER_COUNT,
          facts.parameters().size()
              + " parameters (more than "
              + signalRules.highParameterCount()
              + ")",
          RuleIds.HIGH_PARAMETER_COUNT);
    }
    if (!facts.hasDescription()) {
      findings.signal(Classifier.EMPTY_DESCRIPTION, "no description", RuleIds.EMPTY_DESCRIPTION);
    }
    deceptiveNames.check(facts, findings);
    ScanText raw = signalRules.scan(facts.rawText());
    for (SignalRules.Gated rule : signalRules.poisoningRules()) {
      Matcher m = rule.find(raw);
      if (m != null) {
        findings.signal(Classifier.TOOL_POISONING, poisonEvidence(m), rule.id());
      }
    }
  }

  /**
   * Settles the signals against the final category: a change may send a message, only a change
   * keeps privilege-change, and a Read tool keeps no execution-only signal.
   */
  void settle(Category category, Action base, Findings findings) {
    if (category.danger() >= Category.WRITE.danger()) {
      messageSending(base, findings);
    } else {
      findings.dropSignal(Classifier.PRIVILEGE_CHANGE);
    }
    if (category == Category.READ) {
      findings.dropSignals(signalRules::isExecutionOnly);
    }
  }

  /** An action-parameter value such as {@code rewrite} on a file tool overwrites the file. */
  private void overwriteModes(ToolFacts facts, Findings findings) {
    for (Map.Entry<String, JsonNode> parameter : facts.parameters().entrySet()) {
      if (!lexicon.isActionParameter(SignalRules.normalize(parameter.getKey()))) {
        continue;
      }
      for (String value : ToolFacts.enumValues(parameter.getValue())) {
        if (lexicon.isOverwriteMode(value)) {
          findings.signal(
              Classifier.IRREVERSIBLE,
              "parameter '"
                  + parameter.getKey()
                  + "' allows '"
                  + value
                  + "', which replaces an existing file's content",
              RuleIds.OVERWRITE_MODE);
          return;
        }
      }
    }
  }

  private static String poisonEvidence(Matcher m) {
    String match = m.group();
    if (match.length() == 1 && !Character.isLetterOrDigit(match.charAt(0))) {
      return String.format(
          Locale.ROOT, "invisible character U+%04X at offset %d", match.codePointAt(0), m.start());
    }
    if (match.codePointCount(0, match.length()) == 1
        && Character.isSupplementaryCodePoint(match.codePointAt(0))) {
      return String.format(
          Locale.ROOT, "invisible character U+%05X at offset %d", match.codePointAt(0), m.start());
    }
    return "description text '" + Quotes.quote(match) + "'";
  }

  private void messageSending(Action base, Findings findings) {
    if (base.verb() == null || base.word() == null) {
      return;
    }
    boolean verbSends = lexicon.isMessageVerb(base.verb());
    boolean verbIsMessage = lexicon.tags(base.word()).contains(Lexicon.TAG_MESSAGE);
    String object = lexicon.firstWithTag(base.objects(), Lexicon.TAG_MESSAGE);
    if (verbSends && (verbIsMessage || object != null)) {
      String evidence =
          object == null
              ? "the '" + base.word() + "' verb in " + base.where()
              : "the '" + base.word() + "' verb and '" + object + "' object in " + base.where();
      findings.signal(Classifier.MESSAGE_SENDING, evidence, RuleIds.MESSAGE_SENDING);
    }
  }
}
