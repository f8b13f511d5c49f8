package dev.mcprisk.index;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;

/**
 * The non-scoring form of a query for the counting pass: the same matches, cheaper to visit.
 *
 * <p>A plain-words query is a disjunction of per-word {@link DisjunctionMaxQuery}s over boosted
 * per-field queries ({@link CatalogueQueries#words}). Scores do not matter when counting, so boosts
 * are dropped and every nested disjunction (dis-max, or a boolean query of SHOULD clauses only) is
 * flattened into one boolean query of SHOULD clauses over the leaf queries: Lucene then visits the
 * union with its window-based bulk scorer instead of a heap of heaps. Required, filter and
 * prohibited clauses are kept as they are (required ones as filters); a disjunction that would
 * exceed {@link IndexSearcher#getMaxClauseCount()} clauses is left nested.
 *
 * <p>A document matches the result exactly when it matches the input (tested on the judged queries
 * by {@code MatchingQueriesTest}).
 *
 * <p>Thread-safe: stateless.
 */
final class MatchingQueries {
  private MatchingQueries() {}

  /** The query matching exactly what {@code query} matches, for collection without scores. */
  static Query matching(Query query) {
    Query inner = unwrap(query);
    if (isDisjunction(inner)) {
      List<Query> leaves = new ArrayList<>();
      collectLeaves(inner, leaves);
      if (leaves.size() <= IndexSearcher.getMaxClauseCount()) {
        if (leaves.size() == 1) {
          return matching(leaves.get(0));
        }
        BooleanQuery.Builder union = new BooleanQuery.Builder();
        leaves.forEach(l -> union.add(matching(l), BooleanClause.Occur.SHOULD));
        return union.build();
      }
      return inner;
    }
    if (inner instanceof BooleanQuery bool) {
      BooleanQuery.Builder builder =
          new BooleanQuery.Builder()
              .setMinimumNumberShouldMatch(bool.getMinimumNumberShouldMatch());
      for (BooleanClause clause : bool.clauses()) {
        BooleanClause.Occur occur =
            clause.getOccur() == BooleanClause.Occur.MUST
                ? BooleanClause.Occur.FILTER
                : clause.getOccur();
        builder.add(matching(clause.getQuery()), occur);
      }
      return builder.build();
    }
    return inner;
  }

  /** Boosts and constant scores do not change what matches. */
  private static Query unwrap(Query query) {
    Query inner = query;
    while (true) {
      if (inner instanceof BoostQuery boost) {
        inner = boost.getQuery();
      } else if (inner instanceof ConstantScoreQuery constant) {
        inner = constant.getQuery();
      } else {
        return inner;
      }
    }
  }

  /** A dis-max, or a boolean query of SHOULD clauses only that needs just one of them. */
  private static boolean isDisjunction(Query query) {
    if (query instanceof DisjunctionMaxQuery) {
      return true;
    }
    if (query instanceof BooleanQuery bool) {
      return !bool.clauses().isEmpty()
          && bool.getMinimumNumberShouldMatch() <= 1
          && bool.clauses().stream().allMatch(c -> c.getOccur() == BooleanClause.Occur.SHOULD);
    }
    return false;
  }

  private static void collectLeaves(Query disjunction, List<Query> leaves) {
    Iterable<Query> parts =
        disjunction instanceof DisjunctionMaxQuery dismax
            ? dismax.getDisjuncts()
            : ((BooleanQuery) disjunction).clauses().stream().map(BooleanClause::getQuery).toList();
    for (Query part : parts) {
      Query inner = unwrap(part);
      if (isDisjunction(inner)) {
        collectLeaves(inner, leaves);
      } else {
        leaves.add(inner);
      }
    }
  }
}
