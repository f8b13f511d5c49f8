package dev.mcprisk.export;

import dev.mcprisk.model.AssessedTool;
import dev.mcprisk.model.CatalogueServer;
import dev.mcprisk.model.PolicyAction;
import dev.mcprisk.model.PolicyRecommendation;
import dev.mcprisk.model.RiskLevel;
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
 * <p>Source: Intercept v1.1.0, https://github.com/PolicyLayer/Intercept ({@code internal/config}).
 * Output passes {@link InterceptPolicyValidator}. Per tool, from its {@link PolicyRecommendation}:
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
 * #MAX_COMMENT_CHARS} chars); the file starts with comments naming the server, the profile and the
 * options. {@code default} is {@code "deny"} under {@code --default-deny}, and then every tool that
 * may be called is listed. Every rule has a name. Every string is a double-quoted scalar escaped by
 * {@link YamlText}, and comment text is stripped of anything that could end the comment's line, so
 * no tool name, description or message can change the file's structure.
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
   * The policy file text for one server with the {@link ExportOptions#DEFAULTS} (the stored
   * recommendations, {@code default: allow}).
   *
   * @param server the server with its assessed tools
   * @param catalogueDate the date of the catalogue the policy comes from, for the description
   * @return YAML text ending with a newline
   */
  public static String render(CatalogueServer server, LocalDate catalogueDate) {
    return render(server, catalogueDate, ExportOptions.DEFAULTS).yaml();
  }

  /**
   * The policy file for one server under export options.
   *
   * <p>Every tool of {@code server} is written (apply {@link ExportOptions#select} first to
   * filter), each with the rule {@link ExportOptions#policyFor} gives. With {@link
   * ExportOptions#defaultDeny()} the file says {@code default: "deny"}: Intercept then refuses
   * every tool the file does not list, before any rule, so every tool that may be called is listed,
   * allowed ones with {@code rules: []}.
   *
   * @param server the server with its assessed tools
   * @param catalogueDate the date of the catalogue the policy comes from, for the description
   * @param options profile, default action and hiding
   * @return the YAML text and its rule counts
   */
  public static InterceptPolicy render(
      CatalogueServer server, LocalDate catalogueDate, ExportOptions options) {
    Objects.requireNonNull(server, "server == null");
    Objects.requireNonNull(catalogueDate, "catalogueDate == null");
    Objects.requireNonNull(options, "options == null");
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
    List<PolicyRecommendation> policies = tools.stream().map(options::policyFor).toList();
    StringBuilder out = new StringBuilder();
    appendHeader(out, id, catalogueDate, options);
    List<String> hidden = new ArrayList<>();
    for (int i = 0; i < tools.size(); i++) {
      if (policies.get(i).action() == PolicyAction.HIDE) {
        hidden.add(tools.get(i).tool().name());
      }
    }
    if (!hidden.isEmpty()) {
      out.append("# Hidden tools are removed from tools/list and refused on call.\n");
      out.append("hide:\n");
      for (String name : hidden) {
        out.append("  - ").append(YamlText.quote(name)).append('\n');
      }
    }
    if (skippedAll) {
      out.append("# A tool named \"*\" is left out: in Intercept \"*\" means every tool")
          .append(options.defaultDeny() ? "; unlisted, it is refused.\n" : ".\n");
    }
    if (tools.isEmpty()) {
      out.append("tools: {}\n");
      return new InterceptPolicy(out.toString(), RuleCounts.ZERO);
    }
    out.append("tools:\n");
    RuleCounts counts = RuleCounts.ZERO;
    for (int i = 0; i < tools.size(); i++) {
      counts = counts.plus(appendTool(out, tools.get(i), policies.get(i)));
    }
    return new InterceptPolicy(out.toString(), counts);
  }

  private static void appendHeader(
      StringBuilder out, String id, LocalDate catalogueDate, ExportOptions options) {
    out.append("# Intercept policy recommended by mcp-risk-catalogue for ")
        .append(YamlText.comment(id, MAX_COMMENT_CHARS))
        .append('\n');
    out.append("# Profile: ")
        .append(YamlText.comment(options.profile(), MAX_COMMENT_CHARS))
        .append(options.defaultDeny() ? "; default deny: only the tools listed below" : "")
        .append(options.hideDestructive() ? "; Destructive tools hidden" : "")
        .append(options.minRisk() != RiskLevel.LOW ? "; tools below " + options.minRisk() : "")
        .append(options.minRisk() != RiskLevel.LOW ? " risk left out" : "")
        .append(".\n");
    out.append("# Generated from tool definitions; review before use.\n");
    out.append("version: \"1\"\n");
    out.append("description: ")
        .append(
            YamlText.quote(
                "Recommended policy ("
                    + options.profile()
                    + " profile) for "
                    + id
                    + " from the mcp-risk-catalogue of "
                    + catalogueDate))
        .append('\n');
    out.append("default: ").append(options.defaultDeny() ? "\"deny\"" : "\"allow\"").append('\n');
  }

  private static RuleCounts appendTool(
      StringBuilder out, AssessedTool tool, PolicyRecommendation policy) {
    String name = tool.tool().name();
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
    return switch (policy.action()) {
      case ALLOW -> {
        out.append("    rules: []\n");
        yield new RuleCounts(0, 0, 0, 0, 1);
      }
      case RATE_LIMIT -> {
        int exists = appendRateLimit(out, policy);
        yield new RuleCounts(0, 0, 1, exists, 0);
      }
      case DENY, HIDE -> {
        out.append("    rules:\n");
        out.append("      - name: ").append(YamlText.quote(policy.ruleName())).append('\n');
        out.append("        action: \"deny\"\n");
        out.append("        on_deny: ").append(YamlText.quote(policy.onDeny())).append('\n');
        yield new RuleCounts(1, policy.action() == PolicyAction.HIDE ? 1 : 0, 0, 0, 0);
      }
    };
  }

  /** Appends a rate-limit rule and its argument checks; returns the number of checks. */
  private static int appendRateLimit(StringBuilder out, PolicyRecommendation policy) {
    out.append("    rules:\n");
    out.append("      - name: ").append(YamlText.quote(policy.ruleName())).append('\n');
    out.append("        rate_limit: ")
        .append(YamlText.quote(policy.rateLimitMax() + "/" + policy.rateLimitWindow()))
        .append('\n');
    if (!policy.onDeny().isEmpty()) {
      out.append("        on_deny: ").append(YamlText.quote(policy.onDeny())).append('\n');
    }
    int checks = 0;
    for (String argument : new LinkedHashSet<>(policy.requiredArguments())) {
      if (argument.isEmpty() || argument.contains(".")) {
        continue;
      }
      checks++;
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
    return checks;
  }
}
