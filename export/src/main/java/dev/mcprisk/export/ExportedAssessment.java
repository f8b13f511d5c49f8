package dev.mcprisk.export;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mcprisk.model.Category;
import dev.mcprisk.model.RiskLevel;
import dev.mcprisk.model.Signal;
import java.util.List;
import java.util.Objects;

/**
 * The {@code assessment} of a tool in {@code catalogue.json}, as read back.
 *
 * @param category what the tool does; never null
 * @param riskLevel how dangerous a call is; never null
 * @param score 0 to 100
 * @param confidence 0.0 to 1.0
 * @param signals risk signals; empty when absent
 * @param rationale the explanation; null when absent
 * @param rules ids of the rules that fired; empty when absent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExportedAssessment(
    @JsonProperty("category") Category category,
    @JsonProperty("riskLevel") RiskLevel riskLevel,
    @JsonProperty("score") int score,
    @JsonProperty("confidence") double confidence,
    @JsonProperty("signals") List<Signal> signals,
    @JsonProperty("rationale") String rationale,
    @JsonProperty("rules") List<String> rules) {
  public ExportedAssessment {
    Objects.requireNonNull(category, "category == null");
    Objects.requireNonNull(riskLevel, "riskLevel == null");
    signals = List.copyOf(signals == null ? List.of() : signals);
    rules = List.copyOf(rules == null ? List.of() : rules);
  }
}
