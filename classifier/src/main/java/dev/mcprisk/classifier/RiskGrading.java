package dev.mcprisk.classifier;

import dev.mcprisk.model.Category;
import dev.mcprisk.model.RiskLevel;
import dev.mcprisk.model.Signal;
import java.util.List;

/**
 * The risk level of a category ({@code risk.json}), raised by the category's escalations when one
 * of their signals is present, then by the overrides that apply to every category (tool poisoning
 * makes any tool Critical, a deceptive name at least High).
 *
 * <p>Thread-safe: immutable.
 */
final class RiskGrading {
  private final RiskRules riskRules;

  RiskGrading(RiskRules riskRules) {
    this.riskRules = riskRules;
  }

  /** The grade of {@code category} with {@code signals}; records the rules that fired. */
  RiskGrade grade(Category category, List<Signal> signals, Findings findings) {
    RiskRules.Base base = riskRules.base(category);
    RiskLevel level = base.level();
    findings.rule(base.id());
    String reason = base.reason();
    for (RiskRules.Escalation escalation : riskRules.escalations()) {
      if (escalation.category() != category || escalation.level().ordinal() <= level.ordinal()) {
        continue;
      }
      for (Signal signal : signals) {
        if (escalation.anySignal().contains(signal.id())) {
          level = escalation.level();
          findings.rule(escalation.id());
          reason = escalation.reason() + " (" + signal.evidence() + ")";
          break;
        }
      }
    }
    for (RiskRules.Escalation override : riskRules.overrides()) {
      if (override.level().ordinal() <= level.ordinal()) {
        continue;
      }
      for (Signal signal : signals) {
        if (override.anySignal().contains(signal.id())) {
          level = override.level();
          findings.rule(override.id());
          reason = override.reason();
          break;
        }
      }
    }
    return new RiskGrade(level, reason);
  }
}
