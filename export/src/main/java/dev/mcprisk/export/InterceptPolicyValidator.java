package dev.mcprisk.export;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.mcprisk.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Checks an Intercept policy file (version "1") against every rule Intercept v1.1.0 enforces, plus
 * one it does not: unknown keys, which Intercept ignores silently, are rejected here because a
 * misspelt key is a policy that does nothing.
 *
 * <p>Source: Intercept v1.1.0, https://github.com/PolicyLayer/Intercept ({@code
 * internal/config/validate.go}). Checked: the top-level keys ({@code version} the string "1",
 * {@code description}, {@code default} allow|deny, {@code hide} unique non-empty names, {@code
 * tools} a map); per rule a non-empty {@code name}, {@code action} evaluate|deny, {@code
 * rate_limit} a string {@code "N/minute|hour|day"} not combined with {@code conditions}, {@code
 * state} or {@code action: deny}, evaluate rules with at least one condition and deny rules with
 * none; per condition a {@code path} under {@code args.} or a declared {@code
 * state.<tool>.<counter>}, an {@code op} from the spec and a value of the type that op needs; per
 * {@code state} block a unique non-empty {@code counter}, a {@code window}, an integer {@code
 * increment} and an {@code increment_from} under {@code args.}. Duplicate mapping keys are reported
 * as a YAML error. Regular expressions are compiled with {@link Pattern}; constructs RE2 lacks
 * (look-around, back-references) are rejected.
 *
 * <p>Public API: {@link #validate} for text, {@link #validateFile} for a user's file (the command
 * {@code mcprisk policy validate FILE...}, exit code 1 when any file has a violation).
 *
 * <p>Thread-safe: stateless.
 */
public final class InterceptPolicyValidator {
  /** Largest policy file {@link #validateFile} reads: 4 MiB, in bytes. */
  public static final long MAX_FILE_BYTES = 4L * 1024 * 1024;

  /**
   * Longest text {@link #validate} parses: 16 Mi code points (SnakeYAML's own default, 3 Mi, is
   * below what a server with thousands of tools generates).
   */
  public static final int MAX_TEXT_CODE_POINTS = 16 * 1024 * 1024;

  private static final YAMLMapper YAML =
      YAMLMapper.builder(YAMLFactory.builder().loaderOptions(loaderOptions()).build())
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .build();

  private static final Set<String> TOP_KEYS =
      Set.of("version", "description", "default", "hide", "tools");
  private static final Set<String> TOOL_KEYS = Set.of("rules");
  private static final Set<String> RULE_KEYS =
      Set.of("name", "action", "rate_limit", "conditions", "on_deny", "state");
  private static final Set<String> CONDITION_KEYS = Set.of("path", "op", "value");
  private static final Set<String> STATE_KEYS =
      Set.of("counter", "window", "increment", "increment_from");
  private static final Set<String> ACTIONS = Set.of("evaluate", "deny");
  private static final Set<String> WINDOWS = Set.of("minute", "hour", "day");
  private static final Set<String> OPS =
      Set.of("eq", "neq", "in", "not_in", "lt", "lte", "gt", "gte", "regex", "contains", "exists");
  private static final Set<String> LIST_OPS = Set.of("in", "not_in");
  private static final Set<String> NUMBER_OPS = Set.of("lt", "lte", "gt", "gte");
  private static final Pattern RATE_LIMIT = Pattern.compile("([0-9]{1,9})/(minute|hour|day)");
  private static final Pattern NOT_RE2 = Pattern.compile("\\(\\?<?[=!]|\\\\[1-9]");
  private static final String ARGS = "args.";
  private static final String STATE = "state.";
  private static final String GLOBAL_STATE_SCOPE = "_global";

  private InterceptPolicyValidator() {}

  private static LoaderOptions loaderOptions() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(MAX_TEXT_CODE_POINTS);
    return options;
  }

  /**
   * Checks a user's policy file, as {@code mcprisk policy validate FILE} does. Never throws for a
   * bad file: a file that is missing, unreadable, over {@value #MAX_FILE_BYTES} bytes, not UTF-8 or
   * not YAML gives a violation located at {@code (file)} (with line and column for YAML syntax
   * errors).
   *
   * @param file the policy file
   * @return the file and its violations
   */
  public static PolicyFileReport validateFile(Path file) {
    Objects.requireNonNull(file, "file == null");
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
    } catch (IOException e) {
      return new PolicyFileReport(
          file,
          List.of("(file): cannot read: " + e.getClass().getSimpleName() + " " + e.getMessage()));
    }
    if (bytes.length > MAX_FILE_BYTES) {
      return new PolicyFileReport(
          file, List.of("(file): larger than the limit of " + MAX_FILE_BYTES + " bytes"));
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      return new PolicyFileReport(file, List.of("(file): not UTF-8 text"));
    }
    return new PolicyFileReport(file, validate(text));
  }

  /**
   * Every violation in a policy file, each as {@code "<location>: <problem>"} with locations such
   * as {@code tools."delete_file".rules[0].action}.
   *
   * @param yaml the file's text
   * @return the violations in document order; empty when the policy is valid
   */
  public static List<String> validate(String yaml) {
    Objects.requireNonNull(yaml, "yaml == null");
    List<String> violations = new ArrayList<>();
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null || at.getLineNr() < 1
              ? "(file)"
              : "(file) line " + at.getLineNr() + ", column " + at.getColumnNr();
      return List.of(where + ": not valid YAML: " + firstLine(e.getOriginalMessage()));
    } catch (RuntimeException e) {
      // SnakeYAML limits (code points, aliases, nesting) may surface unwrapped.
      return List.of("(file): not valid YAML: " + firstLine(e.getMessage()));
    }
    if (root == null || !root.isObject()) {
      return List.of("(file): the policy must be a mapping");
    }
    unknownKeys(root, TOP_KEYS, "", violations);
    JsonNode version = root.get("version");
    if (version == null) {
      violations.add("version: is required");
    } else if (!version.isTextual() || !version.asText().equals("1")) {
      violations.add("version: must be the string \"1\", was " + version);
    }
    optionalText(root, "description", "description", violations);
    JsonNode defaultAction = root.get("default");
    if (defaultAction != null
        && !(defaultAction.isTextual()
            && Set.of("allow", "deny").contains(defaultAction.asText()))) {
      violations.add("default: must be \"allow\" or \"deny\", was " + defaultAction);
    }
    checkHide(root.get("hide"), violations);
    JsonNode tools = root.get("tools");
    if (tools == null) {
      violations.add("tools: is required");
    } else if (!tools.isObject()) {
      violations.add("tools: must be a map from tool name to {rules: [...]}");
    } else {
      for (Iterator<Map.Entry<String, JsonNode>> it = tools.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> tool = it.next();
        checkTool(tool.getKey(), tool.getValue(), violations);
      }
    }
    return List.copyOf(violations);
  }

  private static void checkHide(JsonNode hide, List<String> violations) {
    if (hide == null) {
      return;
    }
    if (!hide.isArray()) {
      violations.add("hide: must be a list of tool names");
      return;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < hide.size(); i++) {
      JsonNode entry = hide.get(i);
      String at = "hide[" + i + "]";
      if (!entry.isTextual() || entry.asText().isEmpty()) {
        violations.add(at + ": must be a non-empty tool name");
      } else if (!seen.add(entry.asText())) {
        violations.add(at + ": duplicate entry " + quoted(entry.asText()));
      }
    }
  }

  private static void checkTool(String name, JsonNode tool, List<String> violations) {
    String at = "tools." + quoted(name);
    if (name.isEmpty()) {
      violations.add(at + ": the tool name must not be empty");
    }
    if (tool == null || !tool.isObject()) {
      violations.add(at + ": must be a mapping {rules: [...]}");
      return;
    }
    unknownKeys(tool, TOOL_KEYS, at + ".", violations);
    JsonNode rules = tool.get("rules");
    if (rules == null || !rules.isArray()) {
      violations.add(at + ".rules: is required and must be a list ([] allows with no checks)");
      return;
    }
    Set<String> counters = new HashSet<>();
    for (int i = 0; i < rules.size(); i++) {
      JsonNode rule = rules.get(i);
      String counter = declaredCounter(rule);
      if (counter != null && !counters.add(counter)) {
        violations.add(
            at + ".rules[" + i + "]: state counter " + quoted(counter) + " is used twice");
      }
    }
    String scope = InterceptPolicyWriter.ALL_TOOLS.equals(name) ? GLOBAL_STATE_SCOPE : name;
    for (int i = 0; i < rules.size(); i++) {
      checkRule(at + ".rules[" + i + "]", rules.get(i), scope, counters, violations);
    }
  }

  /** The counter a rule declares: its state counter, or the one its rate_limit implies. */
  private static String declaredCounter(JsonNode rule) {
    if (rule == null || !rule.isObject()) {
      return null;
    }
    JsonNode state = rule.get("state");
    if (state != null && state.isObject() && state.path("counter").isTextual()) {
      return state.get("counter").asText();
    }
    JsonNode rateLimit = rule.get("rate_limit");
    if (rateLimit != null && rateLimit.isTextual()) {
      Matcher m = RATE_LIMIT.matcher(rateLimit.asText());
      if (m.matches()) {
        return "_rate_" + m.group(2);
      }
    }
    return null;
  }

  private static void checkRule(
      String at, JsonNode rule, String scope, Set<String> counters, List<String> violations) {
    if (rule == null || !rule.isObject()) {
      violations.add(at + ": a rule must be a mapping");
      return;
    }
    unknownKeys(rule, RULE_KEYS, at + ".", violations);
    JsonNode name = rule.get("name");
    if (name == null || !name.isTextual() || name.asText().isBlank()) {
      violations.add(at + ".name: is required on every rule, including rate-limit rules");
    }
    JsonNode action = rule.get("action");
    boolean deny = false;
    if (action != null) {
      if (action.isTextual() && ACTIONS.contains(action.asText())) {
        deny = action.asText().equals("deny");
      } else {
        violations.add(
            at
                + ".action: must be \"evaluate\" or \"deny\", was "
                + action
                + " (there is no allow or require_approval action)");
      }
    }
    JsonNode rateLimit = rule.get("rate_limit");
    JsonNode conditions = rule.get("conditions");
    JsonNode state = rule.get("state");
    if (rateLimit != null) {
      checkRateLimit(at, rateLimit, conditions, state, deny, violations);
    }
    optionalText(rule, "on_deny", at + ".on_deny", violations);
    int conditionCount = 0;
    if (conditions != null) {
      if (!conditions.isArray()) {
        violations.add(at + ".conditions: must be a list of {path, op, value}");
      } else {
        conditionCount = conditions.size();
        for (int i = 0; i < conditions.size(); i++) {
          checkCondition(
              at + ".conditions[" + i + "]", conditions.get(i), scope, counters, violations);
        }
      }
    }
    if (deny && conditionCount > 0) {
      violations.add(at + ".conditions: deny rules must have no conditions");
    }
    if (!deny && rateLimit == null && conditionCount == 0) {
      violations.add(at + ".conditions: evaluate rules need at least one condition");
    }
    if (state != null) {
      checkState(at + ".state", state, violations);
    }
  }

  private static void checkRateLimit(
      String at,
      JsonNode rateLimit,
      JsonNode conditions,
      JsonNode state,
      boolean deny,
      List<String> violations) {
    Matcher m = rateLimit.isTextual() ? RATE_LIMIT.matcher(rateLimit.asText()) : null;
    if (m == null || !m.matches() || Integer.parseInt(m.group(1)) <= 0) {
      violations.add(
          at
              + ".rate_limit: must be a string \"N/minute\", \"N/hour\" or \"N/day\" with N a"
              + " positive integer, was "
              + rateLimit);
    }
    if (conditions != null) {
      violations.add(at + ".rate_limit: cannot be combined with conditions");
    }
    if (state != null) {
      violations.add(at + ".rate_limit: cannot be combined with state");
    }
    if (deny) {
      violations.add(at + ".rate_limit: cannot be combined with action: deny");
    }
  }

  private static void checkCondition(
      String at, JsonNode condition, String scope, Set<String> counters, List<String> violations) {
    if (condition == null || !condition.isObject()) {
      violations.add(at + ": a condition must be a mapping {path, op, value}");
      return;
    }
    unknownKeys(condition, CONDITION_KEYS, at + ".", violations);
    JsonNode path = condition.get("path");
    if (path == null || !path.isTextual()) {
      violations.add(at + ".path: is required");
    } else {
      checkPath(at + ".path", path.asText(), scope, counters, violations);
    }
    JsonNode op = condition.get("op");
    JsonNode value = condition.get("value");
    if (value == null || value.isNull()) {
      violations.add(at + ".value: is required");
    }
    if (op == null || !op.isTextual() || !OPS.contains(op.asText())) {
      violations.add(at + ".op: must be one of " + String.join(" ", sorted(OPS)) + ", was " + op);
      return;
    }
    if (value == null || value.isNull()) {
      return;
    }
    String o = op.asText();
    if (LIST_OPS.contains(o) && !value.isArray()) {
      violations.add(at + ".value: op " + o + " needs a list");
    } else if (NUMBER_OPS.contains(o) && !value.isNumber()) {
      violations.add(at + ".value: op " + o + " needs a number");
    } else if (o.equals("exists") && !value.isBoolean()) {
      violations.add(at + ".value: op exists needs a boolean");
    } else if (o.equals("regex")) {
      checkRegex(at + ".value", value, violations);
    }
  }

  private static void checkPath(
      String at, String path, String scope, Set<String> counters, List<String> violations) {
    if (path.startsWith(ARGS)) {
      if (path.length() == ARGS.length()) {
        violations.add(at + ": names no argument after \"args.\"");
      }
      return;
    }
    String prefix = STATE + scope + ".";
    if (path.startsWith(prefix)) {
      String counter = path.substring(prefix.length());
      if (!counters.contains(counter)) {
        violations.add(at + ": no state block in this tool declares counter " + quoted(counter));
      }
      return;
    }
    violations.add(at + ": must start with \"args.\" or \"" + prefix + "\", was " + quoted(path));
  }

  private static void checkRegex(String at, JsonNode value, List<String> violations) {
    if (!value.isTextual()) {
      violations.add(at + ": op regex needs a string");
      return;
    }
    try {
      Pattern.compile(value.asText());
    } catch (PatternSyntaxException e) {
      violations.add(at + ": regex does not compile: " + firstLine(e.getDescription()));
      return;
    }
    if (NOT_RE2.matcher(value.asText()).find()) {
      violations.add(at + ": regex uses look-around or a back-reference, which RE2 lacks");
    }
  }

  private static void checkState(String at, JsonNode state, List<String> violations) {
    if (!state.isObject()) {
      violations.add(at + ": must be a mapping {counter, window, increment, increment_from}");
      return;
    }
    unknownKeys(state, STATE_KEYS, at + ".", violations);
    JsonNode counter = state.get("counter");
    if (counter == null || !counter.isTextual() || counter.asText().isEmpty()) {
      violations.add(at + ".counter: is required and must not be empty");
    }
    JsonNode window = state.get("window");
    if (window == null || !window.isTextual() || !WINDOWS.contains(window.asText())) {
      violations.add(at + ".window: must be minute, hour or day, was " + window);
    }
    JsonNode increment = state.get("increment");
    if (increment != null && !increment.isIntegralNumber()) {
      violations.add(at + ".increment: must be an integer");
    }
    JsonNode from = state.get("increment_from");
    if (from != null
        && !(from.isTextual()
            && from.asText().startsWith(ARGS)
            && from.asText().length() > ARGS.length())) {
      violations.add(at + ".increment_from: must start with \"args.\"");
    }
  }

  private static void optionalText(
      JsonNode node, String field, String at, List<String> violations) {
    JsonNode value = node.get(field);
    if (value != null && !value.isTextual()) {
      violations.add(at + ": must be a string");
    }
  }

  private static void unknownKeys(
      JsonNode node, Set<String> allowed, String prefix, List<String> violations) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!allowed.contains(key)) {
        violations.add(
            prefix
                + quoted(key)
                + ": unknown key (Intercept ignores it silently); allowed: "
                + String.join(", ", sorted(allowed)));
      }
    }
  }

  private static List<String> sorted(Set<String> set) {
    return set.stream().sorted().toList();
  }

  private static String quoted(String text) {
    return Json.write(TextNode.valueOf(text));
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    int cut = text.indexOf('\n');
    return cut < 0 ? text : text.substring(0, cut);
  }
}
