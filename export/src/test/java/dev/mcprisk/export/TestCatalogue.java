package dev.mcprisk.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcprisk.bundled.BundledData;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.AssessedTool;
import dev.mcprisk.model.Assessment;
import dev.mcprisk.model.CatalogueServer;
import dev.mcprisk.model.Category;
import dev.mcprisk.model.CrawlStatus;
import dev.mcprisk.model.CrawlSummary;
import dev.mcprisk.model.PolicyAction;
import dev.mcprisk.model.PolicyRecommendation;
import dev.mcprisk.model.Remote;
import dev.mcprisk.model.RiskLevel;
import dev.mcprisk.model.ServerEntry;
import dev.mcprisk.model.ServerPackage;
import dev.mcprisk.model.Signal;
import dev.mcprisk.model.ToolDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Catalogue fixtures for export tests: hand-made tools and the bundled real tools/list answers. */
final class TestCatalogue {
  static final Instant CRAWLED = Instant.parse("2026-11-21T02:00:00Z");

  private TestCatalogue() {}

  static ServerEntry server(String id) {
    return new ServerEntry(
        id,
        id,
        null,
        "A test server",
        "1.0.0",
        null,
        List.of(new ServerPackage("npm", "@example/files", "1.0.0", "npx", "stdio", null, null)),
        List.of(new Remote("streamable-http", "https://example.com/mcp")),
        "registry",
        "active");
  }

  static ToolDefinition tool(String name, String... required) {
    ObjectNode json = Json.object();
    json.put("name", name);
    json.put("description", "Tool " + name);
    ObjectNode schema = json.putObject("inputSchema");
    schema.put("type", "object");
    for (String r : required) {
      schema.withArray("required").add(r);
    }
    return ToolDefinition.of(json);
  }

  static Assessment assessment(Category category, RiskLevel level, String rationale) {
    return new Assessment(
        category,
        level,
        category.danger() * 20,
        0.75,
        List.of(new Signal("irreversible", "verb 'delete'")),
        rationale,
        List.of("rule." + category.key().toLowerCase(java.util.Locale.ROOT)),
        "test-1");
  }

  /** The recommendation the balanced profile gives (mirrors classifier's PolicyAdvisor). */
  static PolicyRecommendation policy(Category category, ToolDefinition tool) {
    List<String> required = new ArrayList<>();
    JsonNode schema = tool.inputSchema();
    if (schema != null && schema.path("required").isArray()) {
      schema.get("required").forEach(n -> required.add(n.asText()));
    }
    return switch (category) {
      case DESTRUCTIVE, FINANCIAL ->
          new PolicyRecommendation(
              PolicyAction.DENY,
              "block " + category.key().toLowerCase(java.util.Locale.ROOT) + " tool",
              0,
              null,
              List.of(),
              "Blocked: " + category.label() + " tool (Critical risk). It deletes things.");
      case EXECUTE ->
          new PolicyRecommendation(
              PolicyAction.RATE_LIMIT, "execute rate limit", 10, "minute", required, "Slow down.");
      case WRITE ->
          new PolicyRecommendation(
              PolicyAction.RATE_LIMIT, "write rate limit", 30, "hour", required, "Slow down.");
      case READ -> new PolicyRecommendation(PolicyAction.ALLOW, "allow read", 0, null, null, "");
      case OTHER ->
          new PolicyRecommendation(
              PolicyAction.RATE_LIMIT, "unknown tool rate limit", 30, "hour", null, "Slow down.");
    };
  }

  /**
   * A stricter profile for export tests (the classifier's PolicyAdvisor cannot be used here):
   * Execute 5/minute, Write 10/hour, Read 120/minute, Other denied, the rest as stored.
   */
  static final PolicyMapper STRICT =
      t -> {
        PolicyRecommendation stored = t.policy();
        return switch (t.assessment().category()) {
          case EXECUTE ->
              new PolicyRecommendation(
                  PolicyAction.RATE_LIMIT,
                  "execute rate limit",
                  5,
                  "minute",
                  stored.requiredArguments(),
                  "Slow down.");
          case WRITE ->
              new PolicyRecommendation(
                  PolicyAction.RATE_LIMIT,
                  "write rate limit",
                  10,
                  "hour",
                  stored.requiredArguments(),
                  "Slow down.");
          case READ ->
              new PolicyRecommendation(
                  PolicyAction.RATE_LIMIT, "read rate limit", 120, "minute", null, "Slow down.");
          case OTHER ->
              new PolicyRecommendation(
                  PolicyAction.DENY, "block unknown tool", 0, null, null, "Blocked: Other tool.");
          default -> stored;
        };
      };

  static AssessedTool assessed(ToolDefinition tool, Category category, String rationale) {
    RiskLevel level =
        category.danger() >= 4
            ? RiskLevel.CRITICAL
            : category == Category.EXECUTE ? RiskLevel.HIGH : RiskLevel.LOW;
    return new AssessedTool(
        tool,
        tool.definitionHash(),
        "snapshot",
        assessment(category, level, rationale),
        policy(category, tool));
  }

  static AssessedTool hidden(ToolDefinition tool) {
    return new AssessedTool(
        tool,
        tool.definitionHash(),
        "live",
        assessment(Category.DESTRUCTIVE, RiskLevel.CRITICAL, "Wipes everything."),
        new PolicyRecommendation(
            PolicyAction.HIDE, "hide destructive tool", 0, null, null, "Hidden: Destructive."));
  }

  static CatalogueServer catalogueServer(String id, List<AssessedTool> tools) {
    return new CatalogueServer(
        server(id),
        new CrawlSummary(CrawlStatus.OK, "", CRAWLED, "snapshot", "2025-06-18"),
        tools.stream().sorted(java.util.Comparator.comparing(t -> t.tool().name())).toList());
  }

  /**
   * One server per bundled tools/list answer, each tool given a category in rotation so every
   * policy action and required-argument rules are exercised on real definitions.
   */
  static List<CatalogueServer> bundled() {
    Category[] rotation = Category.values();
    List<CatalogueServer> servers = new ArrayList<>();
    int n = 0;
    for (String file : BundledData.list(BundledData.TOOLS_LIST)) {
      JsonNode answer;
      try (InputStream in = BundledData.open(BundledData.TOOLS_LIST, file)) {
        answer = Json.MAPPER.readTree(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      List<AssessedTool> tools = new ArrayList<>();
      for (JsonNode t : answer.path("tools_list").path("tools")) {
        ToolDefinition tool = ToolDefinition.of(t);
        tools.add(assessed(tool, rotation[n++ % rotation.length], "Rationale for " + tool.name()));
      }
      servers.add(catalogueServer("bundled:" + file, tools));
    }
    return servers;
  }
}
