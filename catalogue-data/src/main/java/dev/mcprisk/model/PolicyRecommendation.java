package dev.mcprisk.model;

import java.util.List;
import java.util.Objects;

/**
 * A recommended gateway rule for one tool, derived from its {@link Assessment}; exports render it
 * as Intercept YAML or PolicyLayer JSON.
 *
 * @param action what to do with calls; never null
 * @param ruleName a short rule name such as {@code "execute rate limit"}; never blank
 * @param rateLimitMax calls allowed per window when {@code action} is {@link
 *     PolicyAction#RATE_LIMIT}, else 0
 * @param rateLimitWindow {@code minute}, {@code hour} or {@code day} with a rate limit, else null
 * @param requiredArguments top-level required argument names to check with {@code exists}, in
 *     schema order
 * @param onDeny message for the agent when a call is refused; never null
 */
public record PolicyRecommendation(
    PolicyAction action,
    String ruleName,
    int rateLimitMax,
    String rateLimitWindow,
    List<String> requiredArguments,
    String onDeny) {

  public PolicyRecommendation {
    Objects.requireNonNull(action, "action == null");
    Objects.requireNonNull(ruleName, "ruleName == null");
    Objects.requireNonNull(onDeny, "onDeny == null");
    if (ruleName.isBlank()) {
      throw new IllegalArgumentException("ruleName is blank");
    }
    if (action == PolicyAction.RATE_LIMIT) {
      if (rateLimitMax <= 0) {
        throw new IllegalArgumentException("rateLimitMax must be positive: " + rateLimitMax);
      }
      if (!List.of("minute", "hour", "day").contains(rateLimitWindow)) {
        throw new IllegalArgumentException(
            "rateLimitWindow must be minute, hour or day: " + rateLimitWindow);
      }
    }
    requiredArguments = List.copyOf(requiredArguments == null ? List.of() : requiredArguments);
  }
}
