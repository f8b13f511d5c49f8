package dev.mcprisk.index;

import java.util.Objects;

/**
 * One of a server's riskiest tools, listed on a server hit ({@link SearchHit#riskiestTools()}).
 *
 * @param tool the tool name as listed; never null
 * @param category category label ({@code Destructive}); never null
 * @param riskLevel risk level label ({@code Critical}); never null
 * @param score risk score 0..100
 */
public record RiskyTool(String tool, String category, String riskLevel, int score) {
  public RiskyTool {
    Objects.requireNonNull(tool, "tool == null");
    Objects.requireNonNull(category, "category == null");
    Objects.requireNonNull(riskLevel, "riskLevel == null");
    if (score < 0 || score > 100) {
      throw new IllegalArgumentException("score out of 0..100: " + score);
    }
  }
}
