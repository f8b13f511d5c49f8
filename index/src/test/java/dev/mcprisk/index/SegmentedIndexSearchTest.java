package dev.mcprisk.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mcprisk.model.CatalogueServer;
import dev.mcprisk.model.Category;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A searcher over an index of several segments (as incremental updates leave it) ranks, counts,
 * pages and facets exactly as over one segment; the counting pass ({@link FacetCounter}) keeps one
 * ordinal array per segment.
 */
class SegmentedIndexSearchTest {
  private static final int SEGMENTS = 3;

  @TempDir static Path home;

  private static Path one;
  private static Path several;

  /**
   * The bundled catalogue twice: rebuilt (one segment), and the same documents in the same order
   * flushed as {@value #SEGMENTS} segments, never merged.
   */
  @BeforeAll
  static void indexes() throws IOException {
    List<CatalogueServer> catalogue = BundledCatalogue.load();
    one = home.resolve("one");
    several = home.resolve("several");
    CatalogueIndexer.rebuild(one, catalogue);
    IndexWriterConfig config =
        new IndexWriterConfig(IdentifierAnalyzer.forIndexing())
            .setMergePolicy(NoMergePolicy.INSTANCE);
    try (Directory directory = FSDirectory.open(several);
        IndexWriter writer = new IndexWriter(directory, config)) {
      for (int i = 0; i < catalogue.size(); i++) {
        writer.addDocuments(CatalogueDocuments.all(catalogue.get(i)));
        if ((i + 1) % (catalogue.size() / SEGMENTS + 1) == 0) {
          writer.flush();
        }
      }
      writer.setLiveCommitData(
          Map.of(IndexDefaults.FORMAT_VERSION_KEY, IndexDefaults.INDEX_FORMAT_VERSION).entrySet());
      writer.commit();
    }
  }

  @Test
  void theIndexesHaveOneAndSeveralSegments() throws IOException {
    assertEquals(1, leaves(one));
    assertEquals(SEGMENTS, leaves(several));
  }

  @Test
  void resultsOverSeveralSegmentsEqualThoseOverOne() throws IOException {
    try (CatalogueSearcher whole = CatalogueSearcher.open(one);
        CatalogueSearcher split = CatalogueSearcher.open(several)) {
      assertEquals(whole.documentCount(), split.documentCount());
      List<SearchRequest> requests = new ArrayList<>();
      for (Judgements j : Judgements.load()) {
        requests.add(SearchRequest.builder(j.query()).facets(true).build());
      }
      requests.add(
          SearchRequest.builder("delete").category(Category.DESTRUCTIVE).facets(true).build());
      requests.add(SearchRequest.builder("signal:shell run").facets(true).build());
      for (SearchRequest request : requests) {
        // same documents in the same order, so the same statistics, scores and tie-breaks
        assertEquals(whole.search(request), split.search(request), request.query());
      }
    }
  }

  @Test
  void pagesOverSeveralSegmentsAreTheTopOfLongerPages() throws IOException {
    try (CatalogueSearcher split = CatalogueSearcher.open(several)) {
      for (Judgements j : Judgements.load()) {
        List<SearchHit> ten = split.search(SearchRequest.of(j.query(), 10)).hits();
        List<SearchHit> fifty = split.search(SearchRequest.of(j.query(), 50)).hits();
        assertEquals(ten, fifty.subList(0, ten.size()), j.query());
        List<SearchHit> second =
            split.search(SearchRequest.builder(j.query()).limit(10).offset(10).build()).hits();
        assertEquals(
            fifty.subList(Math.min(10, fifty.size()), Math.min(20, fifty.size())),
            second,
            j.query());
      }
    }
  }

  private static int leaves(Path dir) throws IOException {
    try (Directory directory = FSDirectory.open(dir);
        DirectoryReader reader = DirectoryReader.open(directory)) {
      return reader.leaves().size();
    }
  }
}
