package dev.mcprisk.index;

import java.util.Map;
import java.util.Objects;

/**
 * What {@link FacetCounter#count} found: the exact number of matching documents (servers and tools)
 * and the facet counts of the matching tools, dimension → value → count.
 *
 * <p>Thread-safe: immutable once built (the caller does not change the maps).
 */
record FacetMatches(long total, Map<String, Map<String, Long>> facets) {
  FacetMatches {
    if (total < 0) {
      throw new IllegalArgumentException("total < 0: " + total);
    }
    Objects.requireNonNull(facets, "facets == null");
  }
}
