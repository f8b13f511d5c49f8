package dev.mcprisk.index;

import java.util.Map;
import java.util.Objects;

/**
 * One judged query of the relevance set ({@link JudgedQueries}): what a person would type and the
 * hits that answer it.
 *
 * @param query what a person would type; not blank
 * @param relevant hit key → grade, in file order; the key is {@code <server id>#<tool name>} for a
 *     tool, the server id for a server; grade 1 (related) to 3 (the answer); not empty
 */
public record JudgedQuery(String query, Map<String, Integer> relevant) {
  /** Lowest grade: related. */
  public static final int MIN_GRADE = 1;

  /** Highest grade: the answer. */
  public static final int MAX_GRADE = 3;

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException when the query is blank, or there are no grades or one is
   *     outside 1..3
   * @throws NullPointerException when an argument is null
   */
  public JudgedQuery {
    Objects.requireNonNull(query, "query == null");
    Objects.requireNonNull(relevant, "relevant == null");
    if (query.isBlank()) {
      throw new IllegalArgumentException("blank judged query");
    }
    if (relevant.isEmpty()
        || relevant.values().stream().anyMatch(g -> g < MIN_GRADE || g > MAX_GRADE)) {
      throw new IllegalArgumentException("grades must be 1..3 and non-empty: " + query);
    }
    relevant = Map.copyOf(relevant);
  }
}
