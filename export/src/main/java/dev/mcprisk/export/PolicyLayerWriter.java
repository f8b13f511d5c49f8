package dev.mcprisk.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.AssessedTool;
import dev.mcprisk.model.CatalogueServer;
import dev.mcprisk.model.PolicyAction;
import dev.mcprisk.model.PolicyRecommendation;
import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;

/**
 * Renders a server's recommended policy as a PolicyLayer policy document (JSON, version "1").
 *
 * <p>Source: PolicyLayer's public policy documentation, as summarised in README.md ("PolicyLayer
 * policy (same server)"). Shape: {@code {"version": "1", "default": "allow" | "deny", "hide":
 * [...], "tools": {...}}}, tools sorted by name. Per tool, from its {@link PolicyRecommendation}:
 *
 * <ul>
 *   <li>{@code ALLOW}: {@code {}}.
 *   <li>{@code RATE_LIMIT}: {@code {"limits": [{"counter": "<tool lower-case>_rate", "window",
 *       "max", "scope": "grant"}]}}. Required arguments are not written: the item schema of {@code
 *       require} is not public.
 *   <li>{@code DENY}: {@code {"require": [], "deny_if": [{"conditions": [], "on_deny": "..."}],
 *       "limits": []}}, exactly the shape PolicyLayer's catalogue prints (an unconditional
 *       deny_if); no other use of {@code require}/{@code deny_if} is made.
 *   <li>{@code HIDE}: listed under {@code hide} and given the DENY shape as well.
 * </ul>
 *
 * A tool named {@code "*"} is left out, since {@code "*"} in {@code hide} hides every tool.
 *
 * <p>Thread-safe: stateless.
 */
public final class PolicyLayerWriter {
  /** Scope of every limit: tracked per grant, the only scope seen in PolicyLayer's documents. */
  public static final String LIMIT_SCOPE = "grant";

  private PolicyLayerWriter() {}

  /**
   * The policy document for one server with the {@link ExportOptions#DEFAULTS}.
   *
   * @param server the server with its assessed tools
   * @return pretty-printed JSON text ending with a newline
   */
  public static String render(CatalogueServer server) {
    return render(server, ExportOptions.DEFAULTS);
  }

  /**
   * The policy document for one server under export options: every tool of {@code server} (apply
   * {@link ExportOptions#select} first to filter) with the rule {@link ExportOptions#policyFor}
   * gives; {@code "default": "deny"} with {@link ExportOptions#defaultDeny()}, under which every
   * listed tool, allowed ones as {@code {}}, may be called and unlisted ones are refused.
   *
   * @param server the server with its assessed tools
   * @param options profile, default action and hiding
   * @return pretty-printed JSON text ending with a newline
   */
  public static String render(CatalogueServer server, ExportOptions options) {
    Objects.requireNonNull(server, "server == null");
    Objects.requireNonNull(options, "options == null");
    ObjectNode root = Json.object();
    root.put("version", "1");
    root.put("default", options.defaultDeny() ? "deny" : "allow");
    ArrayNode hide = root.putArray("hide");
    ObjectNode tools = root.putObject("tools");
    server.tools().stream()
        .sorted(Comparator.comparing(t -> t.tool().name(), Comparator.naturalOrder()))
        .filter(t -> !InterceptPolicyWriter.ALL_TOOLS.equals(t.tool().name()))
        .filter(t -> !tools.has(t.tool().name()))
        .forEach(
            t -> {
              PolicyRecommendation policy = options.policyFor(t);
              if (policy.action() == PolicyAction.HIDE) {
                hide.add(t.tool().name());
              }
              tools.set(t.tool().name(), tool(t, policy));
            });
    return Json.writePretty(root) + "\n";
  }

  private static ObjectNode tool(AssessedTool tool, PolicyRecommendation policy) {
    ObjectNode out = Json.object();
    switch (policy.action()) {
      case ALLOW -> {}
      case RATE_LIMIT -> {
        ObjectNode limit = out.putArray("limits").addObject();
        limit.put("counter", tool.tool().name().toLowerCase(Locale.ROOT) + "_rate");
        limit.put("window", policy.rateLimitWindow());
        limit.put("max", policy.rateLimitMax());
        limit.put("scope", LIMIT_SCOPE);
      }
      case DENY, HIDE -> {
        out.putArray("require");
        ObjectNode deny = out.putArray("deny_if").addObject();
        deny.putArray("conditions");
        deny.put("on_deny", policy.onDeny());
        out.putArray("limits");
      }
    }
    return out;
  }
}
