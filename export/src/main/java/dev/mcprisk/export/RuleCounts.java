package dev.mcprisk.export;

/**
 * Rules written into Intercept policy files, by kind: the figures of the closing note.
 *
 * @param deny rules with {@code action: deny}, including those that back a hidden tool
 * @param hide entries of {@code hide} lists
 * @param rateLimit rules with a {@code rate_limit}
 * @param exists rules with an {@code exists} condition on a required argument
 * @param allow tools allowed with no checks ({@code rules: []})
 */
public record RuleCounts(long deny, long hide, long rateLimit, long exists, long allow) {
  /** No rules. */
  public static final RuleCounts ZERO = new RuleCounts(0, 0, 0, 0, 0);

  public RuleCounts {
    if (deny < 0 || hide < 0 || rateLimit < 0 || exists < 0 || allow < 0) {
      throw new IllegalArgumentException("negative rule count");
    }
  }

  /** The sum of this and {@code other}, kind by kind. */
  public RuleCounts plus(RuleCounts other) {
    return new RuleCounts(
        deny + other.deny,
        hide + other.hide,
        rateLimit + other.rateLimit,
        exists + other.exists,
        allow + other.allow);
  }
}
