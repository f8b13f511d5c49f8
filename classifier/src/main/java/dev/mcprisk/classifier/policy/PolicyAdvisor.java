package dev.mcprisk.classifier.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcprisk.model.Assessment;
import dev.mcprisk.model.PolicyAction;
import dev.mcprisk.model.PolicyRecommendation;
import dev.mcprisk.model.ToolDefinition;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Recommends a gateway rule for one tool from its assessment: the "balanced" profile, first
 * version.
 *
 * <p>Source: shared/DESIGN.md, "Policies". By category:
 *
 * <ul>
 *   <li>Destructive: deny ({@value #DESTRUCTIVE_RULE}).
 *   <li>Financial: deny ({@value #FINANCIAL_RULE}).
 *   <li>Execute: {@value #EXECUTE_MAX_CALLS_PER_MINUTE} calls per minute, required arguments
 *       checked.
 *   <li>Write: {@value #WRITE_MAX_CALLS_PER_HOUR} calls per hour, required arguments checked.
 *   <li>Read: allow.
 *   <li>Other: {@value #UNKNOWN_MAX_CALLS_PER_HOUR} calls per hour.
 * </ul>
 *
 * Required arguments are the top-level {@code inputSchema.required} strings, in schema order,
 * without duplicates. Messages ({@code on_deny}) cite the category, the risk level and the first
 * sentence of the rationale, and are at most {@value #MAX_ON_DENY_CHARS} chars; they never quote
 * the tool name, which the agent already knows and a hostile server controls.
 *
 * <p>Thread-safe: stateless, a pure function.
 */
public final class PolicyAdvisor {
  /** Calls per minute allowed to an Execute tool. */
  public static final int EXECUTE_MAX_CALLS_PER_MINUTE = 10;

  /** Calls per hour allowed to a Write tool. */
  public static final int WRITE_MAX_CALLS_PER_HOUR = 30;

  /** Calls per hour allowed to a tool whose category is Other. */
  public static final int UNKNOWN_MAX_CALLS_PER_HOUR = 30;

  /** Longest {@code on_deny} message, in chars. */
  public static final int MAX_ON_DENY_CHARS = 200;

  /** Rule name for Destructive tools. */
  public static final String DESTRUCTIVE_RULE = "block destructive tool";

  /** Rule name for Financial tools. */
  public static final String FINANCIAL_RULE = "block financial tool";

  /** Rule name for Execute tools. */
  public static final String EXECUTE_RULE = "execute rate limit";

  /** Rule name for Write tools. */
  public static final String WRITE_RULE = "write rate limit";

  /** Rule name for Read tools. */
  public static final String READ_RULE = "allow read";

  /** Rule name for tools of category Other. */
  public static final String UNKNOWN_RULE = "unknown tool rate limit";

  private static final String MINUTE = "minute";
  private static final String HOUR = "hour";
  private static final String ELLIPSIS = "...";

  private PolicyAdvisor() {}

  /**
   * The recommended rule for a tool.
   *
   * @param tool the tool's definition; its {@code inputSchema.required} gives the arguments to
   *     check
   * @param assessment the classifier's verdict on it
   * @return the recommendation; never null
   */
  public static PolicyRecommendation recommend(ToolDefinition tool, Assessment assessment) {
    Objects.requireNonNull(tool, "tool == null");
    Objects.requireNonNull(assessment, "assessment == null");
    return switch (assessment.category()) {
      case DESTRUCTIVE -> deny(DESTRUCTIVE_RULE, assessment);
      case FINANCIAL -> deny(FINANCIAL_RULE, assessment);
      case EXECUTE ->
          rateLimit(
              EXECUTE_RULE,
              EXECUTE_MAX_CALLS_PER_MINUTE,
              MINUTE,
              requiredArguments(tool),
              assessment);
      case WRITE ->
          rateLimit(
              WRITE_RULE, WRITE_MAX_CALLS_PER_HOUR, HOUR, requiredArguments(tool), assessment);
      case READ -> new PolicyRecommendation(PolicyAction.ALLOW, READ_RULE, 0, null, List.of(), "");
      case OTHER ->
          rateLimit(UNKNOWN_RULE, UNKNOWN_MAX_CALLS_PER_HOUR, HOUR, List.of(), assessment);
    };
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
    int cut = MAX_ON_DENY_CHARS - ELLIPSIS.length();
    if (Character.isHighSurrogate(message.charAt(cut - 1))) {
      cut--;
    }
    return message.substring(0, cut) + ELLIPSIS;
  }
}
