package dev.mcprisk.classifier;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcprisk.text.UnsafeCharacter;
import java.lang.Character.UnicodeScript;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Signal rules, loaded from {@code signals.json}: parameter-name rules, description regexes,
 * name-tag rules, tool-poisoning patterns and deceptive-name rules, plus the stable signal order.
 * Immutable and thread-safe after construction.
 */
final class SignalRules {
  static final String FILE = "signals.json";

  private static final char ASCII = 0x80;

  /** A rule on parameter names (lower-cased, '_' and '-' removed). */
  record ParameterRule(String id, String signal, Set<String> names, List<String> suffixes) {
    boolean matches(String normalizedName) {
      if (names.contains(normalizedName)) {
        return true;
      }
      for (String suffix : suffixes) {
        if (normalizedName.endsWith(suffix)) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * A regex over description text that raises a signal, with cheap gates that must pass before the
   * regex runs: the lower-case text contains one of {@code anyOf} and one of {@code andAnyOf} (an
   * empty list is no gate), it holds a non-ASCII char when {@code nonAscii}, and a run of at least
   * {@code minBase64Run} base64 chars (0: no such gate). Every text the regex matches passes the
   * gates (SignalRulesTest checks it on the bundled tools and the poisoning examples).
   */
  record TextRule(
      String id,
      String signal,
      Pattern pattern,
      List<String> anyOf,
      List<String> andAnyOf,
      boolean nonAscii,
      int minBase64Run) {
    TextRule {
      anyOf = List.copyOf(anyOf);
      andAnyOf = List.copyOf(andAnyOf);
    }

    /** The same rule with its needles resolved against {@code index}. */
    Gated gated(NeedleIndex index) {
      return new Gated(
          this,
          index,
          anyOf.stream().mapToInt(index::indexOf).toArray(),
          andAnyOf.stream().mapToInt(index::indexOf).toArray());
    }
  }

  /**
   * A text rule whose needles are positions in the {@link NeedleIndex} of its rule list (one for
   * the description rules, one for the poisoning rules, so each text is searched only for the
   * needles of the rules run on it).
   *
   * @param rule the rule
   * @param index the needles of its rule list
   * @param anyOf positions of its {@code anyOf} needles
   * @param andAnyOf positions of its {@code andAnyOf} needles
   */
  record Gated(TextRule rule, NeedleIndex index, int[] anyOf, int[] andAnyOf) {
    String id() {
      return rule.id();
    }

    String signal() {
      return rule.signal();
    }

    /** Whether the gates let the regex run on {@code text}. */
    boolean mayMatch(ScanText text) {
      if (rule.nonAscii() && !text.hasNonAscii()) {
        return false;
      }
      if (rule.minBase64Run() > 0 && !text.hasBase64Run(rule.minBase64Run())) {
        return false;
      }
      return containsAny(text, anyOf) && containsAny(text, andAnyOf);
    }

    private boolean containsAny(ScanText text, int[] needles) {
      if (needles.length == 0) {
        return true;
      }
      for (int needle : needles) {
        if (text.contains(index, needle)) {
          return true;
        }
      }
      return false;
    }

    /** The first match in {@code text}, or null when the gates fail or nothing matches. */
    Matcher find(ScanText text) {
      if (!mayMatch(text)) {
        return null;
      }
      Matcher m = rule.pattern().matcher(text.text());
      return m.find() ? m : null;
    }
  }

  /** A name-word tag that raises a signal. */
  record NameRule(String id, String signal, String tag) {}

  /**
   * A rule of the {@code deceptive-name} signal on the characters of a tool name.
   *
   * @param id rule id, such as {@code name.bidi-control}
   * @param kinds the kinds of unsafe character it covers
   * @param reason what such a character does, the end of a rationale sentence ("which can make it
   *     display as another name")
   */
  record NameCharacterRule(String id, Set<UnsafeCharacter> kinds, String reason) {
    NameCharacterRule {
      kinds = Set.copyOf(kinds);
    }
  }

  /**
   * The mixed-script rule of the {@code deceptive-name} signal: a word of the name whose letters
   * come from several scripts that are not one of {@code allowed} (Unicode TR39 §5.2, "Highly
   * Restrictive": Latin with Han and Japanese kana, Bopomofo or Hangul).
   *
   * @param id rule id
   * @param allowed script sets a word may mix
   * @param reason the end of the rationale sentence
   */
  record MixedScriptRule(String id, List<Set<UnicodeScript>> allowed, String reason) {
    MixedScriptRule {
      allowed = allowed.stream().map(Set::copyOf).toList();
    }

    /** Whether a word with letters of {@code scripts} mixes them deceptively. */
    boolean mixes(Set<UnicodeScript> scripts) {
      if (scripts.size() < 2) {
        return false;
      }
      for (Set<UnicodeScript> set : allowed) {
        if (set.containsAll(scripts)) {
          return false;
        }
      }
      return true;
    }
  }

  private final List<String> order;
  private final List<ParameterRule> parameterRules;
  private final List<String> excludedParameterSuffixes;
  private final List<Gated> descriptionRules;
  private final List<NameRule> nameRules;
  private final List<Gated> poisoningRules;
  private final Map<UnsafeCharacter, NameCharacterRule> nameCharacterRules;
  private final MixedScriptRule mixedScriptRule;
  private final int highParameterCount;
  private final Set<String> executionOnlySignals;
  private final Set<String> sqlParameterNames;
  private final TextRule sqlContext;

  private SignalRules(DataFile file) {
    JsonNode root = file.root();
    this.order = file.strings(root, "order", "order");
    Set<String> known = new HashSet<>(order);
    if (known.size() != order.size()) {
      throw file.error("order", "a signal id is listed twice");
    }
    for (String required : Classifier.COMPUTED_SIGNALS) {
      if (!known.contains(required)) {
        throw file.error("order", "signal '" + required + "' is missing");
      }
    }
    List<ParameterRule> params = new ArrayList<>();
    for (JsonNode rule : file.objects(root, "parameterRules", "parameterRules")) {
      String id = file.text(rule, "id", "parameterRules");
      String where = "parameterRules[" + id + "]";
      params.add(
          new ParameterRule(
              id,
              signal(file, rule, where, known),
              Set.copyOf(normalize(file.strings(rule, "names", where))),
              normalize(file.strings(rule, "suffixes", where))));
    }
    this.parameterRules = List.copyOf(params);
    this.excludedParameterSuffixes =
        normalize(file.strings(root, "excludedParameterSuffixes", "excludedParameterSuffixes"));
    List<TextRule> description = textRules(file, root, "descriptionRules", known, true);
    List<NameRule> names = new ArrayList<>();
    for (JsonNode rule : file.objects(root, "nameRules", "nameRules")) {
      String id = file.text(rule, "id", "nameRules");
      String where = "nameRules[" + id + "]";
      names.add(new NameRule(id, signal(file, rule, where, known), file.text(rule, "tag", where)));
    }
    this.nameRules = List.copyOf(names);
    List<TextRule> poisoning = textRules(file, root, "poisoningRules", known, false);
    this.descriptionRules = gated(file, description);
    this.poisoningRules = gated(file, poisoning);
    JsonNode deceptive = file.required(root, "deceptiveNameRules", "deceptiveNameRules");
    this.nameCharacterRules = nameCharacterRules(file, deceptive);
    this.mixedScriptRule = mixedScriptRule(file, deceptive);
    this.highParameterCount = file.integer(root, "highParameterCount", "highParameterCount");
    this.executionOnlySignals =
        Set.copyOf(file.strings(root, "executionOnlySignals", "executionOnlySignals"));
    for (String signal : executionOnlySignals) {
      if (!known.contains(signal)) {
        throw file.error("executionOnlySignals", "signal '" + signal + "' is not in 'order'");
      }
    }
    this.sqlParameterNames =
        Set.copyOf(normalize(file.strings(root, "sqlParameterNames", "sqlParameterNames")));
    JsonNode sql = file.required(root, "sqlContext", "sqlContext");
    String sqlId = file.text(sql, "id", "sqlContext");
    this.sqlContext =
        new TextRule(
            sqlId,
            Classifier.ARBITRARY_SQL,
            file.regex(sql, "regex", "sqlContext[" + sqlId + "]"),
            List.of(),
            List.of(),
            false,
            0);
    if (highParameterCount < 1) {
      throw file.error("highParameterCount", "must be at least 1");
    }
  }

  /**
   * Parses a signals file.
   *
   * @throws IllegalStateException naming the file and field when the file is bad
   */
  static SignalRules from(DataFile file) {
    return new SignalRules(file);
  }

  private static Map<UnsafeCharacter, NameCharacterRule> nameCharacterRules(
      DataFile file, JsonNode deceptive) {
    Map<UnsafeCharacter, NameCharacterRule> byKind = new EnumMap<>(UnsafeCharacter.class);
    String field = "deceptiveNameRules.characters";
    for (JsonNode rule : file.objects(deceptive, "characters", field)) {
      String id = file.text(rule, "id", field);
      String where = field + "[" + id + "]";
      Set<UnsafeCharacter> kinds = EnumSet.noneOf(UnsafeCharacter.class);
      for (String kind : file.strings(rule, "kinds", where)) {
        try {
          kinds.add(UnsafeCharacter.valueOf(kind));
        } catch (IllegalArgumentException e) {
          throw file.error(where, "'" + kind + "' is not an UnsafeCharacter kind");
        }
      }
      NameCharacterRule parsed = new NameCharacterRule(id, kinds, file.text(rule, "reason", where));
      for (UnsafeCharacter kind : kinds) {
        if (byKind.put(kind, parsed) != null) {
          throw file.error(where, "kind " + kind + " is in two rules");
        }
      }
    }
    for (UnsafeCharacter kind : UnsafeCharacter.values()) {
      if (!byKind.containsKey(kind)) {
        throw file.error(field, "no rule for kind " + kind);
      }
    }
    return byKind;
  }

  private static MixedScriptRule mixedScriptRule(DataFile file, JsonNode deceptive) {
    String field = "deceptiveNameRules.mixedScript";
    JsonNode rule = file.required(deceptive, "mixedScript", field);
    List<Set<UnicodeScript>> allowed = new ArrayList<>();
    JsonNode sets = file.required(rule, "allowedScriptSets", field);
    if (!sets.isArray()) {
      throw file.error(field + ".allowedScriptSets", "must be an array of arrays");
    }
    for (JsonNode set : sets) {
      Set<UnicodeScript> scripts = EnumSet.noneOf(UnicodeScript.class);
      if (!set.isArray()) {
        throw file.error(field + ".allowedScriptSets", "must be an array of arrays");
      }
      for (JsonNode script : set) {
        try {
          scripts.add(UnicodeScript.forName(script.asText()));
        } catch (IllegalArgumentException e) {
          throw file.error(field, "'" + script.asText() + "' is not a Unicode script");
        }
      }
      allowed.add(scripts);
    }
    return new MixedScriptRule(
        file.text(rule, "id", field), allowed, file.text(rule, "reason", field));
  }

  private static String signal(DataFile file, JsonNode rule, String where, Set<String> known) {
    String signal = file.text(rule, "signal", where);
    if (!known.contains(signal)) {
      throw file.error(where, "signal '" + signal + "' is not in 'order'");
    }
    return signal;
  }

  private static List<TextRule> textRules(
      DataFile file, JsonNode root, String field, Set<String> known, boolean withSignal) {
    List<TextRule> rules = new ArrayList<>();
    for (JsonNode rule : file.objects(root, field, field)) {
      String id = file.text(rule, "id", field);
      String where = field + "[" + id + "]";
      String signal = withSignal ? signal(file, rule, where, known) : Classifier.TOOL_POISONING;
      List<String> anyOf = lowerCase(file.optionalStrings(rule, "anyOf", where));
      List<String> andAnyOf = lowerCase(file.optionalStrings(rule, "andAnyOf", where));
      JsonNode nonAscii = rule.get("nonAscii");
      JsonNode minRun = rule.get("minBase64Run");
      rules.add(
          new TextRule(
              id,
              signal,
              file.regex(rule, "regex", where),
              anyOf,
              andAnyOf,
              nonAscii != null && nonAscii.asBoolean(),
              minRun == null ? 0 : file.integer(rule, "minBase64Run", where)));
    }
    return List.copyOf(rules);
  }

  /** The rules with their needles resolved against one index of all their needles. */
  private static List<Gated> gated(DataFile file, List<TextRule> rules) {
    Set<String> needles = new LinkedHashSet<>();
    for (TextRule rule : rules) {
      needles.addAll(rule.anyOf());
      needles.addAll(rule.andAnyOf());
    }
    NeedleIndex index;
    try {
      index = new NeedleIndex(new ArrayList<>(needles));
    } catch (IllegalArgumentException e) {
      throw file.error("anyOf", e.getMessage());
    }
    return rules.stream().map(r -> r.gated(index)).toList();
  }

  private static List<String> lowerCase(List<String> needles) {
    return needles.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
  }

  /** Lower-cases and removes '_' and '-', the form parameter names are compared in. */
  static String normalize(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c >= ASCII) {
        // Lower-casing beyond ASCII may depend on context (final sigma): the slow, exact way.
        return name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
      }
      if (c != '_' && c != '-') {
        out.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
      }
    }
    return out.toString();
  }

  private static List<String> normalize(List<String> names) {
    return names.stream().map(SignalRules::normalize).toList();
  }

  List<String> order() {
    return order;
  }

  List<ParameterRule> parameterRules() {
    return parameterRules;
  }

  boolean isExcludedParameter(String normalizedName) {
    for (String suffix : excludedParameterSuffixes) {
      if (normalizedName.endsWith(suffix)) {
        return true;
      }
    }
    return false;
  }

  List<Gated> descriptionRules() {
    return descriptionRules;
  }

  List<NameRule> nameRules() {
    return nameRules;
  }

  List<Gated> poisoningRules() {
    return poisoningRules;
  }

  /** The deceptive-name rule for characters of {@code kind}. */
  NameCharacterRule nameCharacterRule(UnsafeCharacter kind) {
    return nameCharacterRules.get(kind);
  }

  /** The deceptive-name character rules, each once, in the order of their first kind. */
  List<NameCharacterRule> nameCharacterRules() {
    return nameCharacterRules.values().stream().distinct().toList();
  }

  MixedScriptRule mixedScriptRule() {
    return mixedScriptRule;
  }

  /** Whether description rules for {@code signal} apply only to tools that change something. */
  boolean isExecutionOnly(String signal) {
    return executionOnlySignals.contains(signal);
  }

  /** Whether a parameter (normalized name) takes SQL text when the description speaks of SQL. */
  boolean isSqlParameter(String normalizedName) {
    return sqlParameterNames.contains(normalizedName);
  }

  /** A text prepared for the gates of these rules. */
  ScanText scan(String text) {
    return new ScanText(text);
  }

  /** The description regex that makes a SQL-named parameter arbitrary SQL. */
  TextRule sqlContext() {
    return sqlContext;
  }

  int highParameterCount() {
    return highParameterCount;
  }
}
