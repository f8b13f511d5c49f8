package dev.mcprisk.index;

import java.io.IOException;
import java.io.StringReader;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;

/**
 * Builds a "more like this tool" query with Lucene's {@link MoreLikeThis}: the most telling terms
 * (tf-idf) of a tool's name, description and parameter names, each field searched in itself and
 * weighted as in {@link IndexDefaults} (name ≫ description &gt; parameters).
 *
 * <p>The text comes from the stored fields of the tool's document (the index keeps no term
 * vectors), analyzed with {@link IdentifierAnalyzer#forIndexing()}; the query stop words are left
 * out.
 *
 * <p>Thread-safe: a new {@link MoreLikeThis} per call.
 */
final class SimilarTools {
  private static final CharArraySet STOP_WORDS =
      new CharArraySet(IndexDefaults.QUERY_STOP_WORDS, true);

  /** Stored field to read → field to search, with its weight. */
  private static final Map<String, String> SOURCES =
      Map.of(
          IndexFields.TOOL, IndexFields.NAME,
          IndexFields.DESCRIPTION, IndexFields.DESCRIPTION,
          IndexFields.PARAMETER_NAMES_STORED, IndexFields.PARAMETER_NAMES);

  private static final Analyzer ANALYZER = IdentifierAnalyzer.forIndexing();

  private final IndexReader reader;

  SimilarTools(IndexReader reader) {
    this.reader = reader;
  }

  /**
   * The query for documents like {@code tool}'s stored text; matches nothing when the tool has no
   * telling terms.
   */
  Query like(Document tool) throws IOException {
    BooleanQuery.Builder builder = new BooleanQuery.Builder();
    for (Map.Entry<String, String> source : SOURCES.entrySet()) {
      String[] values = tool.getValues(source.getKey());
      if (values.length == 0) {
        continue;
      }
      StringReader[] readers = new StringReader[values.length];
      for (int i = 0; i < values.length; i++) {
        readers[i] = new StringReader(values[i]);
      }
      String field = source.getValue();
      Query query = moreLikeThis(field).like(field, readers);
      builder.add(
          new BoostQuery(query, IndexFields.TEXT_FIELD_BOOSTS.get(field)),
          BooleanClause.Occur.SHOULD);
    }
    return builder.build();
  }

  private MoreLikeThis moreLikeThis(String field) throws IOException {
    MoreLikeThis mlt = new MoreLikeThis(reader);
    mlt.setAnalyzer(ANALYZER);
    mlt.setFieldNames(new String[] {field});
    mlt.setMinTermFreq(1);
    mlt.setMinDocFreq(1);
    mlt.setMinWordLen(2);
    mlt.setMaxDocFreqPct(IndexDefaults.SIMILAR_MAX_DOC_FREQ_PERCENT);
    mlt.setMaxQueryTerms(IndexDefaults.SIMILAR_MAX_QUERY_TERMS);
    mlt.setStopWords(STOP_WORDS);
    mlt.setBoost(true);
    return mlt;
  }
}
