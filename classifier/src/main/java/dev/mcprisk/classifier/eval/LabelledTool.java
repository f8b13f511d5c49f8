package dev.mcprisk.classifier.eval;

import dev.mcprisk.classifier.ServerContext;
import dev.mcprisk.model.Category;
import dev.mcprisk.model.RiskLevel;
import dev.mcprisk.model.ToolDefinition;
import java.util.Objects;

/**
 * One tool with the category and risk level a careful reviewer gave it.
 *
 * @param server the npm package that lists the tool, e.g. {@code @stripe/mcp}; not blank
 * @param tool the tool definition as listed, annotations included; not null
 * @param context the listing server's context; not null
 * @param expectedCategory the labelled category; not null
 * @param expectedRiskLevel the labelled risk level; not null
 * @param split dev or holdout; not null
 * @param note the labeller's short reason, empty when the label is obvious; never null
 */
public record LabelledTool(
    String server,
    ToolDefinition tool,
    ServerContext context,
    Category expectedCategory,
    RiskLevel expectedRiskLevel,
    Split split,
    String note) {

  public LabelledTool {
    Objects.requireNonNull(server, "server == null");
    if (server.isBlank()) {
      throw new IllegalArgumentException("server is blank");
    }
    Objects.requireNonNull(tool, "tool == null");
    Objects.requireNonNull(context, "context == null");
    Objects.requireNonNull(expectedCategory, "expectedCategory == null");
    Objects.requireNonNull(expectedRiskLevel, "expectedRiskLevel == null");
    Objects.requireNonNull(split, "split == null");
    note = note == null ? "" : note;
  }

  /** The tool name. */
  public String name() {
    return tool.name();
  }
}
