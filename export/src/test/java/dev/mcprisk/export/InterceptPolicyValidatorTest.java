package dev.mcprisk.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class InterceptPolicyValidatorTest {
  /** A valid Intercept policy: the reference example this validator was written against. */
  static final String SPEC_EXAMPLE =
      """
      version: "1"
      description: "Recommended policy for io.github.example/files"
      default: "allow"
      hide:
        - delete_repository
      tools:
        create_issue:
          rules:
            - name: "write rate limit"
              rate_limit: "30/hour"
        execute_training_action:
          rules:
            - name: "execute rate limit"
              rate_limit: "10/minute"
            - name: "require a computation model id"
              conditions:
                - path: "args.target_resource.computationModelId"
                  op: "exists"
                  value: true
              on_deny: "execute_training_action needs target_resource.computationModelId"
        delete_file:
          rules:
            - name: "block destructive tool"
              action: "deny"
              on_deny: "delete_file is Destructive (Critical): it removes files irreversibly"
      """;

  /** The catalogue recommendation the spec quotes as rejected by Intercept. */
  static final String KNOWN_BAD =
      """
      version: "1"
      tools:
        create_issue:
          rules:
            - action: allow
              rate_limit:
                max: 10
                window: 60
              validate:
                required_args: true
      """;

  static String tool(String rules) {
    return "version: \"1\"\ntools:\n  t:\n    rules:\n" + rules.stripTrailing() + "\n";
  }

  static void assertViolation(String yaml, String expected) {
    List<String> violations = InterceptPolicyValidator.validate(yaml);
    assertTrue(
        violations.stream().anyMatch(v -> v.contains(expected)),
        "expected a violation containing <" + expected + "> in " + violations);
  }

  @Test
  void specExampleIsValid() {
    assertEquals(List.of(), InterceptPolicyValidator.validate(SPEC_EXAMPLE));
  }

  @Test
  void knownBadCatalogueOutputIsRejectedForEveryReason() {
    List<String> v = InterceptPolicyValidator.validate(KNOWN_BAD);
    String prefix = "tools.\"t\"";
    assertViolation(KNOWN_BAD, "tools.\"create_issue\".rules[0].action: must be \"evaluate\" or");
    assertViolation(KNOWN_BAD, "tools.\"create_issue\".rules[0].rate_limit: must be a string");
    assertViolation(KNOWN_BAD, "tools.\"create_issue\".rules[0].name: is required");
    assertViolation(
        KNOWN_BAD, "tools.\"create_issue\".rules[0].\"validate\": unknown key (Intercept ignores");
    assertEquals(4, v.size(), v.toString() + prefix);
  }

  @Test
  void allowActionIsRejected() {
    assertViolation(
        tool("      - name: r\n        action: allow\n"),
        ".action: must be \"evaluate\" or \"deny\", was \"allow\"");
  }

  @Test
  void rateLimitAsMapIsRejected() {
    assertViolation(
        tool("      - name: r\n        rate_limit: {max: 10, window: 60}\n"),
        ".rate_limit: must be a string \"N/minute\"");
  }

  @Test
  void missingRuleNameIsRejected() {
    assertViolation(tool("      - rate_limit: \"10/minute\"\n"), ".name: is required");
  }

  @Test
  void unknownKeysAreRejectedAtEveryLevel() {
    assertViolation(
        "version: \"1\"\ntools: {}\nvalidate: {required_args: true}\n",
        "\"validate\": unknown key");
    assertViolation(
        "version: \"1\"\ntools:\n  t:\n    rules: []\n    rule: []\n",
        "tools.\"t\".\"rule\": unknown key");
    assertViolation(
        tool(
            "      - name: r\n        conditions:\n          - path: args.a\n            op: exists\n"
                + "            value: true\n            negate: true\n"),
        ".conditions[0].\"negate\": unknown key");
    assertViolation(
        tool(
            "      - name: r\n        conditions:\n          - path: state.t.c\n            op: lte\n"
                + "            value: 5\n        state: {counter: c, window: hour, reset: 1}\n"),
        ".state.\"reset\": unknown key");
  }

  @Test
  void topLevelRequiredKeysAndValuesAreChecked() {
    assertViolation("tools: {}\n", "version: is required");
    assertViolation("version: 1\ntools: {}\n", "version: must be the string \"1\"");
    assertViolation("version: \"2\"\ntools: {}\n", "version: must be the string \"1\"");
    assertViolation("version: \"1\"\n", "tools: is required");
    assertViolation("version: \"1\"\ntools: []\n", "tools: must be a map");
    assertViolation(
        "version: \"1\"\ndefault: block\ntools: {}\n", "default: must be \"allow\" or \"deny\"");
    assertViolation("- a\n- b\n", "the policy must be a mapping");
    assertViolation("version: \"1\"\ntools: {\n", "not valid YAML");
    assertViolation("version: \"1\"\nversion: \"1\"\ntools: {}\n", "not valid YAML");
  }

  @Test
  void hideEntriesMustBeUniqueAndNonEmpty() {
    assertViolation("version: \"1\"\nhide: [a, a]\ntools: {}\n", "hide[1]: duplicate entry \"a\"");
    assertViolation("version: \"1\"\nhide: [\"\"]\ntools: {}\n", "hide[0]: must be a non-empty");
    assertViolation("version: \"1\"\nhide: a\ntools: {}\n", "hide: must be a list");
  }

  @Test
  void rateLimitFormatAndIncompatibilitiesAreChecked() {
    assertViolation(
        tool("      - name: r\n        rate_limit: \"0/minute\"\n"), "positive integer");
    assertViolation(
        tool("      - name: r\n        rate_limit: \"10/week\"\n"), ".rate_limit: must be");
    assertViolation(tool("      - name: r\n        rate_limit: 10\n"), ".rate_limit: must be");
    assertViolation(
        tool("      - name: r\n        rate_limit: \"10/minute\"\n        action: deny\n"),
        "cannot be combined with action: deny");
    assertViolation(
        tool(
            "      - name: r\n        rate_limit: \"10/minute\"\n        conditions:\n"
                + "          - {path: args.a, op: exists, value: true}\n"),
        "cannot be combined with conditions");
    assertViolation(
        tool(
            "      - name: r\n        rate_limit: \"10/minute\"\n"
                + "        state: {counter: c, window: day}\n"),
        "cannot be combined with state");
  }

  @Test
  void evaluateRulesNeedConditionsAndDenyRulesMustHaveNone() {
    assertViolation(tool("      - name: r\n"), "evaluate rules need at least one condition");
    assertViolation(
        tool("      - name: r\n        action: evaluate\n        conditions: []\n"),
        "evaluate rules need at least one condition");
    assertViolation(
        tool(
            "      - name: r\n        action: deny\n        conditions:\n"
                + "          - {path: args.a, op: exists, value: true}\n"),
        "deny rules must have no conditions");
  }

  @Test
  void conditionOpsPathsAndValueTypesAreChecked() {
    String rule = "      - name: r\n        conditions:\n          - %s\n";
    assertViolation(
        tool(rule.formatted("{path: args.a, op: like, value: x}")), ".op: must be one of");
    assertViolation(
        tool(rule.formatted("{path: a, op: eq, value: x}")), "must start with \"args.\"");
    assertViolation(tool(rule.formatted("{path: args., op: eq, value: x}")), "names no argument");
    assertViolation(tool(rule.formatted("{path: args.a, op: in, value: x}")), "op in needs a list");
    assertViolation(
        tool(rule.formatted("{path: args.a, op: not_in, value: 1}")), "op not_in needs a list");
    assertViolation(
        tool(rule.formatted("{path: args.a, op: lt, value: \"5\"}")), "op lt needs a number");
    assertViolation(
        tool(rule.formatted("{path: args.a, op: exists, value: \"yes\"}")),
        "op exists needs a boolean");
    assertViolation(
        tool(rule.formatted("{path: args.a, op: regex, value: \"(\"}")), "regex does not compile");
    assertViolation(
        tool(rule.formatted("{path: args.a, op: regex, value: \"(?=x)\"}")), "RE2 lacks");
    assertViolation(tool(rule.formatted("{path: args.a, op: eq}")), ".value: is required");
    assertViolation(tool(rule.formatted("{op: eq, value: 1}")), ".path: is required");
    assertEquals(
        List.of(),
        InterceptPolicyValidator.validate(
            tool(rule.formatted("{path: args.a, op: in, value: [x, y]}"))));
  }

  @Test
  void statePathsNeedAMatchingStateBlock() {
    String ok =
        tool(
            "      - name: r\n        conditions:\n          - {path: state.t.calls, op: lte, value: 5}\n"
                + "        state: {counter: calls, window: hour, increment_from: args.n}\n");
    assertEquals(List.of(), InterceptPolicyValidator.validate(ok));
    assertViolation(
        tool(
            "      - name: r\n        conditions:\n          - {path: state.t.calls, op: lte, value: 5}\n"),
        "no state block in this tool declares counter \"calls\"");
    assertViolation(
        tool(
            "      - name: r\n        conditions:\n          - {path: state.other.calls, op: lte, value: 5}\n"),
        "must start with \"args.\" or \"state.t.\"");
    String global =
        "version: \"1\"\ntools:\n  \"*\":\n    rules:\n      - name: r\n        conditions:\n"
            + "          - {path: state._global.c, op: lte, value: 5}\n"
            + "        state: {counter: c, window: day}\n";
    assertEquals(List.of(), InterceptPolicyValidator.validate(global));
  }

  @Test
  void stateBlocksAreChecked() {
    String rule =
        "      - name: r\n        conditions:\n          - {path: args.a, op: exists, value: true}\n"
            + "        state: %s\n";
    assertViolation(tool(rule.formatted("{window: hour}")), ".state.counter: is required");
    assertViolation(
        tool(rule.formatted("{counter: c, window: week}")), ".state.window: must be minute");
    assertViolation(
        tool(rule.formatted("{counter: c, window: day, increment: x}")),
        "increment: must be an integer");
    assertViolation(
        tool(rule.formatted("{counter: c, window: day, increment_from: n}")),
        "increment_from: must start with \"args.\"");
    assertViolation(
        tool(
            rule.formatted("{counter: c, window: day}")
                + rule.formatted("{counter: c, window: hour}").replace("name: r", "name: s")),
        "state counter \"c\" is used twice");
  }
}
