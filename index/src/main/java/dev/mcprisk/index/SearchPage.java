package dev.mcprisk.index;

import java.util.Map;
import java.util.Objects;
import org.apache.lucene.search.ScoreDoc;

/**
 * One search pass inside {@link CatalogueSearcher}: the exact total, the requested page's score
 * documents, and facet counts (empty when not asked for).
 *
 * @param total exact number of matching documents, ≥ 0
 * @param scoreDocs the page, in hit order; never null
 * @param facets dimension → value → tool count; never null
 */
record SearchPage(long total, ScoreDoc[] scoreDocs, Map<String, Map<String, Long>> facets) {
  SearchPage {
    Objects.requireNonNull(scoreDocs, "scoreDocs == null");
    Objects.requireNonNull(facets, "facets == null");
    if (total < 0) {
      throw new IllegalArgumentException("total < 0: " + total);
    }
  }
}
