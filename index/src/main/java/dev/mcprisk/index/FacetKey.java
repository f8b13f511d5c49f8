package dev.mcprisk.index;

import java.util.ArrayList;
import java.util.List;

/**
 * Encodes a tool's values of all facet dimensions ({@link IndexFields#FACET_DIMENSIONS}, in order)
 * as one string, and decodes it: dimensions joined by U+001F (unit separator), the values of one
 * dimension by U+001E (record separator); control characters inside values are dropped.
 *
 * <p>Why one key: counting one single-valued ordinal per matching tool and splitting the few
 * thousand distinct keys afterwards is several times cheaper than reading five multi-valued
 * doc-values fields per tool, the most expensive part of a search with facets over 500,000 tools.
 *
 * <p>Thread-safe: stateless.
 */
final class FacetKey {
  private static final char DIMENSION_SEPARATOR = '\u001f';
  private static final char VALUE_SEPARATOR = '\u001e';

  private FacetKey() {}

  /** The key of {@code dimensions}: one list of values per dimension, in dimension order. */
  static String encode(List<List<String>> dimensions) {
    StringBuilder key = new StringBuilder();
    for (int d = 0; d < dimensions.size(); d++) {
      if (d > 0) {
        key.append(DIMENSION_SEPARATOR);
      }
      List<String> values = dimensions.get(d);
      for (int v = 0; v < values.size(); v++) {
        if (v > 0) {
          key.append(VALUE_SEPARATOR);
        }
        values
            .get(v)
            .codePoints()
            .filter(c -> !Character.isISOControl(c))
            .forEach(key::appendCodePoint);
      }
    }
    return key.toString();
  }

  /**
   * The values per dimension of a key made by {@link #encode}; empty dimensions are empty lists.
   */
  static List<List<String>> decode(String key) {
    List<List<String>> dimensions = new ArrayList<>();
    for (String dimension : key.split(String.valueOf(DIMENSION_SEPARATOR), -1)) {
      dimensions.add(
          dimension.isEmpty()
              ? List.of()
              : List.of(dimension.split(String.valueOf(VALUE_SEPARATOR), -1)));
    }
    return dimensions;
  }
}
