package dev.mcprisk.index;

import dev.mcprisk.model.Category;
import dev.mcprisk.model.RiskLevel;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.IntField;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSelector;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollector;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.automaton.ByteRunAutomaton;

/**
 * Searches the catalogue index written by {@link CatalogueIndexer}: free text over tool names,
 * titles, descriptions, parameters and servers, weighted name = title &gt; description &gt;
 * parameters &gt; server ({@link IndexDefaults}), with filters, facets, paging, sort by risk and a
 * typo-tolerant retry ({@link #search(SearchRequest)}), and tools like a given one ({@link
 * #similar}); see {@link CatalogueQueries} for the syntax and its literal fallback.
 *
 * <p>The searcher sees the index as it was when opened (a point-in-time reader); a later {@link
 * CatalogueIndexer#rebuild} or {@link CatalogueIndexer#update} does not disturb it. Refresh without
 * downtime as Lucene's {@code SearcherManager} does: open a new searcher on the same directory,
 * swap the shared reference, and close the old one when its in-flight searches have ended.
 *
 * <p>Thread-safety: like Lucene's {@link IndexSearcher}, one instance may be shared by any number
 * of threads calling {@link #search} at once; {@link #close} must not run concurrently with a
 * search, and a closed searcher throws {@link org.apache.lucene.store.AlreadyClosedException}.
 */
public final class CatalogueSearcher implements Closeable {
  /** Where the first match sits in a snippet: 0 = at its start, 1 = at its end. */
  private static final float SNIPPET_MATCH_ALIGNMENT = 0.3f;

  /** {@link SearchSort#RISK}: risk score descending, then relevance. */
  private static final Sort RISK_SORT =
      new Sort(
          IntField.newSortField(IndexFields.SCORE, true, SortedNumericSelector.Type.MAX),
          SortField.FIELD_SCORE);

  /** A server's riskiest tools: risk score descending, then index order (tool name order). */
  private static final Sort RISKIEST_TOOLS_SORT =
      new Sort(
          IntField.newSortField(IndexFields.SCORE, true, SortedNumericSelector.Type.MAX),
          SortField.FIELD_DOC);

  private final Path indexDir;
  private final Directory directory;
  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  private final CatalogueQueries queries = new CatalogueQueries();
  private final UnifiedHighlighter highlighter;
  private final SimilarTools similarity;

  private CatalogueSearcher(Path indexDir, Directory directory, DirectoryReader reader)
      throws IOException {
    this.indexDir = indexDir;
    this.directory = directory;
    this.reader = reader;
    this.searcher = new IndexSearcher(reader);
    this.similarity = new SimilarTools(reader);
    this.highlighter =
        UnifiedHighlighter.builder(searcher, IdentifierAnalyzer.forIndexing())
            .withFormatter(
                new DefaultPassageFormatter(
                    IndexDefaults.HIGHLIGHT_OPEN, IndexDefaults.HIGHLIGHT_CLOSE, "… ", false))
            .withBreakIterator(
                () ->
                    LengthGoalBreakIterator.createClosestToLength(
                        BreakIterator.getSentenceInstance(Locale.ROOT),
                        IndexDefaults.SNIPPET_GOAL_CHARS,
                        SNIPPET_MATCH_ALIGNMENT))
            .withMaxNoHighlightPassages(0)
            .build();
  }

  /**
   * Opens the index at {@code indexDir}.
   *
   * @throws IOException "no index at &lt;path&gt;: run `mcprisk run` first" when there is no
   *     committed index there; "index at &lt;path&gt; has format ..." when it was written by
   *     another field model version; or when reading fails
   * @throws NullPointerException when {@code indexDir} is null
   */
  public static CatalogueSearcher open(Path indexDir) throws IOException {
    Objects.requireNonNull(indexDir, "indexDir == null");
    Path path = indexDir.toAbsolutePath().normalize();
    if (!Files.isDirectory(path)) {
      throw new IOException("no index at " + path + ": run `mcprisk run` first");
    }
    Directory directory = FSDirectory.open(path);
    try {
      if (!DirectoryReader.indexExists(directory)) {
        throw new IOException("no index at " + path + ": run `mcprisk run` first");
      }
      DirectoryReader reader = DirectoryReader.open(directory);
      String format = reader.getIndexCommit().getUserData().get(IndexDefaults.FORMAT_VERSION_KEY);
      if (!IndexDefaults.INDEX_FORMAT_VERSION.equals(format)) {
        reader.close();
        throw new IOException(
            "index at "
                + path
                + " has format "
                + format
                + ", this version reads "
                + IndexDefaults.INDEX_FORMAT_VERSION
                + ": run `mcprisk run` to rebuild it");
      }
      try {
        return new CatalogueSearcher(path, directory, reader);
      } catch (IOException | RuntimeException e) {
        reader.close();
        throw e;
      }
    } catch (IOException | RuntimeException e) {
      directory.close();
      throw e;
    }
  }

  /** The index directory this searcher reads (absolute). */
  public Path indexDir() {
    return indexDir;
  }

  /** Number of documents (servers + tools) in the index. */
  public int documentCount() {
    return reader.numDocs();
  }

  /**
   * Searches servers and tools: {@link #search(SearchRequest)} with {@code query}, {@code limit}
   * and the defaults of {@link SearchRequest#of}.
   *
   * @param query free text with optional field syntax, or Lucene classic syntax; invalid syntax is
   *     searched as literal words
   * @param limit most hits to return, 1..{@value IndexDefaults#MAX_LIMIT}
   * @return the exact match count and the best {@code limit} hits, most relevant first
   * @throws IllegalArgumentException as {@link #search(SearchRequest)}, or from {@link
   *     SearchRequest}'s checks (blank query, over {@value IndexDefaults#MAX_QUERY_CHARS} chars,
   *     {@code limit} out of range)
   * @throws NullPointerException when {@code query} is null
   * @throws IOException when reading the index fails
   */
  public SearchResult search(String query, int limit) throws IOException {
    return search(SearchRequest.of(query, limit));
  }

  /**
   * Searches servers and tools with filters, paging, order, facets and typo tolerance.
   *
   * <p>Steps: field syntax in the text becomes filters (see {@link SearchRequest}); the rest is
   * parsed as in {@link CatalogueQueries}; hits are ranked by relevance, or by risk score then
   * relevance; facets count the matching tools; when nothing matches and {@link
   * SearchRequest#fuzzy()} is set, the words are retried within 1 or 2 edits and the result says
   * {@link SearchResult#fuzzy()}. Server hits list their {@value
   * IndexDefaults#RISKIEST_TOOLS_PER_SERVER} riskiest tools.
   *
   * @param request the search; never null
   * @return the exact match count, one page of hits, and facet counts when asked for
   * @throws IllegalArgumentException when a field-syntax value names no category or risk level
   *     ({@code category:foo}), or the query expands to more than {@link
   *     IndexSearcher#getMaxClauseCount()} clauses
   * @throws NullPointerException when {@code request} is null
   * @throws IOException when reading the index fails
   */
  public SearchResult search(SearchRequest request) throws IOException {
    Objects.requireNonNull(request, "request == null");
    CompiledQuery compiled = queries.compile(request);
    Query scoring = compiled.scoring();
    SearchPage page = run(compiled, scoring, request);
    boolean fuzzy = false;
    if (page.total() == 0 && request.fuzzy() && !compiled.words().isEmpty()) {
      Query retry = queries.fuzzy(compiled.words());
      if (retry != null) {
        // rewritten once to the matching terms, so search and highlighter share the expansion
        retry = searcher.rewrite(retry);
        scoring = retry;
        page = run(compiled, retry, request);
        fuzzy = true;
      }
    }
    List<SearchHit> hits = hits(page.scoreDocs(), scoring);
    return new SearchResult(
        request.query(), page.total(), hits, request.offset(), page.facets(), fuzzy);
  }

  /**
   * Tools like the given one (MoreLikeThis over its name, description and parameter names), most
   * similar first; the tool itself is left out.
   *
   * @param serverId the server id as in hits ({@code npm:@playwright/mcp}); never null
   * @param toolName the tool name as listed, case-sensitive; never null
   * @param limit most hits, 1..{@value IndexDefaults#MAX_LIMIT}
   * @return empty when the index has no such tool; else a result whose query is {@code <serverId>
   *     <toolName>}, without facets
   * @throws IllegalArgumentException when {@code limit} is out of range
   * @throws NullPointerException when an argument is null
   * @throws IOException when reading the index fails
   */
  public Optional<SearchResult> similar(String serverId, String toolName, int limit)
      throws IOException {
    Objects.requireNonNull(serverId, "serverId == null");
    Objects.requireNonNull(toolName, "toolName == null");
    if (limit < 1 || limit > IndexDefaults.MAX_LIMIT) {
      throw new IllegalArgumentException(
          "limit must be 1.." + IndexDefaults.MAX_LIMIT + ": " + limit);
    }
    String id = CatalogueDocuments.toolId(serverId, toolName);
    TopDocs own = searcher.search(KeywordField.newExactQuery(IndexFields.ID, id), 1);
    if (own.scoreDocs.length == 0) {
      return Optional.empty();
    }
    Document doc = searcher.storedFields().document(own.scoreDocs[0].doc);
    Query like = similarity.like(doc);
    Query query =
        new BooleanQuery.Builder()
            .add(like, BooleanClause.Occur.MUST)
            .add(
                KeywordField.newExactQuery(IndexFields.TYPE, IndexFields.TYPE_TOOL),
                BooleanClause.Occur.FILTER)
            .add(KeywordField.newExactQuery(IndexFields.ID, id), BooleanClause.Occur.MUST_NOT)
            .build();
    TopDocs top = searcher.search(query, new TopScoreDocCollectorManager(limit, Integer.MAX_VALUE));
    // no highlights: MoreLikeThis terms are the tool's own words, not something the user typed
    List<SearchHit> hits = hits(top.scoreDocs, null);
    return Optional.of(
        new SearchResult(serverId + " " + toolName, top.totalHits.value, hits, 0, Map.of(), false));
  }

  /**
   * One search: the page's score docs, the exact total, and facets when asked for.
   *
   * <p>Two passes over the index: the ranking pass stops counting at {@value
   * IndexDefaults#TOTAL_HITS_THRESHOLD} hits, which lets Lucene skip blocks of documents that
   * cannot enter the top hits (block-max WAND); the facet pass visits every match without scoring
   * (the flattened union of {@link MatchingQueries}) and so also gives the exact total. Without
   * facets the total is counted only when the ranking pass stopped counting.
   *
   * <p>Facets are drill-sideways (as Lucene's {@code DrillSideways}): the counts of a dimension
   * that a filter narrows ({@code --category Destructive}) come from one more non-scoring pass with
   * every filter but that dimension's, so they show the alternatives to the chosen value; the other
   * dimensions count the matches themselves.
   */
  private SearchPage run(CompiledQuery compiled, Query scoring, SearchRequest request)
      throws IOException {
    Query query = compiled.withScoring(scoring);
    int wanted = request.offset() + request.limit();
    try {
      TopDocs top;
      long total;
      Map<String, Map<String, Long>> facets = Map.of();
      if (request.sort() == SearchSort.RISK) {
        top =
            searcher.search(
                query,
                new TopFieldCollectorManager(
                    RISK_SORT, wanted, IndexDefaults.TOTAL_HITS_THRESHOLD));
        TopFieldCollector.populateScores(top.scoreDocs, searcher, query);
      } else {
        top =
            searcher.search(
                query, new TopScoreDocCollectorManager(wanted, IndexDefaults.TOTAL_HITS_THRESHOLD));
      }
      if (request.facets()) {
        FacetMatches matching = FacetCounter.count(searcher, MatchingQueries.matching(query));
        facets = matching.facets();
        total = matching.total();
        Set<String> sideways = compiled.filteredDimensions();
        if (!sideways.isEmpty()) {
          facets = new LinkedHashMap<>(facets);
          for (String dimension : sideways) {
            FacetMatches alternatives =
                FacetCounter.count(
                    searcher,
                    MatchingQueries.matching(compiled.withScoringExcept(scoring, dimension)));
            facets.put(dimension, alternatives.facets().get(dimension));
          }
        }
      } else {
        total =
            top.totalHits.relation == TotalHits.Relation.EQUAL_TO
                ? top.totalHits.value
                : searcher.count(query);
      }
      ScoreDoc[] all = top.scoreDocs;
      ScoreDoc[] page =
          request.offset() >= all.length
              ? new ScoreDoc[0]
              : Arrays.copyOfRange(all, request.offset(), all.length);
      return new SearchPage(total, page, facets);
    } catch (IndexSearcher.TooManyClauses e) {
      throw new IllegalArgumentException(
          "query has too many terms (over " + IndexSearcher.getMaxClauseCount() + " clauses)", e);
    }
  }

  private List<SearchHit> hits(ScoreDoc[] scoreDocs, Query highlightQuery) throws IOException {
    String[] snippets = new String[scoreDocs.length];
    if (highlightQuery != null && scoreDocs.length > 0) {
      TopDocs forHighlight =
          new TopDocs(new TotalHits(scoreDocs.length, TotalHits.Relation.EQUAL_TO), scoreDocs);
      Query onDescription = descriptionPart(highlightQuery);
      if (onDescription != null) {
        snippets = highlighter.highlight(IndexFields.DESCRIPTION, onDescription, forHighlight, 1);
      }
    }
    StoredFields stored = searcher.storedFields();
    List<SearchHit> hits = new ArrayList<>(scoreDocs.length);
    for (int i = 0; i < scoreDocs.length; i++) {
      ScoreDoc scoreDoc = scoreDocs[i];
      Document doc = stored.document(scoreDoc.doc);
      float relevance = Float.isNaN(scoreDoc.score) ? 0f : scoreDoc.score;
      hits.add(hit(doc, relevance, snippets[i]));
    }
    return hits;
  }

  /**
   * The parts of {@code query} on {@link IndexFields#DESCRIPTION} (term, synonym, phrase and
   * multi-term queries; prohibited clauses left out) as one disjunction, or null when there are
   * none. The highlighter asks every term query of what it is given for its matches in each hit,
   * and filters the other fields out only afterwards; given the whole query, those look-ups in the
   * name, title and parameter fields were the largest source of garbage per search (about a quarter
   * of the bytes allocated at 500,000 tools).
   */
  private static Query descriptionPart(Query query) {
    List<Query> parts = new ArrayList<>();
    query.visit(
        new QueryVisitor() {
          @Override
          public boolean acceptField(String field) {
            return IndexFields.DESCRIPTION.equals(field);
          }

          @Override
          public void consumeTerms(Query leaf, Term... terms) {
            parts.add(leaf);
          }

          @Override
          public void consumeTermsMatching(
              Query leaf, String field, Supplier<ByteRunAutomaton> automaton) {
            parts.add(leaf);
          }
        });
    if (parts.isEmpty() || parts.size() > IndexSearcher.getMaxClauseCount()) {
      return parts.isEmpty() ? null : query;
    }
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    parts.forEach(p -> any.add(p, BooleanClause.Occur.SHOULD));
    return any.build();
  }

  private SearchHit hit(Document doc, float relevance, String highlighted) throws IOException {
    String snippet = highlighted != null ? highlighted : doc.get(IndexFields.DESCRIPTION);
    String category = doc.get(IndexFields.CATEGORY);
    String riskLevel = doc.get(IndexFields.RISK_LEVEL);
    IndexableField score = doc.getField(IndexFields.SCORE);
    boolean server = IndexFields.TYPE_SERVER.equals(doc.get(IndexFields.TYPE));
    return new SearchHit(
        doc.get(IndexFields.SERVER_ID),
        doc.get(IndexFields.TOOL),
        category == null ? null : Category.parse(category).label(),
        riskLevel == null ? null : RiskLevel.parse(riskLevel).label(),
        score == null ? null : score.numericValue().intValue(),
        Math.max(0f, relevance),
        Snippets.cap(snippet, IndexDefaults.SNIPPET_MAX_CHARS),
        server ? riskiestTools(doc.get(IndexFields.SERVER_ID)) : List.of());
  }

  /** The server's riskiest tools: score descending, then name. */
  private List<RiskyTool> riskiestTools(String serverId) throws IOException {
    Query tools =
        new BooleanQuery.Builder()
            .add(
                KeywordField.newExactQuery(IndexFields.SERVER_ID, serverId),
                BooleanClause.Occur.FILTER)
            .add(
                KeywordField.newExactQuery(IndexFields.TYPE, IndexFields.TYPE_TOOL),
                BooleanClause.Occur.FILTER)
            .build();
    TopDocs top =
        searcher.search(tools, IndexDefaults.RISKIEST_TOOLS_PER_SERVER, RISKIEST_TOOLS_SORT, false);
    StoredFields stored = searcher.storedFields();
    List<RiskyTool> riskiest = new ArrayList<>(top.scoreDocs.length);
    for (ScoreDoc scoreDoc : top.scoreDocs) {
      Document doc = stored.document(scoreDoc.doc);
      riskiest.add(
          new RiskyTool(
              doc.get(IndexFields.TOOL),
              Category.parse(doc.get(IndexFields.CATEGORY)).label(),
              RiskLevel.parse(doc.get(IndexFields.RISK_LEVEL)).label(),
              doc.getField(IndexFields.SCORE).numericValue().intValue()));
    }
    return riskiest;
  }

  /** Closes the reader and its directory. */
  @Override
  public void close() throws IOException {
    try {
      reader.close();
    } finally {
      directory.close();
    }
  }
}
