package dev.mcprisk.export.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.Assessment;
import dev.mcprisk.model.Category;
import dev.mcprisk.model.PolicyAction;
import dev.mcprisk.model.PolicyRecommendation;
import dev.mcprisk.model.RiskLevel;
import dev.mcprisk.model.ToolDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyAdvisorTest {
  static ToolDefinition tool(String name, String... required) {
    ObjectNode json = Json.object();
    json.put("name", name);
    ObjectNode schema = json.putObject("inputSchema");
    schema.put("type", "object");
    ArrayNode req = schema.putArray("required");
    for (String r : required) {
      req.add(r);
    }
    ObjectNode nested = schema.putObject("properties").putObject("target");
    nested.putArray("required").add("nestedId");
    return ToolDefinition.of(json);
  }

  static Assessment assessment(Category category, RiskLevel level, String rationale) {
    return new Assessment(category, level, 50, 0.8, List.of(), rationale, List.of("r1"), "1.0.0");
  }

  @Test
  void destructiveToolIsDeniedCitingCategoryLevelAndFirstSentence() {
    PolicyRecommendation p =
        PolicyAdvisor.recommend(
            tool("delete_file", "path"),
            assessment(
                Category.DESTRUCTIVE,
                RiskLevel.CRITICAL,
                "From the tool's name: the 'delete' verb. It removes files irreversibly."));
    assertEquals(PolicyAction.DENY, p.action());
    assertEquals("block destructive tool", p.ruleName());
    assertEquals(
        "Blocked: Destructive tool (Critical risk). From the tool's name: the 'delete' verb.",
        p.onDeny());
    assertEquals(List.of(), p.requiredArguments());
  }

  @Test
  void financialToolIsDenied() {
    PolicyRecommendation p =
        PolicyAdvisor.recommend(
            tool("create_refund", "charge"),
            assessment(Category.FINANCIAL, RiskLevel.CRITICAL, "It refunds a charge"));
    assertEquals(PolicyAction.DENY, p.action());
    assertEquals("block financial tool", p.ruleName());
    assertEquals("Blocked: Financial tool (Critical risk). It refunds a charge", p.onDeny());
  }

  @Test
  void executeToolGetsTenPerMinuteAndTopLevelRequiredArgumentsInOrder() {
    PolicyRecommendation p =
        PolicyAdvisor.recommend(
            tool("run_command", "command", "cwd", "command"),
            assessment(Category.EXECUTE, RiskLevel.CRITICAL, "Runs shell commands."));
    assertEquals(PolicyAction.RATE_LIMIT, p.action());
    assertEquals("execute rate limit", p.ruleName());
    assertEquals(10, p.rateLimitMax());
    assertEquals("minute", p.rateLimitWindow());
    assertEquals(List.of("command", "cwd"), p.requiredArguments());
    assertTrue(p.onDeny().startsWith("Rate limit of 10 per minute reached"), p.onDeny());
  }

  @Test
  void writeToolGetsThirtyPerHourAndRequiredArguments() {
    PolicyRecommendation p =
        PolicyAdvisor.recommend(
            tool("create_issue", "owner", "repo", "title"),
            assessment(Category.WRITE, RiskLevel.MEDIUM, "Creates an issue."));
    assertEquals(PolicyAction.RATE_LIMIT, p.action());
    assertEquals("write rate limit", p.ruleName());
    assertEquals(30, p.rateLimitMax());
    assertEquals("hour", p.rateLimitWindow());
    assertEquals(List.of("owner", "repo", "title"), p.requiredArguments());
  }

  @Test
  void readToolIsAllowed() {
    PolicyRecommendation p =
        PolicyAdvisor.recommend(
            tool("read_file", "path"), assessment(Category.READ, RiskLevel.LOW, "Reads."));
    assertEquals(PolicyAction.ALLOW, p.action());
    assertEquals("allow read", p.ruleName());
    assertEquals(List.of(), p.requiredArguments());
  }

  @Test
  void otherToolGetsUnknownRateLimitWithoutArgumentChecks() {
    PolicyRecommendation p =
        PolicyAdvisor.recommend(
            tool("frobnicate", "x"), assessment(Category.OTHER, RiskLevel.MEDIUM, "Unclear."));
    assertEquals(PolicyAction.RATE_LIMIT, p.action());
    assertEquals("unknown tool rate limit", p.ruleName());
    assertEquals(30, p.rateLimitMax());
    assertEquals("hour", p.rateLimitWindow());
    assertEquals(List.of(), p.requiredArguments());
  }

  @Test
  void longRationaleIsCutToTwoHundredChars() {
    PolicyRecommendation p =
        PolicyAdvisor.recommend(
            tool("drop_table"),
            assessment(Category.DESTRUCTIVE, RiskLevel.CRITICAL, "word ".repeat(100) + "end."));
    assertEquals(200, p.onDeny().length());
    assertTrue(p.onDeny().endsWith("..."), p.onDeny());
  }

  @Test
  void toolWithoutSchemaHasNoRequiredArguments() {
    ObjectNode json = Json.object();
    json.put("name", "exec");
    PolicyRecommendation p =
        PolicyAdvisor.recommend(
            ToolDefinition.of(json), assessment(Category.EXECUTE, RiskLevel.HIGH, "Runs."));
    assertEquals(List.of(), p.requiredArguments());
  }

  @Test
  void firstSentenceStopsAtSentenceEndNotAtDottedNames() {
    assertEquals(
        "Calls io.github.x/y then stops.",
        PolicyAdvisor.firstSentence("Calls io.github.x/y then stops. Second."));
    assertEquals("No end", PolicyAdvisor.firstSentence("No end"));
    assertEquals("A b.", PolicyAdvisor.firstSentence("A\nb. C."));
  }
}
