package dev.mcprisk.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How much harm a call of the tool can do, secondary to its {@link Category}.
 *
 * <p>Source: {@code docs/taxonomy.md}, "Risk level". Ordered from {@link #LOW} to {@link
 * #CRITICAL}; {@link #ordinal()} is the rank.
 */
public enum RiskLevel {
  LOW("Low"),
  MEDIUM("Medium"),
  HIGH("High"),
  CRITICAL("Critical");

  private final String label;

  RiskLevel(String label) {
    this.label = label;
  }

  /** The name used in every output format, e.g. {@code "Critical"}. */
  @JsonValue
  public String label() {
    return label;
  }

  /** The higher of this level and {@code other}. */
  public RiskLevel atLeast(RiskLevel other) {
    return other.ordinal() > ordinal() ? other : this;
  }

  /**
   * Parses a label or enum name, case-insensitively.
   *
   * @throws IllegalArgumentException when {@code text} names no risk level
   */
  @JsonCreator
  public static RiskLevel parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("riskLevel == null");
    }
    for (RiskLevel r : values()) {
      if (r.label.equalsIgnoreCase(text.trim()) || r.name().equalsIgnoreCase(text.trim())) {
        return r;
      }
    }
    throw new IllegalArgumentException(
        "unknown risk level '" + text + "' (expected one of Low, Medium, High, Critical)");
  }

  @Override
  public String toString() {
    return label;
  }
}
