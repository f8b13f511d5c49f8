package dev.mcprisk.crawler.registry;

import java.util.Comparator;

/**
 * A lenient Semantic Versioning 2.0.0 order (https://semver.org, section 11) for registry versions,
 * which are semver "recommended" but not enforced: an optional leading {@code v}, any number of
 * dot-separated core parts (missing parts count as 0, so {@code 1.2} equals {@code 1.2.0}), a
 * pre-release after the first {@code -} ranks below the release, build metadata after {@code +} is
 * ignored. Numeric parts compare numerically and below non-numeric ones, which compare as text. A
 * null or blank version ranks below every other.
 *
 * <p>Thread-safe: stateless.
 */
public final class Versions {

  /** The order described above. */
  public static final Comparator<String> ORDER = Versions::compare;

  private Versions() {}

  /**
   * Compares two registry versions in the order described above.
   *
   * @param a a version, may be null
   * @param b a version, may be null
   * @return negative, zero or positive as {@code a} ranks below, equal to or above {@code b}
   */
  public static int compare(String a, String b) {
    boolean aBlank = a == null || a.isBlank();
    boolean bBlank = b == null || b.isBlank();
    if (aBlank || bBlank) {
      return Boolean.compare(!aBlank, !bBlank);
    }
    String[] x = split(a);
    String[] y = split(b);
    int core = compareParts(x[0].split("\\."), y[0].split("\\."), true);
    if (core != 0) {
      return core;
    }
    if (x[1] == null || y[1] == null) {
      // A release outranks any of its pre-releases.
      return Boolean.compare(x[1] == null, y[1] == null);
    }
    return compareParts(x[1].split("\\."), y[1].split("\\."), false);
  }

  /** {core, pre-release or null}, without a leading v and without build metadata. */
  private static String[] split(String version) {
    String v = version.strip();
    if (v.length() > 1
        && (v.charAt(0) == 'v' || v.charAt(0) == 'V')
        && Character.isDigit(v.charAt(1))) {
      v = v.substring(1);
    }
    int plus = v.indexOf('+');
    if (plus >= 0) {
      v = v.substring(0, plus);
    }
    int dash = v.indexOf('-');
    return dash < 0
        ? new String[] {v, null}
        : new String[] {v.substring(0, dash), v.substring(dash + 1)};
  }

  /** Core parts pad the shorter side with 0; pre-release parts rank a shorter list lower. */
  private static int compareParts(String[] x, String[] y, boolean padWithZero) {
    int n = Math.max(x.length, y.length);
    for (int i = 0; i < n; i++) {
      if (i >= x.length || i >= y.length) {
        if (!padWithZero) {
          return Integer.compare(x.length, y.length);
        }
      }
      String p = i < x.length ? x[i] : "0";
      String q = i < y.length ? y[i] : "0";
      int c = comparePart(p, q);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static int comparePart(String p, String q) {
    boolean pNum = isNumber(p);
    boolean qNum = isNumber(q);
    if (pNum && qNum) {
      String a = stripZeros(p);
      String b = stripZeros(q);
      return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }
    if (pNum != qNum) {
      return pNum ? -1 : 1;
    }
    return p.compareTo(q);
  }

  private static boolean isNumber(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static String stripZeros(String s) {
    int i = 0;
    while (i < s.length() - 1 && s.charAt(i) == '0') {
      i++;
    }
    return s.substring(i);
  }
}
