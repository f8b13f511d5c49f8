package dev.mcprisk.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * The classifier's verdict on one tool definition.
 *
 * @param category what the tool does
 * @param riskLevel how dangerous a call is
 * @param score risk score, 0 (harmless) to 100 (most dangerous)
 * @param confidence how sure the classifier is, 0.0 to 1.0
 * @param signals risk signals with their evidence, in a stable order
 * @param rationale a sentence or two a person can check, citing the evidence
 * @param rules ids of the rules that fired, in the order they fired
 * @param classifierVersion the version of the rules and lexicons that produced this
 */
@JsonPropertyOrder({
  "category",
  "riskLevel",
  "score",
  "confidence",
  "signals",
  "rationale",
  "rules",
  "classifierVersion"
})
public record Assessment(
    @JsonProperty("category") Category category,
    @JsonProperty("riskLevel") RiskLevel riskLevel,
    @JsonProperty("score") int score,
    @JsonProperty("confidence") double confidence,
    @JsonProperty("signals") List<Signal> signals,
    @JsonProperty("rationale") String rationale,
    @JsonProperty("rules") List<String> rules,
    @JsonProperty("classifierVersion") String classifierVersion) {

  public Assessment {
    Objects.requireNonNull(category, "category == null");
    Objects.requireNonNull(riskLevel, "riskLevel == null");
    Objects.requireNonNull(rationale, "rationale == null");
    Objects.requireNonNull(classifierVersion, "classifierVersion == null");
    if (score < 0 || score > 100) {
      throw new IllegalArgumentException("score out of 0..100: " + score);
    }
    if (!(confidence >= 0.0 && confidence <= 1.0)) {
      throw new IllegalArgumentException("confidence out of 0..1: " + confidence);
    }
    signals = List.copyOf(signals == null ? List.of() : signals);
    rules = List.copyOf(rules == null ? List.of() : rules);
  }

  /** The ids of {@link #signals()}, in order. */
  public List<String> signalIds() {
    return signals.stream().map(Signal::id).toList();
  }
}
