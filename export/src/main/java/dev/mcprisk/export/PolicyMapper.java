package dev.mcprisk.export;

import dev.mcprisk.model.AssessedTool;
import dev.mcprisk.model.PolicyRecommendation;

/**
 * Chooses the gateway rule an export writes for a tool. The classifier's {@code PolicyAdvisor}
 * implements the profiles; this module cannot depend on the classifier, so the caller passes the
 * profile in as a mapper, e.g. {@code t -> PolicyAdvisor.recommend(t.tool(), t.assessment(),
 * PolicyProfile.STRICT)}.
 *
 * <p>Implementations must be pure functions and thread-safe.
 */
@FunctionalInterface
public interface PolicyMapper {
  /** The recommendation stored with the tool ({@link AssessedTool#policy()}), i.e. balanced. */
  PolicyMapper STORED = AssessedTool::policy;

  /**
   * The rule for one tool.
   *
   * @param tool the tool with its assessment
   * @return the recommendation; never null
   */
  PolicyRecommendation recommend(AssessedTool tool);
}
