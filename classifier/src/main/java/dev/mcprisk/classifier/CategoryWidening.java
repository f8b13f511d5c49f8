package dev.mcprisk.classifier;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcprisk.model.Category;
import dev.mcprisk.text.IdentifierSplitter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Raises a tool's category to the most dangerous other thing it can do: a verb its description's
 * first sentence lists beside the base verb ("list, create, close, or select"), or an enum value of
 * an action parameter ({@code method}, {@code action}, {@code operation}: {@code delete_file}).
 *
 * <p>Thread-safe: immutable; the per-tool state is in the arguments.
 */
final class CategoryWidening {
  private final Lexicon lexicon;
  private final ActionReader actions;
  private final DescriptionEnumeration enumeration;

  CategoryWidening(Lexicon lexicon, ActionReader actions) {
    this.lexicon = lexicon;
    this.actions = actions;
    this.enumeration = new DescriptionEnumeration(lexicon);
  }

  /** {@code category} raised by the description's list of verbs, then by action-enum values. */
  Category widen(Category category, Action base, ToolReading tool, Findings findings) {
    Category result = byDescriptionList(category, base, tool, findings);
    return byActionEnums(result, base, tool, findings);
  }

  private Category byDescriptionList(
      Category category, Action base, ToolReading tool, Findings findings) {
    List<String> listed = enumeration.verbs(tool.facts().firstSentence());
    Action worst = null;
    for (String word : listed) {
      Action action =
          actions.resolve(
              tool,
              lexicon.verb(word),
              word,
              base.objects(),
              "the description",
              RuleIds.DESC_ENUMERATION);
      if (worst == null || action.category().danger() > worst.category().danger()) {
        worst = action;
      }
    }
    if (worst == null || worst.category().danger() <= category.danger()) {
      return category;
    }
    Category result = worst.category();
    findings.decide("'" + worst.word() + "' in the description");
    findings.rules(worst.rules());
    findings.note(
        "the description lists '"
            + String.join(", ", listed)
            + "', and the most dangerous, '"
            + worst.word()
            + "', is "
            + result);
    findings.notes(worst.notes());
    return result;
  }

  private Category byActionEnums(
      Category category, Action base, ToolReading tool, Findings findings) {
    Category result = category;
    for (Map.Entry<String, JsonNode> parameter : tool.facts().parameters().entrySet()) {
      if (!lexicon.isActionParameter(SignalRules.normalize(parameter.getKey()))) {
        continue;
      }
      for (String value : ToolFacts.enumValues(parameter.getValue())) {
        List<String> words = IdentifierSplitter.LEXICON.words(value);
        int index = actions.primaryIndex(words);
        if (index < 0) {
          continue;
        }
        List<String> objects = new ArrayList<>(base.objects());
        objects.addAll(words.subList(index + 1, words.size()));
        Action action =
            actions.resolve(
                tool,
                lexicon.verb(words.get(index)),
                words.get(index),
                objects,
                "parameter '" + parameter.getKey() + "'",
                RuleIds.ENUM_PARAMETER);
        if (action.category().danger() > result.danger()) {
          result = action.category();
          findings.decide("'" + value + "' in parameter '" + parameter.getKey() + "'");
          findings.rules(action.rules());
          findings.note(
              "parameter '"
                  + parameter.getKey()
                  + "' allows '"
                  + value
                  + "', which is "
                  + result
                  + ", and the most dangerous action decides");
          findings.notes(action.notes());
        }
      }
    }
    return result;
  }
}
