package dev.mcprisk.index;

import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.QueryBuilder;

/**
 * Turns user text into a Lucene query over the weighted text fields ({@link
 * IndexFields#TEXT_FIELD_BOOSTS}).
 *
 * <p>First try: Lucene classic query syntax
 * (https://lucene.apache.org/core/9_12_0/queryparser/org/apache/lucene/queryparser/classic/package-summary.html)
 * with OR between words, so {@code "delete file"}, {@code +delete -branch}, {@code
 * category:destructive} and {@code signal:shell} work. When the text is not valid syntax ({@code
 * ((((}, {@code AND}, {@code name:*}), the fallback treats it as literal words: each text field is
 * analyzed with {@link QueryBuilder} (no operators, no fields) and the weighted field queries are
 * OR-ed. User input is data: no parse error leaves this class.
 *
 * <p>Thread-safe: a new parser per call; the analyzers are thread-safe.
 */
final class CatalogueQueries {
  private final Analyzer analyzer;

  CatalogueQueries() {
    Map<String, Analyzer> perField = new HashMap<>();
    Analyzer lowerKeyword = new LowerCaseKeywordAnalyzer();
    IndexFields.LOWER_CASE_KEYWORD_FIELDS.forEach(f -> perField.put(f, lowerKeyword));
    IndexFields.EXACT_KEYWORD_FIELDS.forEach(f -> perField.put(f, new KeywordAnalyzer()));
    this.analyzer = new PerFieldAnalyzerWrapper(IdentifierAnalyzer.forQuery(), perField);
  }

  /** The analyzer used for queries (per field), also used by the highlighter. */
  Analyzer analyzer() {
    return analyzer;
  }

  /**
   * The query for {@code text}; never throws on syntax.
   *
   * @param text non-blank user text
   */
  Query parse(String text) {
    MultiFieldQueryParser parser =
        new MultiFieldQueryParser(
            IndexFields.TEXT_FIELDS.toArray(String[]::new),
            analyzer,
            IndexFields.TEXT_FIELD_BOOSTS);
    parser.setDefaultOperator(QueryParser.Operator.OR);
    try {
      return parser.parse(text);
    } catch (ParseException | IndexSearcher.TooManyClauses | IllegalArgumentException e) {
      return literal(text);
    }
  }

  /** {@code text} as plain words over every text field; an empty query when it has no words. */
  Query literal(String text) {
    QueryBuilder builder = new QueryBuilder(analyzer);
    BooleanQuery.Builder fields = new BooleanQuery.Builder();
    for (String field : IndexFields.TEXT_FIELDS) {
      Query query = builder.createBooleanQuery(field, text, BooleanClause.Occur.SHOULD);
      if (query != null) {
        fields.add(
            new BoostQuery(query, IndexFields.TEXT_FIELD_BOOSTS.get(field)),
            BooleanClause.Occur.SHOULD);
      }
    }
    return fields.build();
  }

  /** The whole value as one lower-cased term, for {@code category:Destructive}. */
  private static final class LowerCaseKeywordAnalyzer extends Analyzer {
    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer tokenizer = new KeywordTokenizer();
      return new TokenStreamComponents(tokenizer, new LowerCaseFilter(tokenizer));
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
      return new LowerCaseFilter(in);
    }
  }
}
