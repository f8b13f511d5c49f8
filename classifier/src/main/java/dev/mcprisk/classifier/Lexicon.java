package dev.mcprisk.classifier;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcprisk.model.Category;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Verbs, object tags and verb rules, loaded from {@code lexicon.json}. Thread-safe: immutable after
 * construction but for a concurrent memo of word lookups, which does not change any result.
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

  /** What a word means to the lexicon: its verb (may be null) and its object tags. */
  private record Lookup(Verb verb, Set<String> tags, Verb baseVerb, boolean nounVerb) {}

  /**
   * Most words whose lookup is memoized; past this the lookups are computed each time. Words repeat
   * across tools (Zipf), so the memo saves the inflection work on almost every lookup.
   */
  static final int MAX_CACHED_WORDS = 100_000;

  private final ConcurrentHashMap<String, Lookup> cache = new ConcurrentHashMap<>();

  private final Map<String, Verb> verbs;
  private final Map<String, Set<String>> tagsByWord;
  private final List<VerbRule> verbRules;
  private final Set<String> messageVerbs;
  private final Set<String> financialContextWords;
  private final Set<String> connectors;
  private final Set<String> actionParameters;
  private final List<NamedPattern> readOnlyPatterns;
  private final Set<String> readOnlyDemotableVerbs;
  private final Set<String> additiveVerbs;
  private final Set<String> overwriteModeValues;
  private final Set<String> financialParameterWords;
  private final Map<String, String> irregularForms;
  private final Set<String> nounVerbs;
  private final Set<String> negators;
  private final Set<String> prepositions;

  /** A prefix that repeats the verb it is put before ({@code rebuild}: build). */
  static final String REPEAT_PREFIX = "re";

  /** A prefix that undoes the verb it is put before ({@code undrop}, {@code unmerge}): Write. */
  static final String UNDO_PREFIX = "un";

  /** Shortest verb a {@link #REPEAT_PREFIX} or {@link #UNDO_PREFIX} is taken off for, in chars. */
  static final int MIN_PREFIXED_VERB_CHARS = 4;

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
    this.additiveVerbs = Set.copyOf(file.strings(root, "additiveVerbs", "additiveVerbs"));
    this.overwriteModeValues =
        Set.copyOf(file.strings(root, "overwriteModeValues", "overwriteModeValues"));
    this.financialParameterWords =
        Set.copyOf(file.strings(root, "financialParameterWords", "financialParameterWords"));
    Map<String, String> irregular = new TreeMap<>();
    JsonNode irregularNode = file.required(root, "irregularForms", "irregularForms");
    for (Iterator<Map.Entry<String, JsonNode>> it = irregularNode.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> form = it.next();
      String base = form.getValue().asText("");
      if (!verbMap.containsKey(base)) {
        throw file.error(
            "irregularForms." + form.getKey(), "'" + base + "' is not a verb of any category");
      }
      irregular.put(form.getKey(), base);
    }
    this.irregularForms = Map.copyOf(irregular);
    this.nounVerbs = Set.copyOf(file.strings(root, "nounVerbs", "nounVerbs"));
    for (String word : nounVerbs) {
      if (!verbMap.containsKey(word)) {
        throw file.error("nounVerbs", "'" + word + "' is not a verb of any category");
      }
    }
    this.negators = Set.copyOf(file.strings(root, "negators", "negators"));
    this.prepositions = Set.copyOf(file.strings(root, "prepositions", "prepositions"));
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
    return lookup(word).verb();
  }

  /** The verb and tags of a word, memoized; see {@link #MAX_CACHED_WORDS}. */
  private Lookup lookup(String word) {
    Lookup cached = cache.get(word);
    if (cached != null) {
      return cached;
    }
    Verb verb = verbs.get(word);
    Set<String> tags = tagsByWord.get(word);
    if (verb == null || tags == null) {
      List<String> forms = forms(word);
      for (String form : forms) {
        if (verb == null) {
          verb = verbs.get(form);
        }
        if (tags == null) {
          tags = tagsByWord.get(form);
        }
      }
      for (int i = 0; verb == null && i < forms.size(); i++) {
        verb = derivedVerb(forms.get(i));
      }
    }
    Verb base = verbs.get(word);
    if (base == null && !irregularForms.containsKey(word)) {
      base = derivedVerb(word);
    }
    Lookup result =
        new Lookup(
            verb,
            tags == null ? Set.of() : tags,
            base,
            verb != null && nounVerbs.contains(verb.word()));
    if (cache.size() < MAX_CACHED_WORDS) {
      cache.putIfAbsent(word, result);
    }
    return result;
  }

  /**
   * The verb of a form the lexicon does not list itself: an irregular form ({@code wrote}: write),
   * a repeated verb ({@code rebuild}: build, the same category) or an undone one ({@code undrop},
   * {@code unmerge}: Write, as undoing restores what was there); null when none.
   */
  private Verb derivedVerb(String form) {
    String base = irregularForms.get(form);
    if (base != null) {
      return verbs.get(base);
    }
    int n = form.length();
    if (n - REPEAT_PREFIX.length() >= MIN_PREFIXED_VERB_CHARS && form.startsWith(REPEAT_PREFIX)) {
      Verb repeated = verbs.get(form.substring(REPEAT_PREFIX.length()));
      if (repeated != null) {
        return repeated;
      }
    }
    if (n - UNDO_PREFIX.length() >= MIN_PREFIXED_VERB_CHARS && form.startsWith(UNDO_PREFIX)) {
      Verb undone = verbs.get(form.substring(UNDO_PREFIX.length()));
      if (undone != null && undone.category() != Category.READ) {
        return new Verb(form, Category.WRITE, false);
      }
    }
    return null;
  }

  /**
   * Whether {@code word} is a verb that, late in a tool name, usually names an object ({@code
   * get_issue_comment}, {@code get_job_status}): such a word does not take over the action from an
   * earlier verb. Tries the word's inflections.
   */
  boolean isNounVerb(String word) {
    return lookup(word).nounVerb();
  }

  /** Shortest verb found at the end of a compound word, in chars ({@code reset}). */
  static final int MIN_COMPOUND_VERB_CHARS = 5;

  /**
   * The changing verb a lower-case compound ends in ({@code factoryreset}: reset, {@code
   * forcedelete}: delete), for enum values whose words are run together; null when none. Read verbs
   * are not looked for: they change nothing the enum would widen to.
   */
  Verb compoundVerb(String word) {
    for (int start = 2; word.length() - start >= MIN_COMPOUND_VERB_CHARS; start++) {
      Verb verb = verbs.get(word.substring(start));
      if (verb != null && verb.category() != Category.READ) {
        return verb;
      }
    }
    return null;
  }

  /** Whether {@code word} is a preposition ("as" in {@code mark_as_read}). */
  boolean isPreposition(String word) {
    return prepositions.contains(word);
  }

  /** Whether {@code word} negates the verbs right after it ("not", "without", "never"). */
  boolean isNegator(String word) {
    return negators.contains(word);
  }

  /** The verb {@code word} is exactly, without inflections; null when none. */
  Verb exactVerb(String word) {
    return verbs.get(word);
  }

  /**
   * The verb {@code word} is in its base form: listed, or a prefixed or irregular form of a listed
   * verb, but not an -s, -ed or -ing form ({@code deleted items}, {@code runs} name objects); null
   * when none.
   */
  Verb baseVerb(String word) {
    return lookup(word).baseVerb();
  }

  /** The object tags of {@code word}, trying simple inflections; empty when none. */
  Set<String> tags(String word) {
    return lookup(word).tags();
  }

  /** The first of {@code words} whose {@link #tags} hold {@code tag}; null when none does. */
  String firstWithTag(List<String> words, String tag) {
    for (String word : words) {
      if (tags(word).contains(tag)) {
        return word;
      }
    }
    return null;
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

  /** Whether {@code verb} only adds what it is given (create, insert), so "many" is no reach. */
  boolean isAdditive(String verb) {
    return additiveVerbs.contains(verb);
  }

  /** Whether a word of a required parameter's name ties the call to money ({@code cost}). */
  boolean isFinancialParameterWord(String word) {
    return financialParameterWords.contains(word);
  }

  /** Whether an action-parameter value such as {@code rewrite} replaces a whole existing file. */
  boolean isOverwriteMode(String value) {
    return overwriteModeValues.contains(value.toLowerCase(Locale.ROOT));
  }

  /**
   * The word and its simple base forms, most literal first: as given, without trailing digits, then
   * without -s/-es/-ies, -ed and -ing endings (with a doubled final consonant undone).
   */
  static List<String> forms(String word) {
    List<String> forms = new ArrayList<>();
    forms.add(word);
    int digits = word.length();
    while (digits > 0 && word.charAt(digits - 1) >= '0' && word.charAt(digits - 1) <= '9') {
      digits--;
    }
    String w = word.substring(0, digits);
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
