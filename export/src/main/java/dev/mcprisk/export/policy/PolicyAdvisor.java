package dev.mcprisk.export.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcprisk.model.Assessment;
import dev.mcprisk.model.PolicyAction;
import dev.mcprisk.model.PolicyRecommendation;
import dev.mcprisk.model.ToolDefinition;
import dev.mcprisk.text.UntrustedText;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Recommends a gateway rule for one tool from its assessment, under a {@link PolicyProfile}.
 *
 * <p>Source: README.md, "Policy profiles" (the same table). The mapping, by category (rates are
 * calls per window; "+ args" means one {@code exists} check per required argument):
 *
 * <table>
 *   <caption>Rule by profile and category</caption>
 *   <tr><th>category</th><th>strict</th><th>balanced (default)</th><th>permissive</th></tr>
 *   <tr><td>Financial</td><td>deny</td><td>deny</td><td>deny</td></tr>
 *   <tr><td>Destructive</td><td>deny</td><td>deny</td><td>5/hour + args</td></tr>
 *   <tr><td>Execute</td><td>5/minute + args</td><td>10/minute + args</td>
 *       <td>30/minute + args</td></tr>
 *   <tr><td>Write</td><td>10/hour + args</td><td>30/hour + args</td><td>120/hour + args</td></tr>
 *   <tr><td>Read</td><td>120/minute</td><td>allow</td><td>allow</td></tr>
 *   <tr><td>Other</td><td>deny</td><td>30/hour</td><td>60/hour</td></tr>
 * </table>
 *
 * Financial tools are refused under every profile: money moved by an agent cannot be taken back by
 * a rate limit. Required arguments are the top-level {@code inputSchema.required} strings, in
 * schema order, without duplicates. Messages ({@code on_deny}) cite the category, the risk level
 * and, for refusals, the first sentence of the rationale, and are at most {@value
 * #MAX_ON_DENY_CHARS} chars; they never quote the tool name, which the agent already knows and a
 * hostile server controls.
 *
 * <p>Thread-safe: stateless, a pure function.
 */
public final class PolicyAdvisor {
  /** Balanced: calls per minute allowed to an Execute tool. */
  public static final int EXECUTE_MAX_CALLS_PER_MINUTE = 10;

  /** Balanced: calls per hour allowed to a Write tool. */
  public static final int WRITE_MAX_CALLS_PER_HOUR = 30;

  /** Balanced: calls per hour allowed to a tool whose category is Other. */
  public static final int UNKNOWN_MAX_CALLS_PER_HOUR = 30;

  /** Strict: calls per minute allowed to an Execute tool. */
  public static final int STRICT_EXECUTE_MAX_CALLS_PER_MINUTE = 5;

  /** Strict: calls per hour allowed to a Write tool. */
  public static final int STRICT_WRITE_MAX_CALLS_PER_HOUR = 10;

  /** Strict: calls per minute allowed to a Read tool. */
  public static final int STRICT_READ_MAX_CALLS_PER_MINUTE = 120;

  /** Permissive: calls per hour allowed to a Destructive tool. */
  public static final int PERMISSIVE_DESTRUCTIVE_MAX_CALLS_PER_HOUR = 5;

  /** Permissive: calls per minute allowed to an Execute tool. */
  public static final int PERMISSIVE_EXECUTE_MAX_CALLS_PER_MINUTE = 30;

  /** Permissive: calls per hour allowed to a Write tool. */
  public static final int PERMISSIVE_WRITE_MAX_CALLS_PER_HOUR = 120;

  /** Permissive: calls per hour allowed to a tool whose category is Other. */
  public static final int PERMISSIVE_UNKNOWN_MAX_CALLS_PER_HOUR = 60;

  /** Longest {@code on_deny} message, in chars. */
  public static final int MAX_ON_DENY_CHARS = 200;

  /** Rule name for refused Destructive tools. */
  public static final String DESTRUCTIVE_RULE = "block destructive tool";

  /** Rule name for rate-limited Destructive tools (permissive). */
  public static final String DESTRUCTIVE_RATE_RULE = "destructive rate limit";

  /** Rule name for Financial tools. */
  public static final String FINANCIAL_RULE = "block financial tool";

  /** Rule name for Execute tools. */
  public static final String EXECUTE_RULE = "execute rate limit";

  /** Rule name for Write tools. */
  public static final String WRITE_RULE = "write rate limit";

  /** Rule name for allowed Read tools. */
  public static final String READ_RULE = "allow read";

  /** Rule name for rate-limited Read tools (strict). */
  public static final String READ_RATE_RULE = "read rate limit";

  /** Rule name for rate-limited tools of category Other. */
  public static final String UNKNOWN_RULE = "unknown tool rate limit";

  /** Rule name for refused tools of category Other (strict). */
  public static final String UNKNOWN_DENY_RULE = "block unknown tool";

  private static final String MINUTE = "minute";
  private static final String HOUR = "hour";
  private static final String ELLIPSIS = "...";

  private PolicyAdvisor() {}

  /**
   * The recommended rule for a tool under the {@link PolicyProfile#BALANCED} profile.
   *
   * @param tool the tool's definition; its {@code inputSchema.required} gives the arguments to
   *     check
   * @param assessment the classifier's verdict on it
   * @return the recommendation; never null
   * @throws NullPointerException when an argument is null
   */
  public static PolicyRecommendation recommend(ToolDefinition tool, Assessment assessment) {
    return recommend(tool, assessment, PolicyProfile.BALANCED);
  }

  /**
   * The recommended rule for a tool under a profile (the table above).
   *
   * @param tool the tool's definition; its {@code inputSchema.required} gives the arguments to
   *     check
   * @param assessment the classifier's verdict on it
   * @param profile how strict the rule is
   * @return the recommendation; never null
   * @throws NullPointerException when an argument is null
   */
  public static PolicyRecommendation recommend(
      ToolDefinition tool, Assessment assessment, PolicyProfile profile) {
    Objects.requireNonNull(tool, "tool == null");
    Objects.requireNonNull(assessment, "assessment == null");
    Objects.requireNonNull(profile, "profile == null");
    return switch (profile) {
      case STRICT -> strict(tool, assessment);
      case BALANCED -> balanced(tool, assessment);
      case PERMISSIVE -> permissive(tool, assessment);
    };
  }

  private static PolicyRecommendation strict(ToolDefinition tool, Assessment a) {
    return switch (a.category()) {
      case DESTRUCTIVE -> deny(DESTRUCTIVE_RULE, a);
      case FINANCIAL -> deny(FINANCIAL_RULE, a);
      case EXECUTE ->
          rateLimit(
              EXECUTE_RULE,
              STRICT_EXECUTE_MAX_CALLS_PER_MINUTE,
              MINUTE,
              requiredArguments(tool),
              a);
      case WRITE ->
          rateLimit(WRITE_RULE, STRICT_WRITE_MAX_CALLS_PER_HOUR, HOUR, requiredArguments(tool), a);
      case READ ->
          rateLimit(READ_RATE_RULE, STRICT_READ_MAX_CALLS_PER_MINUTE, MINUTE, List.of(), a);
      case OTHER -> deny(UNKNOWN_DENY_RULE, a);
    };
  }

  private static PolicyRecommendation balanced(ToolDefinition tool, Assessment a) {
    return switch (a.category()) {
      case DESTRUCTIVE -> deny(DESTRUCTIVE_RULE, a);
      case FINANCIAL -> deny(FINANCIAL_RULE, a);
      case EXECUTE ->
          rateLimit(EXECUTE_RULE, EXECUTE_MAX_CALLS_PER_MINUTE, MINUTE, requiredArguments(tool), a);
      case WRITE ->
          rateLimit(WRITE_RULE, WRITE_MAX_CALLS_PER_HOUR, HOUR, requiredArguments(tool), a);
      case READ -> allow();
      case OTHER -> rateLimit(UNKNOWN_RULE, UNKNOWN_MAX_CALLS_PER_HOUR, HOUR, List.of(), a);
    };
  }

  private static PolicyRecommendation permissive(ToolDefinition tool, Assessment a) {
    return switch (a.category()) {
      case DESTRUCTIVE ->
          rateLimit(
              DESTRUCTIVE_RATE_RULE,
              PERMISSIVE_DESTRUCTIVE_MAX_CALLS_PER_HOUR,
              HOUR,
              requiredArguments(tool),
              a);
      case FINANCIAL -> deny(FINANCIAL_RULE, a);
      case EXECUTE ->
          rateLimit(
              EXECUTE_RULE,
              PERMISSIVE_EXECUTE_MAX_CALLS_PER_MINUTE,
              MINUTE,
              requiredArguments(tool),
              a);
      case WRITE ->
          rateLimit(
              WRITE_RULE, PERMISSIVE_WRITE_MAX_CALLS_PER_HOUR, HOUR, requiredArguments(tool), a);
      case READ -> allow();
      case OTHER ->
          rateLimit(UNKNOWN_RULE, PERMISSIVE_UNKNOWN_MAX_CALLS_PER_HOUR, HOUR, List.of(), a);
    };
  }

  private static PolicyRecommendation allow() {
    return new PolicyRecommendation(PolicyAction.ALLOW, READ_RULE, 0, null, List.of(), "");
  }

  private static PolicyRecommendation deny(String ruleName, Assessment assessment) {
    String message =
        "Blocked: "
            + assessment.category().label()
            + " tool ("
            + assessment.riskLevel().label()
            + " risk). "
            + firstSentence(assessment.rationale());
    return new PolicyRecommendation(
        PolicyAction.DENY, ruleName, 0, null, List.of(), limit(message.strip()));
  }

  private static PolicyRecommendation rateLimit(
      String ruleName, int max, String window, List<String> required, Assessment assessment) {
    String message =
        "Rate limit of "
            + max
            + " per "
            + window
            + " reached for this "
            + assessment.category().label()
            + " tool ("
            + assessment.riskLevel().label()
            + " risk). Try again later.";
    return new PolicyRecommendation(
        PolicyAction.RATE_LIMIT, ruleName, max, window, required, limit(message));
  }

  /** Top-level {@code inputSchema.required} strings, in order, without duplicates. */
  static List<String> requiredArguments(ToolDefinition tool) {
    JsonNode schema = tool.inputSchema();
    JsonNode required = schema == null ? null : schema.get("required");
    if (required == null || !required.isArray()) {
      return List.of();
    }
    Set<String> names = new LinkedHashSet<>();
    for (JsonNode name : required) {
      if (name.isTextual() && !name.asText().isEmpty()) {
        names.add(name.asText());
      }
    }
    return new ArrayList<>(names);
  }

  /** Text up to and including the first '.', '!' or '?' followed by white space or the end. */
  static String firstSentence(String text) {
    String flat = text.replaceAll("\\s+", " ").strip();
    for (int i = 0; i < flat.length(); i++) {
      char c = flat.charAt(i);
      if ((c == '.' || c == '!' || c == '?')
          && (i + 1 == flat.length() || flat.charAt(i + 1) == ' ')) {
        return flat.substring(0, i + 1);
      }
    }
    return flat;
  }

  private static String limit(String message) {
    if (message.length() <= MAX_ON_DENY_CHARS) {
      return message;
    }
    return UntrustedText.prefix(message, MAX_ON_DENY_CHARS - ELLIPSIS.length()) + ELLIPSIS;
  }
}
