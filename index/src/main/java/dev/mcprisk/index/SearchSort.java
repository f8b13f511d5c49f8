package dev.mcprisk.index;

import java.util.Locale;

/** Order of search hits. */
public enum SearchSort {
  /** Most relevant first (BM25 with field weights). */
  RELEVANCE,
  /** Riskiest first: risk score 0..100 descending, then relevance. */
  RISK;

  /**
   * Parses {@code relevance} or {@code risk}, case-insensitively.
   *
   * @throws IllegalArgumentException when {@code text} is null or names no order
   */
  public static SearchSort parse(String text) {
    if (text != null) {
      for (SearchSort sort : values()) {
        if (sort.name().equalsIgnoreCase(text.strip())) {
          return sort;
        }
      }
    }
    throw new IllegalArgumentException(
        "unknown sort '" + text + "' (expected one of relevance, risk)");
  }

  /** The lower-case name used on the command line and in JSON. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
