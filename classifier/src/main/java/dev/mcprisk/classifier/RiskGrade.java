package dev.mcprisk.classifier;

import dev.mcprisk.model.RiskLevel;
import java.util.Objects;

/**
 * A tool's risk level and the reason for it, as the rationale states it.
 *
 * @param level the risk level; not null
 * @param reason the reason of the rule that set the level, e.g. "it deletes data"; not null
 */
record RiskGrade(RiskLevel level, String reason) {
  RiskGrade {
    Objects.requireNonNull(level, "level == null");
    Objects.requireNonNull(reason, "reason == null");
  }
}
