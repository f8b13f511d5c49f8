package dev.mcprisk.export.policy;

import java.util.Locale;

/**
 * How strict the recommended gateway rules are: the {@code --profile} of {@code mcprisk export}.
 *
 * <p>The mapping of each profile, category by category, is the table in {@link PolicyAdvisor}; the
 * README shows the same table.
 */
public enum PolicyProfile {
  /** Fewer calls, unknown tools refused, reads rate-limited. */
  STRICT,
  /** The default: the middle column of the table in {@link PolicyAdvisor}. */
  BALANCED,
  /** More calls; Destructive tools rate-limited instead of refused. */
  PERMISSIVE;

  /** The name used on the command line and in exported files, e.g. {@code "balanced"}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a profile name, case-insensitively.
   *
   * @throws IllegalArgumentException when {@code text} is null or names no profile
   */
  public static PolicyProfile parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("profile == null");
    }
    for (PolicyProfile p : values()) {
      if (p.name().equalsIgnoreCase(text.trim())) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown profile '" + text + "' (expected one of strict, balanced, permissive)");
  }

  @Override
  public String toString() {
    return label();
  }
}
