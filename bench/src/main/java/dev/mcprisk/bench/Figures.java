package dev.mcprisk.bench;

/**
 * Rounding and checks shared by the bench figures: seconds to milliseconds, milliseconds to 0.01,
 * rates to 0.1, so the JSON stays readable and runs compare byte for byte.
 *
 * <p>Thread-safe: stateless.
 */
final class Figures {
  private Figures() {}

  static double seconds(double value, String name) {
    return round(check(value, name), 1_000);
  }

  static double millis(double value, String name) {
    return round(check(value, name), 100);
  }

  static double rate(double value, String name) {
    return round(check(value, name), 10);
  }

  static void nonNegative(long value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " < 0: " + value);
    }
  }

  static double toSeconds(long nanos) {
    return nanos / 1e9;
  }

  static double perSecond(long count, long nanos) {
    return nanos <= 0 ? 0 : count * 1e9 / nanos;
  }

  /** Nearest-rank percentile of sorted values; 0 when there are none. */
  static long rank(long[] sorted, double quantile) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(quantile * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  private static double check(double value, String name) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be a finite number >= 0, was " + value);
    }
    return value;
  }

  private static double round(double value, int per) {
    return Math.round(value * per) / (double) per;
  }
}
