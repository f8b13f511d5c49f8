package dev.mcprisk.index;

import java.util.Objects;
import org.apache.lucene.search.Query;

/**
 * One non-scoring constraint of a {@link CompiledQuery}, with the facet dimension it restricts.
 *
 * @param query the filter; never null
 * @param dimension the facet dimension of {@link IndexFields#FACET_DIMENSIONS} this filter narrows
 *     (a {@code --category} filter narrows {@link IndexFields#DIM_CATEGORY}), or null when it
 *     narrows none ({@code --server}); drill-sideways counting leaves a dimension's own filters out
 *     of that dimension's counts
 */
record QueryFilter(Query query, String dimension) {
  QueryFilter {
    Objects.requireNonNull(query, "query == null");
    if (dimension != null && !IndexFields.FACET_DIMENSIONS.contains(dimension)) {
      throw new IllegalArgumentException("not a facet dimension: " + dimension);
    }
  }
}
