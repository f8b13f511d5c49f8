package dev.mcprisk.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcprisk.model.Category;
import dev.mcprisk.model.RiskLevel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link MatchingQueries#matching}: the same matches as the scoring query. */
class MatchingQueriesTest {
  @TempDir Path home;

  @Test
  void flattenedQueriesMatchExactlyWhatTheScoringQueriesMatch() throws IOException {
    Path dir = home.resolve("index");
    CatalogueIndexer.rebuild(dir, BundledCatalogue.load());
    List<SearchRequest> requests = new ArrayList<>();
    Judgements.load().forEach(j -> requests.add(SearchRequest.of(j.query(), 10)));
    for (String text :
        List.of(
            "+delete -branch",
            "delete AND file",
            "\"pull request\" merge",
            "name:delete* OR title:remove",
            "server:github create issue",
            "category:Destructive risk:Critical drop")) {
      requests.add(SearchRequest.of(text, 10));
    }
    requests.add(SearchRequest.builder("write").category(Category.DESTRUCTIVE).build());
    requests.add(SearchRequest.builder("run command").minRisk(RiskLevel.HIGH).build());
    CatalogueQueries queries = new CatalogueQueries();
    try (Directory directory = FSDirectory.open(dir);
        DirectoryReader reader = DirectoryReader.open(directory)) {
      IndexSearcher searcher = new IndexSearcher(reader);
      int nonEmpty = 0;
      for (SearchRequest request : requests) {
        Query query = queries.compile(request).query();
        int count = searcher.count(query);
        assertEquals(count, searcher.count(MatchingQueries.matching(query)), request.query());
        nonEmpty += count > 0 ? 1 : 0;
      }
      assertTrue(nonEmpty > requests.size() / 2, "most requests match something");
    }
  }

  @Test
  void plainWordsBecomeOneUnionOfFieldQueries() {
    Query words = new CatalogueQueries().words("list files directory");
    Query flat = MatchingQueries.matching(words);
    BooleanQuery union = assertInstanceOf(BooleanQuery.class, flat);
    // 3 words x 6 searched fields, none of them a disjunction any more
    assertEquals(18, union.clauses().size());
    for (BooleanClause clause : union.clauses()) {
      assertEquals(BooleanClause.Occur.SHOULD, clause.getOccur());
    }
  }
}
