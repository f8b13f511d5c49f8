package dev.mcprisk.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcprisk.model.Category;
import dev.mcprisk.model.RiskLevel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CatalogueSearcher#search(SearchRequest)} and {@link CatalogueSearcher#similar}. */
class SearchRequestSearchTest {
  private static final String STRIPE = "npm:@stripe/mcp";
  private static final String GITHUB = "npm:@modelcontextprotocol/server-github";
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
  void fieldSyntaxFiltersAndLeavesTheRestAsWords() throws IOException {
    SearchResult result =
        searcher.search(SearchRequest.of("category:Destructive server:github", 50));
    assertEquals(0, result.total(), "the GitHub server has no destructive tool: " + result.hits());
    SearchResult branches = searcher.search(SearchRequest.of("branch server:github", 50));
    assertEquals(
        List.of("create_branch", "update_pull_request_branch"),
        branches.hits().subList(0, 2).stream().map(SearchHit::tool).sorted().toList());
    assertTrue(branches.hits().stream().allMatch(h -> GITHUB.equals(h.server())));
  }

  @Test
  void filtersOfTheRequestAndOfTheTextAllApply() throws IOException {
    SearchResult result =
        searcher.search(
            SearchRequest.builder("create risk:critical")
                .server("stripe")
                .category(Category.FINANCIAL)
                .build());
    assertEquals(
        List.of("create_invoice", "create_invoice_item", "create_payment_link", "create_refund"),
        result.hits().stream().map(SearchHit::tool).sorted().toList());
    SearchResult minRisk =
        searcher.search(SearchRequest.builder("").minRisk(RiskLevel.HIGH).limit(1000).build());
    assertTrue(
        minRisk.hits().stream().allMatch(h -> List.of("High", "Critical").contains(h.riskLevel())));
    assertEquals(
        searcher.search(SearchRequest.of("risk:high", 1000)).total()
            + searcher.search(SearchRequest.of("risk:CRITICAL", 1000)).total(),
        minRisk.total());
  }

  @Test
  void unknownCategoryInFieldSyntaxIsRejectedWithTheChoices() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> searcher.search(SearchRequest.of("category:harmless delete", 10)));
    assertEquals(
        "unknown category 'harmless' (expected one of Read, Write, Execute, Destructive,"
            + " Financial, Other)",
        e.getMessage());
  }

  @Test
  void facetsCountMatchingToolsPerDimension() throws IOException {
    SearchResult result = searcher.search(SearchRequest.of("delete", 5));
    Map<String, Map<String, Long>> facets = result.facets();
    assertEquals(
        List.of("category", "riskLevel", "signal", "registryType", "transport"),
        List.copyOf(facets.keySet()));
    long tools = searcher.search(SearchRequest.of("+delete +type:tool", 1000)).total();
    assertEquals(tools, facets.get("category").values().stream().mapToLong(Long::longValue).sum());
    assertEquals(Map.of("npm", tools), facets.get("registryType"));
    assertEquals(tools, facets.get("transport").get("stdio"));
    assertEquals(11L, facets.get("category").get("Destructive"));
  }

  @Test
  void facetsAreDrillSidewaysAFilteredDimensionStillCountsItsAlternatives() throws IOException {
    Map<String, Map<String, Long>> all = searcher.search(SearchRequest.of("delete", 5)).facets();
    SearchResult destructive =
        searcher.search(SearchRequest.builder("delete").category(Category.DESTRUCTIVE).build());
    Map<String, Map<String, Long>> facets = destructive.facets();
    // the category dimension ignores its own filter: the same counts as without it
    assertEquals(all.get("category"), facets.get("category"));
    assertTrue(facets.get("category").size() > 1, "alternatives listed: " + facets);
    // the other dimensions count the filtered matches only
    assertEquals(11L, facets.get("riskLevel").values().stream().mapToLong(Long::longValue).sum());
    assertEquals(Map.of("npm", 11L), facets.get("registryType"));
    // two narrowed dimensions: each ignores only its own filter
    SearchResult both =
        searcher.search(
            SearchRequest.builder("delete")
                .category(Category.DESTRUCTIVE)
                .registryType("npm")
                .build());
    assertEquals(all.get("category"), both.facets().get("category"));
    assertEquals(Map.of("npm", 11L), both.facets().get("registryType"));
    assertEquals(destructive.total(), both.total());
  }

  @Test
  void registryAndTransportFiltersUsePackagesAndRemotes() throws IOException {
    SearchResult http =
        searcher.search(SearchRequest.builder("").transport("streamable-http").limit(1000).build());
    assertEquals(
        List.of(
            "npm:@modelcontextprotocol/server-everything",
            "npm:@playwright/mcp",
            "npm:@upstash/context7-mcp",
            "npm:mongodb-mcp-server"),
        http.hits().stream().map(SearchHit::server).distinct().sorted().toList());
    assertEquals(0, searcher.search(SearchRequest.of("registry:pypi", 10)).total());
    assertEquals(323, searcher.search(SearchRequest.of("registry:NPM", 1000)).total());
  }

  @Test
  void offsetPagesThroughTheSameRanking() throws IOException {
    List<SearchHit> all = searcher.search(SearchRequest.of("file", 30)).hits();
    SearchResult page2 =
        searcher.search(SearchRequest.builder("file").limit(10).offset(10).build());
    assertEquals(all.subList(10, 20), page2.hits());
    assertEquals(10, page2.offset());
    SearchResult beyond = searcher.search(SearchRequest.builder("file").offset(5000).build());
    assertTrue(beyond.hits().isEmpty());
    assertTrue(beyond.total() > 0);
  }

  @Test
  void riskSortPutsTheRiskiestFirstThenRelevance() throws IOException {
    List<SearchHit> hits =
        searcher
            .search(SearchRequest.builder("payment").sort(SearchSort.RISK).limit(50).build())
            .hits();
    for (int i = 1; i < hits.size(); i++) {
      assertTrue(hits.get(i - 1).score() >= hits.get(i).score(), hits::toString);
    }
    assertEquals("Critical", hits.get(0).riskLevel());
  }

  @Test
  void fuzzyRetryFindsTheToolForATypo() throws IOException {
    SearchResult result = searcher.search(SearchRequest.of("screenshoot", 5));
    assertTrue(result.fuzzy());
    assertEquals(
        List.of("browser_take_screenshot", "puppeteer_screenshot"),
        result.hits().subList(0, 2).stream().map(SearchHit::tool).sorted().toList());
    SearchResult exactOnly =
        searcher.search(SearchRequest.builder("screenshoot").fuzzy(false).build());
    assertEquals(0, exactOnly.total());
    assertFalse(searcher.search(SearchRequest.of("screenshot", 5)).fuzzy());
  }

  @Test
  void stopWordsAreNeitherMatchedNorHighlighted() throws IOException {
    SearchHit top =
        searcher.search(SearchRequest.of("take a screenshot of the page", 1)).hits().get(0);
    assertEquals("browser_take_screenshot", top.tool());
    assertFalse(top.snippet().contains("«a»") || top.snippet().contains("«of»"), top.snippet());
    assertEquals(
        0, searcher.search(SearchRequest.builder("the of a").fuzzy(false).build()).total());
  }

  @Test
  void serverHitsListTheirRiskiestTools() throws IOException {
    SearchHit server =
        searcher.search(SearchRequest.of("memory", 5)).hits().stream()
            .filter(SearchHit::isServer)
            .findFirst()
            .orElseThrow();
    assertEquals(MEMORY, server.server());
    assertEquals(
        List.of(
            new RiskyTool("delete_entities", "Destructive", "High", 80),
            new RiskyTool("delete_observations", "Destructive", "High", 80),
            new RiskyTool("delete_relations", "Destructive", "High", 80)),
        server.riskiestTools());
  }

  @Test
  void similarFindsToolsLikeTheGivenOneButNotItself() throws IOException {
    Optional<SearchResult> similar = searcher.similar(STRIPE, "create_refund", 5);
    assertTrue(similar.isPresent());
    List<SearchHit> hits = similar.get().hits();
    assertTrue(hits.stream().noneMatch(h -> "create_refund".equals(h.tool())), hits::toString);
    assertTrue(hits.stream().allMatch(h -> STRIPE.equals(h.server())), hits::toString);
    List<String> dirs =
        searcher
            .similar("npm:@modelcontextprotocol/server-filesystem", "create_directory", 3)
            .orElseThrow()
            .hits()
            .stream()
            .map(Judgements::key)
            .toList();
    assertEquals("npm:@wonderwhy-er/desktop-commander#create_directory", dirs.get(0));
    assertEquals(Optional.empty(), searcher.similar(STRIPE, "no_such_tool", 5));
  }
}
