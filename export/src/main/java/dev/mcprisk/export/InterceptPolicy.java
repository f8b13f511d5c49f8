package dev.mcprisk.export;

import java.util.Objects;

/**
 * One rendered Intercept policy file.
 *
 * @param yaml the file's text, ending with a newline
 * @param rules the rules it holds, by kind
 */
public record InterceptPolicy(String yaml, RuleCounts rules) {
  public InterceptPolicy {
    Objects.requireNonNull(yaml, "yaml == null");
    Objects.requireNonNull(rules, "rules == null");
  }
}
