package dev.mcprisk.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mcprisk.model.CatalogueServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CatalogueIndexer#update}: replace and delete by server id, in place. */
class CatalogueIndexerUpdateTest {
  private static final String MEMORY = "npm:@modelcontextprotocol/server-memory";
  private static final String STRIPE = "npm:@stripe/mcp";

  @TempDir Path home;

  @Test
  void changedServerIsReplacedWholeAndRemovedServerDisappears() throws IOException {
    List<CatalogueServer> catalogue = BundledCatalogue.load();
    Path dir = home.resolve("index");
    CatalogueIndexer.rebuild(dir, catalogue);
    CatalogueServer memory = server(catalogue, MEMORY);
    CatalogueServer fewer =
        new CatalogueServer(memory.server(), memory.crawl(), memory.tools().subList(0, 2));
    IndexStats stats = CatalogueIndexer.update(dir, List.of(fewer), Set.of(STRIPE, "npm:unknown"));
    assertEquals(1, stats.servers());
    assertEquals(2, stats.tools());
    int stripeDocs = 1 + server(catalogue, STRIPE).tools().size();
    try (CatalogueSearcher searcher = CatalogueSearcher.open(dir)) {
      assertEquals(323 - stripeDocs - (9 - 2), searcher.documentCount());
      assertEquals(0, searcher.search(SearchRequest.builder("").server(STRIPE).build()).total());
      assertEquals(
          1 + 2, searcher.search(SearchRequest.builder("").server(MEMORY).build()).total());
    }
  }

  @Test
  void updateIsIdempotent() throws IOException {
    List<CatalogueServer> catalogue = BundledCatalogue.load();
    Path dir = home.resolve("index");
    CatalogueIndexer.rebuild(dir, catalogue);
    CatalogueIndexer.update(dir, List.of(server(catalogue, MEMORY)), Set.of());
    CatalogueIndexer.update(dir, List.of(server(catalogue, MEMORY)), Set.of());
    try (CatalogueSearcher searcher = CatalogueSearcher.open(dir)) {
      assertEquals(323, searcher.documentCount());
      assertEquals("delete_relations", searcher.search("delete", 1).hits().get(0).tool());
    }
  }

  @Test
  void updateWithoutAnIndexSaysToRunFirst() {
    Path missing = home.resolve("missing").toAbsolutePath();
    IOException e =
        assertThrows(
            IOException.class, () -> CatalogueIndexer.update(missing, List.of(), Set.of()));
    assertEquals("no index at " + missing + ": run `mcprisk run` first", e.getMessage());
  }

  private static CatalogueServer server(List<CatalogueServer> catalogue, String id) {
    return catalogue.stream().filter(s -> s.server().id().equals(id)).findFirst().orElseThrow();
  }
}
