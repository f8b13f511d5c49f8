package dev.mcprisk.export.policy;

import static dev.mcprisk.export.policy.PolicyAdvisorTest.assessment;
import static dev.mcprisk.export.policy.PolicyAdvisorTest.tool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mcprisk.model.Category;
import dev.mcprisk.model.PolicyAction;
import dev.mcprisk.model.PolicyRecommendation;
import dev.mcprisk.model.RiskLevel;
import dev.mcprisk.model.ToolDefinition;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyProfileTest {
  static final ToolDefinition TOOL = tool("t", "id");

  /** One row per profile and category: action, rule name, max, window, argument checks. */
  static String row(PolicyProfile profile, Category category) {
    PolicyRecommendation p =
        PolicyAdvisor.recommend(TOOL, assessment(category, RiskLevel.HIGH, "Does it."), profile);
    return profile.label()
        + " "
        + category.label()
        + ": "
        + p.action()
        + " '"
        + p.ruleName()
        + "'"
        + (p.action() == PolicyAction.RATE_LIMIT
            ? " " + p.rateLimitMax() + "/" + p.rateLimitWindow()
            : "")
        + (p.requiredArguments().isEmpty() ? "" : " args " + p.requiredArguments());
  }

  @Test
  void mappingTableIsExactlyTheDocumentedOne() {
    List<String> rows = new ArrayList<>();
    for (PolicyProfile profile : PolicyProfile.values()) {
      for (Category category : Category.values()) {
        rows.add(row(profile, category));
      }
    }
    assertEquals(
        List.of(
            "strict Other: DENY 'block unknown tool'",
            "strict Read: RATE_LIMIT 'read rate limit' 120/minute",
            "strict Write: RATE_LIMIT 'write rate limit' 10/hour args [id]",
            "strict Execute: RATE_LIMIT 'execute rate limit' 5/minute args [id]",
            "strict Destructive: DENY 'block destructive tool'",
            "strict Financial: DENY 'block financial tool'",
            "balanced Other: RATE_LIMIT 'unknown tool rate limit' 30/hour",
            "balanced Read: ALLOW 'allow read'",
            "balanced Write: RATE_LIMIT 'write rate limit' 30/hour args [id]",
            "balanced Execute: RATE_LIMIT 'execute rate limit' 10/minute args [id]",
            "balanced Destructive: DENY 'block destructive tool'",
            "balanced Financial: DENY 'block financial tool'",
            "permissive Other: RATE_LIMIT 'unknown tool rate limit' 60/hour",
            "permissive Read: ALLOW 'allow read'",
            "permissive Write: RATE_LIMIT 'write rate limit' 120/hour args [id]",
            "permissive Execute: RATE_LIMIT 'execute rate limit' 30/minute args [id]",
            "permissive Destructive: RATE_LIMIT 'destructive rate limit' 5/hour args [id]",
            "permissive Financial: DENY 'block financial tool'"),
        rows);
  }

  @Test
  void twoArgumentRecommendIsTheBalancedProfile() {
    for (Category category : Category.values()) {
      var a = assessment(category, RiskLevel.MEDIUM, "Why.");
      assertEquals(
          PolicyAdvisor.recommend(TOOL, a, PolicyProfile.BALANCED),
          PolicyAdvisor.recommend(TOOL, a),
          category.label());
    }
  }

  @Test
  void everyProfileNeverLetsMoreThroughThanAStricterOne() {
    for (Category category : Category.values()) {
      var a = assessment(category, RiskLevel.HIGH, "Why.");
      double strict = perHour(PolicyAdvisor.recommend(TOOL, a, PolicyProfile.STRICT));
      double balanced = perHour(PolicyAdvisor.recommend(TOOL, a, PolicyProfile.BALANCED));
      double permissive = perHour(PolicyAdvisor.recommend(TOOL, a, PolicyProfile.PERMISSIVE));
      assertEquals(true, strict <= balanced && balanced <= permissive, category.label());
    }
  }

  @Test
  void refusalsCiteTheRationaleAndRateLimitsTheirWindow() {
    PolicyRecommendation deny =
        PolicyAdvisor.recommend(
            TOOL,
            assessment(Category.OTHER, RiskLevel.MEDIUM, "Nothing says what it does. More."),
            PolicyProfile.STRICT);
    assertEquals("Blocked: Other tool (Medium risk). Nothing says what it does.", deny.onDeny());
    PolicyRecommendation limit =
        PolicyAdvisor.recommend(
            TOOL,
            assessment(Category.DESTRUCTIVE, RiskLevel.CRITICAL, "Deletes."),
            PolicyProfile.PERMISSIVE);
    assertEquals(
        "Rate limit of 5 per hour reached for this Destructive tool (Critical risk). Try again"
            + " later.",
        limit.onDeny());
  }

  @Test
  void profileNamesParseCaseInsensitively() {
    assertEquals(PolicyProfile.STRICT, PolicyProfile.parse(" Strict "));
    assertEquals(PolicyProfile.PERMISSIVE, PolicyProfile.parse("PERMISSIVE"));
    assertEquals("balanced", PolicyProfile.BALANCED.label());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PolicyProfile.parse("lax"));
    assertEquals(
        "unknown profile 'lax' (expected one of strict, balanced, permissive)", e.getMessage());
  }

  /** Calls per hour a recommendation lets through: 0 refused, infinite allowed. */
  static double perHour(PolicyRecommendation p) {
    return switch (p.action()) {
      case DENY, HIDE -> 0;
      case ALLOW -> Double.POSITIVE_INFINITY;
      case RATE_LIMIT ->
          p.rateLimitMax()
              * switch (p.rateLimitWindow()) {
                case "minute" -> 60.0;
                case "hour" -> 1.0;
                default -> 1.0 / 24;
              };
    };
  }
}
