package dev.mcprisk.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.StringDocValuesReaderState;
import org.apache.lucene.facet.StringValueFacetCounts;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexReader;

/**
 * Counts the facet dimensions of {@link IndexFields#FACET_DIMENSIONS} over a set of matching
 * documents with Lucene's taxonomy-free {@link StringValueFacetCounts} on the single-valued {@link
 * IndexFields#FACETS} key, then splits each key's count into its dimensions' values ({@link
 * FacetKey}).
 *
 * <p>The {@link StringDocValuesReaderState} (global ordinals across segments) is built once per
 * reader, here, not per search.
 *
 * <p>Thread-safe: the state is read-only after construction; each {@link #count} makes its own
 * counters.
 */
final class FacetCounter {
  /** Null when the index holds no facet keys (no tools). */
  private final StringDocValuesReaderState state;

  FacetCounter(IndexReader reader) throws IOException {
    boolean hasKeys = FieldInfos.getMergedFieldInfos(reader).fieldInfo(IndexFields.FACETS) != null;
    this.state = hasKeys ? new StringDocValuesReaderState(reader, IndexFields.FACETS) : null;
  }

  /**
   * Dimension → value → count of matching tools, dimensions in {@link IndexFields#FACET_DIMENSIONS}
   * order, values by count descending then value, at most {@value IndexDefaults#MAX_FACET_VALUES}
   * per dimension; a dimension without values maps to an empty map.
   */
  Map<String, Map<String, Long>> count(FacetsCollector matching) throws IOException {
    List<Map<String, Long>> perDimension = new ArrayList<>();
    IndexFields.FACET_DIMENSIONS.forEach(d -> perDimension.add(new HashMap<>()));
    if (state != null) {
      FacetResult keys =
          new StringValueFacetCounts(state, matching).getAllChildren(IndexFields.FACETS);
      for (LabelAndValue key : keys.labelValues) {
        long count = key.value.longValue();
        List<List<String>> dimensions = FacetKey.decode(key.label);
        for (int d = 0; d < dimensions.size() && d < perDimension.size(); d++) {
          for (String value : dimensions.get(d)) {
            perDimension.get(d).merge(value, count, Long::sum);
          }
        }
      }
    }
    Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
    for (int d = 0; d < perDimension.size(); d++) {
      counts.put(IndexFields.FACET_DIMENSIONS.get(d), ordered(perDimension.get(d)));
    }
    return counts;
  }

  private static Map<String, Long> ordered(Map<String, Long> counts) {
    Map<String, Long> values = new LinkedHashMap<>();
    counts.entrySet().stream()
        .filter(e -> e.getValue() > 0)
        .sorted(
            Map.Entry.<String, Long>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(IndexDefaults.MAX_FACET_VALUES)
        .forEach(e -> values.put(e.getKey(), e.getValue()));
    return values;
  }
}
