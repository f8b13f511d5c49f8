package dev.mcprisk.model;

import java.util.Objects;

/**
 * A tool of the catalogue with its assessment and policy recommendation.
 *
 * @param tool the definition as listed; never null
 * @param definitionHash {@link ToolDefinition#definitionHash()}; never null
 * @param origin where the definition came from: {@code snapshot}, {@code live} or {@code readme}
 * @param assessment the classifier's verdict; never null
 * @param policy the recommended gateway rule; never null
 */
public record AssessedTool(
    ToolDefinition tool,
    String definitionHash,
    String origin,
    Assessment assessment,
    PolicyRecommendation policy) {
  public AssessedTool {
    Objects.requireNonNull(tool, "tool == null");
    Objects.requireNonNull(definitionHash, "definitionHash == null");
    Objects.requireNonNull(origin, "origin == null");
    Objects.requireNonNull(assessment, "assessment == null");
    Objects.requireNonNull(policy, "policy == null");
  }
}
