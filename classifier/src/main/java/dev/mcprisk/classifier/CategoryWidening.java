package dev.mcprisk.classifier;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcprisk.model.Category;
import dev.mcprisk.text.IdentifierSplitter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Raises a tool's category to the most dangerous other thing it can do: a verb its description's
 * first sentence lists beside the base verb ("list, create, close, or select"; for a weak base verb
 * such as manage or handle, a list anywhere in the description), or a value of an action parameter
 * ({@code method}, {@code action}, {@code operation}, {@code command}: its enum, its items' action
 * enums, or values its description lists as {@code "list | get | delete"}; a run-together value
 * such as {@code factoryreset} counts by the changing verb it ends in).
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
    Lexicon.Verb baseVerb = base.verb() == null ? null : lexicon.exactVerb(base.verb());
    boolean multiplexed = baseVerb != null && baseVerb.weak();
    if (listed.isEmpty() && multiplexed) {
      // "Manage project tasks. Supports listing, adding, updating, and removing tasks."
      listed = enumeration.verbs(ToolFacts.cut(tool.facts().description(), MAX_MULTIPLEXED_CHARS));
    }
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

  /**
   * {@code category} raised by action-enum values alone: for a tool whose name and description name
   * no verb, an action parameter still says what it can do.
   */
  Category byActionEnumsOnly(Category category, Action base, ToolReading tool, Findings findings) {
    return byActionEnums(category, base, tool, findings);
  }

  private Category byActionEnums(
      Category category, Action base, ToolReading tool, Findings findings) {
    Category result = category;
    for (Map.Entry<String, JsonNode> parameter : tool.facts().parameters().entrySet()) {
      if (!lexicon.isActionParameter(SignalRules.normalize(parameter.getKey()))) {
        continue;
      }
      for (String value : actionValues(parameter.getValue())) {
        List<String> words = IdentifierSplitter.LEXICON.words(value);
        int index = actions.primaryIndex(words);
        String verbWord = index < 0 ? null : words.get(index);
        Lexicon.Verb verb = index < 0 ? null : lexicon.verb(verbWord);
        if (verb == null && words.size() == 1) {
          verb = lexicon.compoundVerb(words.get(0));
          verbWord = words.get(0);
          index = 0;
        }
        if (verb == null) {
          continue;
        }
        List<String> objects = new ArrayList<>(base.objects());
        objects.addAll(words.subList(index + 1, words.size()));
        Action action =
            actions.resolve(
                tool,
                verb,
                verbWord,
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

  /**
   * The values an action parameter allows: its enum (or its items' enum), the enums of the action
   * fields of its items ({@code operations: [{type: copy|move|delete}]}), else the values its
   * description lists as {@code "list | get | delete"} or {@code "copy/move/delete"}.
   */
  List<String> actionValues(JsonNode parameter) {
    List<String> values = ToolFacts.enumValues(parameter);
    JsonNode itemFields = parameter == null ? null : parameter.path("items").get("properties");
    if (itemFields != null && itemFields.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = itemFields.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String name = SignalRules.normalize(field.getKey());
        if (lexicon.isActionParameter(name) || name.equals(ITEM_TYPE_FIELD)) {
          values.addAll(ToolFacts.enumValues(field.getValue()));
        }
      }
    }
    if (values.isEmpty() && parameter != null) {
      values.addAll(listedValues(parameter.path("description").asText("")));
    }
    return values;
  }

  /** Longest description prefix, in chars, searched for the list of a multiplexed tool. */
  static final int MAX_MULTIPLEXED_CHARS = 600;

  /** The field of an action parameter's items that names each item's action. */
  private static final String ITEM_TYPE_FIELD = "type";

  /** Most values read from one parameter description. */
  private static final int MAX_LISTED_VALUES = 40;

  /**
   * Identifiers a description lists with '|', '/' or ',' between them ({@code "restart | halt |
   * factoryreset"}, "Action to perform (save, resume, list)"); empty when it lists fewer than two.
   */
  static List<String> listedValues(String description) {
    List<String> values = new ArrayList<>();
    if (description.indexOf('|') < 0
        && description.indexOf('/') < 0
        && description.indexOf(',') < 0) {
      return values;
    }
    String[] pieces = description.split("[|/,]");
    if (pieces.length < 2) {
      return values;
    }
    for (int i = 0; i < pieces.length && values.size() < MAX_LISTED_VALUES; i++) {
      String piece = pieces[i].strip();
      // The first piece may end a lead-in ("Action: list"), the last may start a sentence.
      if (i == 0) {
        piece = lastToken(piece);
      } else if (i == pieces.length - 1) {
        piece = firstToken(piece);
      }
      if (!piece.isEmpty() && isIdentifier(piece)) {
        values.add(piece);
      }
    }
    return values.size() >= 2 ? values : List.of();
  }

  private static String lastToken(String text) {
    int end = text.length();
    int start = end;
    while (start > 0 && isIdentifierChar(text.charAt(start - 1))) {
      start--;
    }
    return text.substring(start, end);
  }

  private static String firstToken(String text) {
    int end = 0;
    while (end < text.length() && isIdentifierChar(text.charAt(end))) {
      end++;
    }
    return text.substring(0, end);
  }

  private static boolean isIdentifier(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (!isIdentifierChar(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isIdentifierChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '_'
        || c == '-';
  }
}
