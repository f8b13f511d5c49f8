package dev.mcprisk.index;

import java.util.List;
import java.util.Objects;
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
 * @param filters non-scoring constraints from field syntax and request filters, all required; never
 *     null
 */
record CompiledQuery(String words, Query scoring, List<Query> filters) {
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
    Query base = scoringQuery != null ? scoringQuery : new MatchAllDocsQuery();
    if (filters.isEmpty()) {
      return base;
    }
    BooleanQuery.Builder builder = new BooleanQuery.Builder();
    builder.add(base, BooleanClause.Occur.MUST);
    filters.forEach(f -> builder.add(f, BooleanClause.Occur.FILTER));
    return builder.build();
  }
}
