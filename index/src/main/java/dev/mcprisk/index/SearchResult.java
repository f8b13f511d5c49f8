package dev.mcprisk.index;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The answer to one {@link CatalogueSearcher#search}.
 *
 * @param query the query text as given; never null
 * @param total exact number of matching documents (servers and tools), ≥ {@code offset +
 *     hits.size()} when hits are present
 * @param hits one page of hits in the requested order, at most the requested limit
 * @param offset how many hits precede this page, ≥ 0
 * @param facets facet dimension ({@code category}, {@code riskLevel}, {@code signal}, {@code
 *     registryType}, {@code transport}) → value → count of matching <em>tools</em>, values by count
 *     descending then value; empty when facets were not asked for. Category and risk level values
 *     are labels ({@code Destructive}); the others are lower-case ids. Drill-sideways: a dimension
 *     narrowed by a filter ({@code --category Destructive}) counts the matches of every other
 *     filter, so it lists the alternatives to the chosen value
 * @param fuzzy true when the exact query matched nothing and these hits come from the typo-tolerant
 *     retry
 */
public record SearchResult(
    String query,
    long total,
    List<SearchHit> hits,
    int offset,
    Map<String, Map<String, Long>> facets,
    boolean fuzzy) {
  public SearchResult {
    Objects.requireNonNull(query, "query == null");
    hits = List.copyOf(hits == null ? List.of() : hits);
    if (offset < 0) {
      throw new IllegalArgumentException("offset < 0: " + offset);
    }
    if (!hits.isEmpty() && total < offset + hits.size()) {
      throw new IllegalArgumentException(
          "total " + total + " < offset " + offset + " + hits " + hits.size());
    }
    facets = copy(facets);
  }

  /** A first page without facets from an exact query. */
  public SearchResult(String query, long total, List<SearchHit> hits) {
    this(query, total, hits, 0, Map.of(), false);
  }

  private static Map<String, Map<String, Long>> copy(Map<String, Map<String, Long>> facets) {
    Map<String, Map<String, Long>> copy = new LinkedHashMap<>();
    if (facets != null) {
      facets.forEach((dim, counts) -> copy.put(dim, unmodifiable(counts)));
    }
    return Collections.unmodifiableMap(copy);
  }

  private static Map<String, Long> unmodifiable(Map<String, Long> counts) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(counts));
  }
}
