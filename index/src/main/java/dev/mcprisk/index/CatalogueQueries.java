package dev.mcprisk.index;

import dev.mcprisk.model.Category;
import dev.mcprisk.model.RiskLevel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;

/**
 * Turns user text into a Lucene query over the weighted text fields ({@link
 * IndexFields#TEXT_FIELD_BOOSTS}).
 *
 * <p>{@link #compile} first takes the field syntax of {@link SearchRequest} ({@code
 * category:Destructive}, {@code server:github}, ...) out of the text as filters. The rest: plain
 * words (no operators, quotes, fields or brackets) are scored per word by {@link #words}; text with
 * syntax goes through Lucene's classic query parser
 * (https://lucene.apache.org/core/9_12_0/queryparser/org/apache/lucene/queryparser/classic/package-summary.html)
 * with OR between words, so {@code "delete file"}, {@code +delete -branch}, {@code
 * risk_level:critical} and {@code type:tool} work. When the text is not valid syntax ({@code ((((},
 * {@code delete AND}, {@code name:*}), the fallback treats it as literal words: each text field is
 * analyzed with {@link QueryBuilder} (no operators, no fields) and the weighted field queries are
 * OR-ed. User input is data: no parse error leaves this class. {@link #fuzzy} builds the
 * typo-tolerant retry.
 *
 * <p>Thread-safe: a new parser per call; the analyzers are thread-safe.
 */
final class CatalogueQueries {
  /**
   * Field syntax taken out of the query text: {@code name:value} or {@code name:"two words"} at the
   * start of a word, optionally after {@code +}; names case-insensitive.
   */
  static final Pattern FIELD_SYNTAX =
      Pattern.compile(
          "(?<!\\S)\\+?(?i:(category|risk|min-risk|server|signal|registry|transport)):"
              + "(?:\"([^\"]*)\"|([^\\s\"]+))");

  /** Characters and operators of the classic syntax; text without them is plain words. */
  private static final Pattern SYNTAX =
      Pattern.compile("(?<!\\S)[+\\-!/]|[\"():*?~^\\[\\]{}\\\\]|&&|\\|\\||\\b(?:AND|OR|NOT)\\b");

  private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");

  /**
   * Text fields searched for plain words: all but the server description, which every tool of a
   * server repeats, so its common words matched whole servers' tools (slower, and no better ranked
   * on the judged queries).
   */
  private static final List<String> WORD_FIELDS =
      IndexFields.TEXT_FIELDS.stream()
          .filter(f -> !f.equals(IndexFields.SERVER_DESCRIPTION))
          .toList();

  /**
   * Long-text fields searched without synonyms: expanding {@code list} to get, fetch, read,
   * retrieve and describe in every description matched most of the catalogue (the slowest queries
   * at 500,000 tools) for no gain on the judged queries; names, titles and parameter names keep
   * them.
   */
  private static final List<String> SYNONYM_FREE_FIELDS =
      List.of(
          IndexFields.DESCRIPTION,
          IndexFields.PARAMETER_DESCRIPTIONS,
          IndexFields.SERVER_NAME,
          IndexFields.SERVER_DESCRIPTION);

  /** Text fields searched by the fuzzy retry, the most telling ones. */
  private static final List<String> FUZZY_FIELDS =
      List.of(
          IndexFields.NAME,
          IndexFields.TITLE,
          IndexFields.DESCRIPTION,
          IndexFields.PARAMETER_NAMES);

  /** Analyzes server names in {@code server:} filters as they were indexed. */
  private static final Analyzer INDEX_ANALYZER = IdentifierAnalyzer.forIndexing();

  private final Analyzer analyzer;
  private final Analyzer fuzzyAnalyzer = IdentifierAnalyzer.forQueryWords();

  CatalogueQueries() {
    Map<String, Analyzer> perField = new HashMap<>();
    Analyzer lowerKeyword = new LowerCaseKeywordAnalyzer();
    IndexFields.LOWER_CASE_KEYWORD_FIELDS.forEach(f -> perField.put(f, lowerKeyword));
    IndexFields.EXACT_KEYWORD_FIELDS.forEach(f -> perField.put(f, new KeywordAnalyzer()));
    Analyzer withoutSynonyms = IdentifierAnalyzer.forQueryWords();
    SYNONYM_FREE_FIELDS.forEach(f -> perField.put(f, withoutSynonyms));
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
    if (!SYNTAX.matcher(text).find()) {
      return words(text);
    }
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

  /**
   * Plain words: per word, the best field wins with a share ({@link
   * IndexDefaults#FIELD_TIE_BREAKER}) of the others (a {@link DisjunctionMaxQuery}), and the words'
   * scores add up. So a tool that matches more of the words outranks one that matches a single word
   * in many fields ("query mongodb collection" ranks {@code find}, described as "a find query
   * against a MongoDB collection", above {@code rename-collection}). Stop words are dropped.
   */
  Query words(String text) {
    QueryBuilder builder = new QueryBuilder(analyzer);
    BooleanQuery.Builder words = new BooleanQuery.Builder();
    int count = 0;
    for (String word : WHITE_SPACE.split(text.strip())) {
      List<Query> perField = new ArrayList<>();
      for (String field : WORD_FIELDS) {
        Query query = builder.createBooleanQuery(field, word, BooleanClause.Occur.SHOULD);
        if (query != null) {
          perField.add(new BoostQuery(query, IndexFields.TEXT_FIELD_BOOSTS.get(field)));
        }
      }
      if (!perField.isEmpty()) {
        words.add(
            new DisjunctionMaxQuery(perField, IndexDefaults.FIELD_TIE_BREAKER),
            BooleanClause.Occur.SHOULD);
        count++;
      }
    }
    return count == 0 ? new MatchNoDocsQuery() : words.build();
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

  /**
   * The request as queries: field syntax taken out of the text into filters, the rest parsed by
   * {@link #parse}, and the request's own filters added.
   *
   * @throws IllegalArgumentException when a field-syntax value names no category or risk level, or
   *     the request has no words and no filters
   */
  CompiledQuery compile(SearchRequest request) {
    List<QueryFilter> filters = new ArrayList<>();
    StringBuilder rest = new StringBuilder();
    Matcher matcher = FIELD_SYNTAX.matcher(request.query());
    int last = 0;
    while (matcher.find()) {
      rest.append(request.query(), last, matcher.start()).append(' ');
      String value = matcher.group(3) != null ? matcher.group(3) : matcher.group(2);
      if (!value.isBlank()) {
        filters.add(fieldFilter(matcher.group(1).toLowerCase(Locale.ROOT), value.strip()));
      }
      last = matcher.end();
    }
    rest.append(request.query().substring(last));
    addRequestFilters(request, filters);
    String words = rest.toString().strip();
    if (words.isEmpty() && filters.isEmpty()) {
      throw new IllegalArgumentException("query is blank");
    }
    return new CompiledQuery(words, words.isEmpty() ? null : parse(words), filters);
  }

  private void addRequestFilters(SearchRequest request, List<QueryFilter> filters) {
    if (request.category() != null) {
      filters.add(
          new QueryFilter(
              keyword(IndexFields.CATEGORY, request.category().label()), IndexFields.DIM_CATEGORY));
    }
    if (request.risk() != null) {
      filters.add(
          new QueryFilter(
              keyword(IndexFields.RISK_LEVEL, request.risk().label()), IndexFields.DIM_RISK_LEVEL));
    }
    if (request.minRisk() != null) {
      filters.add(new QueryFilter(minRisk(request.minRisk()), IndexFields.DIM_RISK_LEVEL));
    }
    if (request.server() != null) {
      filters.add(new QueryFilter(server(request.server()), null));
    }
    if (request.signal() != null) {
      filters.add(
          new QueryFilter(keyword(IndexFields.SIGNAL, request.signal()), IndexFields.DIM_SIGNAL));
    }
    if (request.registryType() != null) {
      filters.add(
          new QueryFilter(
              keyword(IndexFields.REGISTRY_TYPE, request.registryType()),
              IndexFields.DIM_REGISTRY_TYPE));
    }
    if (request.transport() != null) {
      filters.add(
          new QueryFilter(
              keyword(IndexFields.TRANSPORT, request.transport()), IndexFields.DIM_TRANSPORT));
    }
  }

  private QueryFilter fieldFilter(String field, String value) {
    return switch (field) {
      case "category" ->
          new QueryFilter(
              keyword(IndexFields.CATEGORY, Category.parse(value).label()),
              IndexFields.DIM_CATEGORY);
      case "risk" ->
          new QueryFilter(
              keyword(IndexFields.RISK_LEVEL, RiskLevel.parse(value).label()),
              IndexFields.DIM_RISK_LEVEL);
      case "min-risk" ->
          new QueryFilter(minRisk(RiskLevel.parse(value)), IndexFields.DIM_RISK_LEVEL);
      case "server" -> new QueryFilter(server(value), null);
      case "signal" -> new QueryFilter(keyword(IndexFields.SIGNAL, value), IndexFields.DIM_SIGNAL);
      case "registry" ->
          new QueryFilter(keyword(IndexFields.REGISTRY_TYPE, value), IndexFields.DIM_REGISTRY_TYPE);
      case "transport" ->
          new QueryFilter(keyword(IndexFields.TRANSPORT, value), IndexFields.DIM_TRANSPORT);
      default -> throw new IllegalStateException("unhandled field " + field);
    };
  }

  private static Query keyword(String field, String value) {
    return KeywordField.newExactQuery(field, value.toLowerCase(Locale.ROOT));
  }

  private static Query minRisk(RiskLevel floor) {
    List<BytesRef> levels = new ArrayList<>();
    for (RiskLevel level : RiskLevel.values()) {
      if (level.ordinal() >= floor.ordinal()) {
        levels.add(new BytesRef(level.label().toLowerCase(Locale.ROOT)));
      }
    }
    return KeywordField.newSetQuery(IndexFields.RISK_LEVEL, levels);
  }

  /** The server id exactly, or all words of the server name (server and tool documents). */
  private static Query server(String value) {
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    any.add(KeywordField.newExactQuery(IndexFields.SERVER_ID, value), BooleanClause.Occur.SHOULD);
    QueryBuilder words = new QueryBuilder(INDEX_ANALYZER);
    Query onTools =
        words.createBooleanQuery(IndexFields.SERVER_NAME, value, BooleanClause.Occur.MUST);
    Query onServers = words.createBooleanQuery(IndexFields.NAME, value, BooleanClause.Occur.MUST);
    if (onTools != null) {
      any.add(onTools, BooleanClause.Occur.SHOULD);
    }
    if (onServers != null) {
      any.add(
          new BooleanQuery.Builder()
              .add(onServers, BooleanClause.Occur.MUST)
              .add(
                  KeywordField.newExactQuery(IndexFields.TYPE, IndexFields.TYPE_SERVER),
                  BooleanClause.Occur.FILTER)
              .build(),
          BooleanClause.Occur.SHOULD);
    }
    return new ConstantScoreQuery(any.build());
  }

  /**
   * The typo-tolerant retry: each word the user typed (stop words dropped, no synonyms) matches
   * within {@link #maxEdits} edits in the name, title, description and parameter names, with their
   * weights; null when the text has no words.
   */
  Query fuzzy(String words) {
    Set<String> terms = new LinkedHashSet<>();
    try (TokenStream stream = fuzzyAnalyzer.tokenStream(IndexFields.NAME, words)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        terms.add(term.toString());
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    BooleanQuery.Builder builder = new BooleanQuery.Builder();
    int clauses = 0;
    for (String term : terms) {
      int edits = maxEdits(term);
      for (String field : FUZZY_FIELDS) {
        Query query =
            edits == 0
                ? new TermQuery(new Term(field, term))
                : new FuzzyQuery(
                    new Term(field, term),
                    edits,
                    IndexDefaults.FUZZY_PREFIX_CHARS,
                    IndexDefaults.FUZZY_MAX_EXPANSIONS,
                    true);
        builder.add(
            new BoostQuery(query, IndexFields.TEXT_FIELD_BOOSTS.get(field)),
            BooleanClause.Occur.SHOULD);
        clauses++;
      }
    }
    return clauses == 0 ? null : builder.build();
  }

  /** 0 edits up to 2 chars, 1 up to {@link IndexDefaults#FUZZY_ONE_EDIT_MAX_CHARS}, else 2. */
  static int maxEdits(String term) {
    int length = term.codePointCount(0, term.length());
    if (length <= 2) {
      return 0;
    }
    return length <= IndexDefaults.FUZZY_ONE_EDIT_MAX_CHARS ? 1 : 2;
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
