package dev.mcprisk.index;

import java.util.List;
import java.util.Objects;

/**
 * The answer to one {@link CatalogueSearcher#search}.
 *
 * @param query the query as given; never null
 * @param total exact number of matching documents (servers and tools), ≥ {@code hits.size()}
 * @param hits the best hits, most relevant first, at most the requested limit
 */
public record SearchResult(String query, long total, List<SearchHit> hits) {
  public SearchResult {
    Objects.requireNonNull(query, "query == null");
    hits = List.copyOf(hits == null ? List.of() : hits);
    if (total < hits.size()) {
      throw new IllegalArgumentException("total " + total + " < hits " + hits.size());
    }
  }
}
