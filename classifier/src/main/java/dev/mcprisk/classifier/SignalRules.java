package dev.mcprisk.classifier;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Signal rules, loaded from {@code signals.json}: parameter-name rules, description regexes,
 * name-tag rules and tool-poisoning patterns, plus the stable signal order. Immutable and
 * thread-safe after construction.
 */
final class SignalRules {
  static final String FILE = "signals.json";

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

  /** A regex over description text that raises a signal. */
  record TextRule(String id, String signal, Pattern pattern) {}

  /** A name-word tag that raises a signal. */
  record NameRule(String id, String signal, String tag) {}

  private final List<String> order;
  private final List<ParameterRule> parameterRules;
  private final List<String> excludedParameterSuffixes;
  private final List<TextRule> descriptionRules;
  private final List<NameRule> nameRules;
  private final List<TextRule> poisoningRules;
  private final int highParameterCount;
  private final Set<String> executionOnlySignals;

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
    this.descriptionRules = textRules(file, root, "descriptionRules", known, true);
    List<NameRule> names = new ArrayList<>();
    for (JsonNode rule : file.objects(root, "nameRules", "nameRules")) {
      String id = file.text(rule, "id", "nameRules");
      String where = "nameRules[" + id + "]";
      names.add(new NameRule(id, signal(file, rule, where, known), file.text(rule, "tag", where)));
    }
    this.nameRules = List.copyOf(names);
    this.poisoningRules = textRules(file, root, "poisoningRules", known, false);
    this.highParameterCount = file.integer(root, "highParameterCount", "highParameterCount");
    this.executionOnlySignals =
        Set.copyOf(file.strings(root, "executionOnlySignals", "executionOnlySignals"));
    for (String signal : executionOnlySignals) {
      if (!known.contains(signal)) {
        throw file.error("executionOnlySignals", "signal '" + signal + "' is not in 'order'");
      }
    }
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
      rules.add(new TextRule(id, signal, file.regex(rule, "regex", where)));
    }
    return List.copyOf(rules);
  }

  /** Lower-cases and removes '_' and '-', the form parameter names are compared in. */
  static String normalize(String name) {
    return name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
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

  List<TextRule> descriptionRules() {
    return descriptionRules;
  }

  List<NameRule> nameRules() {
    return nameRules;
  }

  List<TextRule> poisoningRules() {
    return poisoningRules;
  }

  /** Whether description rules for {@code signal} apply only to tools that change something. */
  boolean isExecutionOnly(String signal) {
    return executionOnlySignals.contains(signal);
  }

  int highParameterCount() {
    return highParameterCount;
  }
}
