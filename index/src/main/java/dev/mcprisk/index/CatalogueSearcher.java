package dev.mcprisk.index;

import dev.mcprisk.model.Category;
import dev.mcprisk.model.RiskLevel;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * Searches the catalogue index written by {@link CatalogueIndexer}: free text over tool names,
 * titles, descriptions, parameters and servers, weighted name ≫ title &gt; description &gt;
 * parameters &gt; server ({@link IndexDefaults}); see {@link CatalogueQueries} for the syntax and
 * its literal fallback.
 *
 * <p>The searcher sees the index as it was when opened (a point-in-time reader); a later {@link
 * CatalogueIndexer#rebuild} does not disturb it. Open a new searcher to see the new index.
 *
 * <p>Thread-safety: like Lucene's {@link IndexSearcher}, one instance may be shared by any number
 * of threads calling {@link #search} at once; {@link #close} must not run concurrently with a
 * search, and a closed searcher throws {@link org.apache.lucene.store.AlreadyClosedException}.
 */
public final class CatalogueSearcher implements Closeable {
  /** Where the first match sits in a snippet: 0 = at its start, 1 = at its end. */
  private static final float SNIPPET_MATCH_ALIGNMENT = 0.3f;

  private final Path indexDir;
  private final Directory directory;
  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  private final CatalogueQueries queries = new CatalogueQueries();
  private final UnifiedHighlighter highlighter;

  private CatalogueSearcher(Path indexDir, Directory directory, DirectoryReader reader) {
    this.indexDir = indexDir;
    this.directory = directory;
    this.reader = reader;
    this.searcher = new IndexSearcher(reader);
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
      return new CatalogueSearcher(path, directory, reader);
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
   * Searches servers and tools.
   *
   * @param query free text, or Lucene classic syntax; invalid syntax is searched as literal words
   * @param limit most hits to return, 1..{@value IndexDefaults#MAX_LIMIT}
   * @return the exact match count and the best {@code limit} hits, most relevant first
   * @throws IllegalArgumentException when {@code query} is blank or over {@value
   *     IndexDefaults#MAX_QUERY_CHARS} chars, expands to more than {@link
   *     IndexSearcher#getMaxClauseCount()} terms, or {@code limit} is out of range
   * @throws NullPointerException when {@code query} is null
   * @throws IOException when reading the index fails
   */
  public SearchResult search(String query, int limit) throws IOException {
    Objects.requireNonNull(query, "query == null");
    if (query.isBlank()) {
      throw new IllegalArgumentException("query is blank");
    }
    if (query.length() > IndexDefaults.MAX_QUERY_CHARS) {
      throw new IllegalArgumentException(
          "query is "
              + query.length()
              + " chars, over the limit of "
              + IndexDefaults.MAX_QUERY_CHARS);
    }
    if (limit < 1 || limit > IndexDefaults.MAX_LIMIT) {
      throw new IllegalArgumentException(
          "limit must be 1.." + IndexDefaults.MAX_LIMIT + ": " + limit);
    }
    Query parsed = queries.parse(query);
    TopDocs top;
    try {
      top = searcher.search(parsed, new TopScoreDocCollectorManager(limit, Integer.MAX_VALUE));
    } catch (IndexSearcher.TooManyClauses e) {
      throw new IllegalArgumentException(
          "query has too many terms (over " + IndexSearcher.getMaxClauseCount() + " clauses)", e);
    }
    String[] snippets = highlighter.highlight(IndexFields.DESCRIPTION, parsed, top, 1);
    StoredFields stored = searcher.storedFields();
    List<SearchHit> hits = new ArrayList<>(top.scoreDocs.length);
    for (int i = 0; i < top.scoreDocs.length; i++) {
      ScoreDoc scoreDoc = top.scoreDocs[i];
      hits.add(hit(stored.document(scoreDoc.doc), scoreDoc.score, snippets[i]));
    }
    return new SearchResult(query, top.totalHits.value, hits);
  }

  private static SearchHit hit(Document doc, float relevance, String highlighted) {
    String snippet = highlighted != null ? highlighted : doc.get(IndexFields.DESCRIPTION);
    String category = doc.get(IndexFields.CATEGORY);
    String riskLevel = doc.get(IndexFields.RISK_LEVEL);
    IndexableField score = doc.getField(IndexFields.SCORE);
    return new SearchHit(
        doc.get(IndexFields.SERVER_ID),
        doc.get(IndexFields.TOOL),
        category == null ? null : Category.parse(category).label(),
        riskLevel == null ? null : RiskLevel.parse(riskLevel).label(),
        score == null ? null : score.numericValue().intValue(),
        relevance,
        Snippets.cap(snippet, IndexDefaults.SNIPPET_MAX_CHARS));
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
