package dev.mcprisk.classifier;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcprisk.model.Category;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Verbs, object tags and verb rules, loaded from {@code lexicon.json}. Immutable and thread-safe
 * after construction.
 */
final class Lexicon {
  static final String FILE = "lexicon.json";

  /** Tag of objects that always make a changing action Financial. */
  static final String TAG_FINANCIAL = "financial";

  /** Tag of objects that make a changing action Financial on a payments server. */
  static final String TAG_FINANCIAL_IN_CONTEXT = "financial-in-context";

  static final String TAG_MESSAGE = "message";
  static final String TAG_READ_NOUN = "read-noun";

  /** A verb of the lexicon. */
  record Verb(String word, Category category, boolean weak) {}

  /** A rule that changes a verb's category when an object tag is present. */
  record VerbRule(
      String id,
      Set<String> verbs,
      Category fromCategory,
      String tag,
      Scope scope,
      Category to,
      String reason) {
    boolean appliesTo(Verb verb) {
      return verbs.contains(verb.word())
          || (fromCategory != null && fromCategory == verb.category());
    }
  }

  /** Where a verb rule looks for its tag. */
  enum Scope {
    NAME,
    NAME_AND_FIRST_SENTENCE,
    ANYWHERE;

    static Scope parse(String text) {
      return switch (text) {
        case "name" -> NAME;
        case "name-and-first-sentence" -> NAME_AND_FIRST_SENTENCE;
        case "anywhere" -> ANYWHERE;
        default ->
            throw new IllegalArgumentException(
                "unknown scope '"
                    + text
                    + "' (expected name, name-and-first-sentence or anywhere)");
      };
    }
  }

  /** A named regex. */
  record NamedPattern(String id, Pattern pattern) {}

  private final Map<String, Verb> verbs;
  private final Map<String, Set<String>> tagsByWord;
  private final List<VerbRule> verbRules;
  private final Set<String> messageVerbs;
  private final Set<String> financialContextWords;
  private final Set<String> connectors;
  private final Set<String> actionParameters;
  private final List<NamedPattern> readOnlyPatterns;
  private final Set<String> readOnlyDemotableVerbs;

  private Lexicon(DataFile file) {
    JsonNode root = file.root();
    Set<String> weak = new TreeSet<>(file.strings(root, "weakVerbs", "weakVerbs"));
    Map<String, Verb> verbMap = new TreeMap<>();
    JsonNode verbsNode = file.required(root, "verbs", "verbs");
    for (Iterator<String> it = verbsNode.fieldNames(); it.hasNext(); ) {
      String categoryName = it.next();
      Category category;
      try {
        category = Category.parse(categoryName);
      } catch (IllegalArgumentException e) {
        throw file.error("verbs", e.getMessage());
      }
      for (String word : file.strings(verbsNode, categoryName, "verbs." + categoryName)) {
        Verb previous = verbMap.put(word, new Verb(word, category, weak.contains(word)));
        if (previous != null) {
          throw file.error(
              "verbs." + categoryName,
              "verb '" + word + "' is also listed under " + previous.category());
        }
      }
    }
    for (String word : weak) {
      if (!verbMap.containsKey(word)) {
        throw file.error("weakVerbs", "'" + word + "' is not a verb of any category");
      }
    }
    this.verbs = Map.copyOf(verbMap);

    Map<String, Set<String>> tags = new TreeMap<>();
    JsonNode tagsNode = file.required(root, "objectTags", "objectTags");
    for (Iterator<String> it = tagsNode.fieldNames(); it.hasNext(); ) {
      String tag = it.next();
      for (String word : file.strings(tagsNode, tag, "objectTags." + tag)) {
        tags.computeIfAbsent(word, w -> new TreeSet<>()).add(tag);
      }
    }
    Map<String, Set<String>> frozen = new TreeMap<>();
    tags.forEach((word, set) -> frozen.put(word, Set.copyOf(set)));
    this.tagsByWord = Map.copyOf(frozen);

    List<VerbRule> rules = new ArrayList<>();
    for (JsonNode rule : file.objects(root, "verbRules", "verbRules")) {
      String id = file.text(rule, "id", "verbRules");
      String where = "verbRules[" + id + "]";
      Scope scope;
      try {
        scope = Scope.parse(file.text(rule, "scope", where));
      } catch (IllegalArgumentException e) {
        throw file.error(where, e.getMessage());
      }
      Category from =
          rule.hasNonNull("fromCategory") ? file.category(rule, "fromCategory", where) : null;
      Set<String> ruleVerbs = Set.copyOf(file.optionalStrings(rule, "verbs", where));
      if (from == null && ruleVerbs.isEmpty()) {
        throw file.error(where, "needs 'verbs' or 'fromCategory'");
      }
      rules.add(
          new VerbRule(
              id,
              ruleVerbs,
              from,
              file.text(rule, "tag", where),
              scope,
              file.category(rule, "to", where),
              file.text(rule, "reason", where)));
    }
    this.verbRules = List.copyOf(rules);
    this.messageVerbs = Set.copyOf(file.strings(root, "messageVerbs", "messageVerbs"));
    this.financialContextWords =
        Set.copyOf(file.strings(root, "financialContextWords", "financialContextWords"));
    this.connectors = Set.copyOf(file.strings(root, "connectors", "connectors"));
    this.actionParameters = Set.copyOf(file.strings(root, "actionParameters", "actionParameters"));
    List<NamedPattern> patterns = new ArrayList<>();
    for (JsonNode p : file.objects(root, "readOnlyPatterns", "readOnlyPatterns")) {
      String id = file.text(p, "id", "readOnlyPatterns");
      patterns.add(new NamedPattern(id, file.regex(p, "regex", "readOnlyPatterns[" + id + "]")));
    }
    this.readOnlyPatterns = List.copyOf(patterns);
    this.readOnlyDemotableVerbs =
        Set.copyOf(file.strings(root, "readOnlyDemotableVerbs", "readOnlyDemotableVerbs"));
  }

  /**
   * Parses a lexicon file.
   *
   * @throws IllegalStateException naming the file and field when the file is bad
   */
  static Lexicon from(DataFile file) {
    return new Lexicon(file);
  }

  /** The verb {@code word} stands for, trying simple inflections; null when none. */
  Verb verb(String word) {
    for (String form : forms(word)) {
      Verb verb = verbs.get(form);
      if (verb != null) {
        return verb;
      }
    }
    return null;
  }

  /** The verb {@code word} is exactly, without inflections; null when none. */
  Verb exactVerb(String word) {
    return verbs.get(word);
  }

  /** The object tags of {@code word}, trying simple inflections; empty when none. */
  Set<String> tags(String word) {
    for (String form : forms(word)) {
      Set<String> tags = tagsByWord.get(form);
      if (tags != null) {
        return tags;
      }
    }
    return Set.of();
  }

  List<VerbRule> verbRules() {
    return verbRules;
  }

  boolean isMessageVerb(String word) {
    return messageVerbs.contains(word);
  }

  boolean isFinancialContextWord(String word) {
    return financialContextWords.contains(word);
  }

  boolean isConnector(String word) {
    return connectors.contains(word);
  }

  boolean isActionParameter(String normalizedName) {
    return actionParameters.contains(normalizedName);
  }

  List<NamedPattern> readOnlyPatterns() {
    return readOnlyPatterns;
  }

  boolean isReadOnlyDemotable(String verb) {
    return readOnlyDemotableVerbs.contains(verb);
  }

  /**
   * The word and its simple base forms, most literal first: as given, without trailing digits, then
   * without -s/-es/-ies, -ed and -ing endings (with a doubled final consonant undone).
   */
  static List<String> forms(String word) {
    List<String> forms = new ArrayList<>();
    forms.add(word);
    String w = word.replaceAll("[0-9]+$", "");
    if (w.isEmpty()) {
      return forms;
    }
    if (!w.equals(word)) {
      forms.add(w);
    }
    int n = w.length();
    if (n > 4 && w.endsWith("ies")) {
      forms.add(w.substring(0, n - 3) + "y");
    }
    if (n > 3 && w.endsWith("s") && !w.endsWith("ss")) {
      forms.add(w.substring(0, n - 1));
    }
    if (n > 3 && w.endsWith("es")) {
      forms.add(w.substring(0, n - 2));
    }
    for (String suffix : new String[] {"ing", "ed"}) {
      if (n > suffix.length() + 2 && w.endsWith(suffix)) {
        String stem = w.substring(0, n - suffix.length());
        forms.add(stem);
        forms.add(stem + "e");
        int s = stem.length();
        if (s > 2 && stem.charAt(s - 1) == stem.charAt(s - 2)) {
          forms.add(stem.substring(0, s - 1));
        }
      }
    }
    return forms;
  }
}
