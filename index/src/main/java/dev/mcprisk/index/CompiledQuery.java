package dev.mcprisk.index;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;

/**
 * A {@link SearchRequest} turned into Lucene queries by {@link CatalogueQueries#compile}.
 *
 * @param words the query text left after field syntax was taken out, stripped; never null, may be
 *     empty
 * @param scoring the query over the text fields built from {@code words}; null when {@code words}
 *     is empty
 * @param filters non-scoring constraints from field syntax and request filters, all required, each
 *     with the facet dimension it narrows; never null
 */
record CompiledQuery(String words, Query scoring, List<QueryFilter> filters) {
  CompiledQuery {
    Objects.requireNonNull(words, "words == null");
    filters = List.copyOf(filters);
  }

  /** {@code scoring} (or all documents) restricted by every filter. */
  Query query() {
    return withScoring(scoring);
  }

  /** The filters around another scoring query (or all documents when null). */
  Query withScoring(Query scoringQuery) {
    return build(scoringQuery, null);
  }

  /**
   * The filters except those of facet {@code dimension} around {@code scoringQuery}: the matches a
   * drill-sideways count of that dimension runs over.
   */
  Query withScoringExcept(Query scoringQuery, String dimension) {
    return build(scoringQuery, Objects.requireNonNull(dimension, "dimension == null"));
  }

  /** Facet dimensions narrowed by at least one filter, in filter order. */
  Set<String> filteredDimensions() {
    Set<String> dimensions = new LinkedHashSet<>();
    filters.stream().map(QueryFilter::dimension).filter(Objects::nonNull).forEach(dimensions::add);
    return dimensions;
  }

  private Query build(Query scoringQuery, String leftOut) {
    Query base = scoringQuery != null ? scoringQuery : new MatchAllDocsQuery();
    List<QueryFilter> kept =
        filters.stream().filter(f -> leftOut == null || !leftOut.equals(f.dimension())).toList();
    if (kept.isEmpty()) {
      return base;
    }
    BooleanQuery.Builder builder = new BooleanQuery.Builder();
    builder.add(base, BooleanClause.Occur.MUST);
    kept.forEach(f -> builder.add(f.query(), BooleanClause.Occur.FILTER));
    return builder.build();
  }
}
