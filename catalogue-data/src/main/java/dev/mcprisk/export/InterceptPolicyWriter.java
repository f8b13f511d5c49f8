package dev.mcprisk.export;

import dev.mcprisk.model.AssessedTool;
import dev.mcprisk.model.CatalogueServer;
import dev.mcprisk.model.PolicyAction;
import dev.mcprisk.model.PolicyRecommendation;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Renders a server's recommended policy as an Intercept policy file, version "1".
 *
 * <p>Source: shared/specs/intercept-policy.md (Intercept v1.1.0 {@code internal/config}). Output
 * passes {@link InterceptPolicyValidator}. Per tool, from its {@link PolicyRecommendation}:
 *
 * <ul>
 *   <li>{@code ALLOW}: {@code rules: []}.
 *   <li>{@code RATE_LIMIT}: a rule {@code {name, rate_limit: "N/window", on_deny}}, then one rule
 *       per required argument: {@code {name, conditions: [{path: "args.<arg>", op: "exists", value:
 *       true}], on_deny}}. Arguments whose names contain {@code .} cannot be addressed by an
 *       Intercept path (a dot means nesting) and are skipped.
 *   <li>{@code DENY}: a rule {@code {name, action: "deny", on_deny}}.
 *   <li>{@code HIDE}: listed under {@code hide} and ALSO given the deny rule, so the tool stays
 *       refused if someone later removes it from {@code hide}.
 * </ul>
 *
 * A tool literally named {@code "*"} is left out with a comment: in Intercept that key means every
 * tool, so a hostile server could otherwise widen a rule to all its tools. Each tool entry is
 * preceded by a one-line comment with its category, risk level and the rationale (cut to {@value
 * #MAX_COMMENT_CHARS} chars). Every string is a double-quoted scalar escaped by {@link YamlText},
 * and comment text is stripped of anything that could end the comment's line, so no tool name,
 * description or message can change the file's structure.
 *
 * <p>Thread-safe: stateless.
 */
public final class InterceptPolicyWriter {
  /** Longest comment text per tool, in code points. */
  public static final int MAX_COMMENT_CHARS = 160;

  /** The tool key that Intercept applies to every tool. */
  static final String ALL_TOOLS = "*";

  private InterceptPolicyWriter() {}

  /**
   * The policy file text for one server.
   *
   * @param server the server with its assessed tools
   * @param catalogueDate the date of the catalogue the policy comes from, for the description
   * @return YAML text ending with a newline
   */
  public static String render(CatalogueServer server, LocalDate catalogueDate) {
    Objects.requireNonNull(server, "server == null");
    Objects.requireNonNull(catalogueDate, "catalogueDate == null");
    String id = server.server().id();
    List<AssessedTool> tools = new ArrayList<>();
    boolean skippedAll = false;
    Set<String> seen = new LinkedHashSet<>();
    for (AssessedTool tool :
        server.tools().stream()
            .sorted(Comparator.comparing(t -> t.tool().name(), Comparator.naturalOrder()))
            .toList()) {
      String name = tool.tool().name();
      if (ALL_TOOLS.equals(name)) {
        skippedAll = true;
      } else if (seen.add(name)) {
        tools.add(tool);
      }
    }
    StringBuilder out = new StringBuilder();
    out.append("# Intercept policy recommended by mcp-risk-catalogue for ")
        .append(YamlText.comment(id, MAX_COMMENT_CHARS))
        .append('\n');
    out.append("# Generated from tool definitions; review before use.\n");
    out.append("version: \"1\"\n");
    out.append("description: ")
        .append(
            YamlText.quote(
                "Recommended policy for "
                    + id
                    + " from the mcp-risk-catalogue of "
                    + catalogueDate))
        .append('\n');
    out.append("default: \"allow\"\n");
    List<String> hidden =
        tools.stream()
            .filter(t -> t.policy().action() == PolicyAction.HIDE)
            .map(t -> t.tool().name())
            .toList();
    if (!hidden.isEmpty()) {
      out.append("hide:\n");
      for (String name : hidden) {
        out.append("  - ").append(YamlText.quote(name)).append('\n');
      }
    }
    if (skippedAll) {
      out.append("# A tool named \"*\" is left out: in Intercept \"*\" means every tool.\n");
    }
    if (tools.isEmpty()) {
      out.append("tools: {}\n");
      return out.toString();
    }
    out.append("tools:\n");
    for (AssessedTool tool : tools) {
      appendTool(out, tool);
    }
    return out.toString();
  }

  private static void appendTool(StringBuilder out, AssessedTool tool) {
    String name = tool.tool().name();
    PolicyRecommendation policy = tool.policy();
    out.append("  # ")
        .append(
            YamlText.comment(
                tool.assessment().category().label()
                    + ", "
                    + tool.assessment().riskLevel().label()
                    + ": "
                    + tool.assessment().rationale(),
                MAX_COMMENT_CHARS))
        .append('\n');
    out.append(YamlText.key(name, "  ")).append('\n');
    switch (policy.action()) {
      case ALLOW -> out.append("    rules: []\n");
      case RATE_LIMIT -> appendRateLimit(out, policy);
      case DENY, HIDE -> {
        out.append("    rules:\n");
        out.append("      - name: ").append(YamlText.quote(policy.ruleName())).append('\n');
        out.append("        action: \"deny\"\n");
        out.append("        on_deny: ").append(YamlText.quote(policy.onDeny())).append('\n');
      }
    }
  }

  private static void appendRateLimit(StringBuilder out, PolicyRecommendation policy) {
    out.append("    rules:\n");
    out.append("      - name: ").append(YamlText.quote(policy.ruleName())).append('\n');
    out.append("        rate_limit: ")
        .append(YamlText.quote(policy.rateLimitMax() + "/" + policy.rateLimitWindow()))
        .append('\n');
    if (!policy.onDeny().isEmpty()) {
      out.append("        on_deny: ").append(YamlText.quote(policy.onDeny())).append('\n');
    }
    for (String argument : new LinkedHashSet<>(policy.requiredArguments())) {
      if (argument.isEmpty() || argument.contains(".")) {
        continue;
      }
      out.append("      - name: ")
          .append(YamlText.quote("require argument " + argument))
          .append('\n');
      out.append("        conditions:\n");
      out.append("          - path: ").append(YamlText.quote("args." + argument)).append('\n');
      out.append("            op: \"exists\"\n");
      out.append("            value: true\n");
      out.append("        on_deny: ")
          .append(YamlText.quote("Missing required argument '" + argument + "'."))
          .append('\n');
    }
  }
}
