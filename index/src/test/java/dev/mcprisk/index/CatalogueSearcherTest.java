package dev.mcprisk.index;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcprisk.model.Category;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Searches over the real bundled catalogue: 21 servers, 302 tools. */
class CatalogueSearcherTest {
  private static final String MEMORY = "npm:@modelcontextprotocol/server-memory";

  @TempDir static Path home;
  private static CatalogueSearcher searcher;

  @BeforeAll
  static void buildIndex() throws IOException {
    CatalogueIndexer.rebuild(home.resolve("index"), BundledCatalogue.load());
    searcher = CatalogueSearcher.open(home.resolve("index"));
  }

  @AfterAll
  static void closeSearcher() throws IOException {
    searcher.close();
  }

  @Test
  void deleteRanksTheDeleteNamedToolsFirst() throws IOException {
    SearchResult result = searcher.search("delete", 10);
    List<String> top7 = tools(result).subList(0, 7);
    assertEquals(
        List.of(
            "delete_relations",
            "delete_entities",
            "delete_branch",
            "delete_observations",
            "delete-many",
            "kubectl_delete",
            "API-delete-a-block"),
        top7);
    assertTrue(
        result.hits().stream().allMatch(h -> "Destructive".equals(h.category())),
        "all of the top 10 are destructive: " + tools(result));
    assertEquals(MEMORY, result.hits().get(0).server());
  }

  @Test
  void toolHitsRankAboveServerHitsForAToolQuery() throws IOException {
    List<SearchHit> hits = searcher.search("delete", 50).hits();
    int firstServer = indexOfFirst(hits, true);
    int lastTool = lastIndexOfTool(hits);
    assertTrue(firstServer == -1 || firstServer > lastTool, "hits: " + hits);
  }

  @Test
  void removeFolderFindsDeleteToolsAndDirectoryToolsThroughSynonyms() throws IOException {
    List<String> tools = tools(searcher.search("remove folder", 10));
    assertTrue(tools.contains("delete_entities"), tools::toString);
    assertTrue(tools.contains("create_directory"), tools::toString);
    assertTrue(tools.stream().filter(t -> t.contains("directory")).count() >= 2, tools::toString);
    assertTrue(tools.stream().noneMatch(t -> t.contains("remove") || t.contains("folder")));
  }

  @Test
  void camelCaseQueryFindsTheSnakeCaseTool() throws IOException {
    SearchHit top = searcher.search("createEntities", 5).hits().get(0);
    assertEquals("create_entities", top.tool());
    assertEquals(MEMORY, top.server());
    assertEquals("Write", top.category());
    assertEquals("Medium", top.riskLevel());
    assertEquals(40, top.score());
  }

  @Test
  void typedWordOutranksItsSynonym() throws IOException {
    List<String> tools = tools(searcher.search("drop", 3));
    assertTrue(tools.stream().allMatch(t -> t.contains("drop")), tools::toString);
  }

  @Test
  void serverHitCarriesItsRiskiestToolsAssessment() throws IOException {
    SearchHit top = searcher.search("memory", 5).hits().get(0);
    assertAll(
        () -> assertEquals(MEMORY, top.server()),
        () -> assertNull(top.tool()),
        () -> assertTrue(top.isServer()),
        () -> assertEquals("Destructive", top.category()),
        () -> assertEquals("High", top.riskLevel()),
        () -> assertEquals(80, top.score()),
        () -> assertNull(top.snippet()));
  }

  @Test
  void snippetsMarkQueryWordsAndStayShort() throws IOException {
    SearchResult result = searcher.search("take screenshot", 20);
    SearchHit top = result.hits().get(0);
    assertEquals("browser_take_screenshot", top.tool());
    assertTrue(
        top.snippet().startsWith("«Take» a «screenshot» of the current page."), top.snippet());
    assertTrue(
        result.hits().stream().allMatch(h -> h.snippet() == null || h.snippet().length() <= 200));
  }

  @Test
  void keywordFieldsAreQueryableCaseInsensitively() throws IOException {
    SearchResult result = searcher.search("category:Destructive", 100);
    assertEquals(17, result.total());
    assertTrue(result.hits().stream().allMatch(h -> "Destructive".equals(h.category())));
    long destructiveTools =
        BundledCatalogue.load().stream()
            .flatMap(s -> s.tools().stream())
            .filter(t -> t.assessment().category() == Category.DESTRUCTIVE)
            .count();
    assertEquals(11, destructiveTools);
    assertEquals(
        destructiveTools, searcher.search("+type:tool +category:destructive", 100).total());
    assertEquals(6, searcher.search("+type:SERVER +category:destructive", 100).total());
  }

  @Test
  void syntaxErrorsFallBackToLiteralWords() throws IOException {
    assertEquals(0, searcher.search("((((", 10).total());
    SearchResult star = searcher.search("name:*", 10);
    assertEquals(10, star.hits().size());
    SearchResult and = searcher.search("delete AND", 10);
    assertEquals("delete_relations", and.hits().get(0).tool());
    SearchResult quote = searcher.search("\"delete", 10);
    assertEquals("delete_relations", quote.hits().get(0).tool());
    assertEquals(0, searcher.search("+-!&|^~*?:\\/", 10).total());
  }

  @Test
  void blankQueryAndBadLimitAreRejectedWithClearMessages() {
    assertEquals(
        "query is blank",
        assertThrows(IllegalArgumentException.class, () -> searcher.search("  ", 10)).getMessage());
    assertEquals(
        "limit must be 1..1000: 0",
        assertThrows(IllegalArgumentException.class, () -> searcher.search("delete", 0))
            .getMessage());
    assertEquals(
        "query is 513 chars, over the limit of 512",
        assertThrows(IllegalArgumentException.class, () -> searcher.search("a".repeat(513), 10))
            .getMessage());
  }

  @Test
  void limitCapsHitsButTotalIsExact() throws IOException {
    SearchResult result = searcher.search("delete", 2);
    assertEquals(2, result.hits().size());
    assertEquals(searcher.search("delete", 1000).hits().size(), result.total());
  }

  @Test
  void concurrentSearchesGiveTheSameResultsAsSerialOnes() throws Exception {
    List<String> queries =
        List.of("delete", "remove folder", "createEntities", "take screenshot", "((((", "memory");
    List<SearchResult> serial = new ArrayList<>();
    for (String q : queries) {
      serial.add(searcher.search(q, 10));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4, r -> new Thread(r, "search-test"));
    try {
      List<Future<List<SearchResult>>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        futures.add(
            pool.submit(
                () -> {
                  List<SearchResult> results = new ArrayList<>();
                  for (int round = 0; round < 10; round++) {
                    results.clear();
                    for (String q : queries) {
                      results.add(searcher.search(q, 10));
                    }
                  }
                  return results;
                }));
      }
      for (Future<List<SearchResult>> future : futures) {
        assertEquals(serial, future.get(30, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void indexHoldsOneDocumentPerServerAndPerTool() {
    assertEquals(21 + 302, searcher.documentCount());
  }

  private static List<String> tools(SearchResult result) {
    return result.hits().stream().filter(h -> !h.isServer()).map(SearchHit::tool).toList();
  }

  private static int indexOfFirst(List<SearchHit> hits, boolean server) {
    for (int i = 0; i < hits.size(); i++) {
      if (hits.get(i).isServer() == server) {
        return i;
      }
    }
    return -1;
  }

  private static int lastIndexOfTool(List<SearchHit> hits) {
    for (int i = hits.size() - 1; i >= 0; i--) {
      if (!hits.get(i).isServer()) {
        return i;
      }
    }
    return -1;
  }
}
