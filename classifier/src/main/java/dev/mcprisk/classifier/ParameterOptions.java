package dev.mcprisk.classifier;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcprisk.model.Category;
import dev.mcprisk.text.IdentifierSplitter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a tool's parameters say beyond its verb: a boolean option named or described with a
 * destructive verb ({@code dropTarget}, "If true, permanently deletes...") makes a changing tool
 * Destructive (a Read tool's options, such as {@code removeScripts}, shape what it returns); a
 * required parameter confirming a cost ({@code confirm_cost_id}) makes a change Financial.
 *
 * <p>Thread-safe: immutable; the per-tool state is in the arguments.
 */
final class ParameterOptions {
  /** JSON Schema type of an option parameter ({@code dropTarget}, {@code deleteLocalData}). */
  private static final String BOOLEAN_TYPE = "boolean";

  /** Leading words of a boolean parameter's description skipped before its verb. */
  private static final Pattern OPTION_DESCRIPTION =
      Pattern.compile(
          "^\\s*(?:if (?:set to )?true,?\\s+)?(?:\\w+ly\\s+)?([\\p{L}]+)",
          Pattern.CASE_INSENSITIVE);

  private final Lexicon lexicon;
  private final ActionReader actions;

  ParameterOptions(Lexicon lexicon, ActionReader actions) {
    this.lexicon = lexicon;
    this.actions = actions;
  }

  /**
   * Destructive when a changing tool's boolean option's name or description is a destructive verb.
   */
  Category destructiveOption(Category result, ToolReading tool, Findings findings) {
    if (result.danger() >= Category.DESTRUCTIVE.danger()
        || result.danger() < Category.WRITE.danger()) {
      // A Read tool's options shape what it returns ("removeScripts" from a scraped page).
      return result;
    }
    for (Map.Entry<String, JsonNode> parameter : tool.facts().parameters().entrySet()) {
      JsonNode schema = parameter.getValue();
      if (schema == null || !BOOLEAN_TYPE.equals(schema.path("type").asText())) {
        continue;
      }
      List<String> words = IdentifierSplitter.LEXICON.words(parameter.getKey());
      String description = schema.path("description").asText("");
      Matcher m = OPTION_DESCRIPTION.matcher(description);
      List<String> candidates = new ArrayList<>(words);
      if (m.find()) {
        candidates.add(m.group(1).toLowerCase(Locale.ROOT));
      }
      for (String word : candidates) {
        Lexicon.Verb verb = lexicon.verb(word);
        if (verb == null || verb.category() != Category.DESTRUCTIVE) {
          continue;
        }
        Action action =
            actions.resolve(
                tool,
                verb,
                word,
                words,
                "option '" + parameter.getKey() + "'",
                RuleIds.DESTRUCTIVE_OPTION);
        if (action.category() != Category.DESTRUCTIVE) {
          continue;
        }
        findings.decide("the option '" + parameter.getKey() + "'");
        findings.rule(RuleIds.DESTRUCTIVE_OPTION);
        findings.note(
            "the option '"
                + parameter.getKey()
                + "'"
                + (description.isBlank() ? "" : " ('" + Quotes.quote(description) + "')")
                + " can "
                + verb.word()
                + ", and the most dangerous action decides, so Destructive");
        return Category.DESTRUCTIVE;
      }
    }
    return result;
  }

  /** Financial when a change has a required parameter that confirms a cost. */
  Category costParameter(Category result, ToolReading tool, Findings findings) {
    if (result.danger() < Category.WRITE.danger() || result == Category.FINANCIAL) {
      return result;
    }
    ToolFacts facts = tool.facts();
    for (String parameter : facts.parameters().keySet()) {
      if (!facts.required().contains(parameter)) {
        continue;
      }
      for (String word : IdentifierSplitter.LEXICON.words(parameter)) {
        if (lexicon.isFinancialParameterWord(word)) {
          findings.decide("the required parameter '" + parameter + "'");
          findings.rule(RuleIds.COST_PARAMETER);
          findings.note(
              "the required parameter '"
                  + parameter
                  + "' ties the call to a confirmed '"
                  + word
                  + "', so it commits money and is Financial");
          return Category.FINANCIAL;
        }
      }
    }
    return result;
  }
}
