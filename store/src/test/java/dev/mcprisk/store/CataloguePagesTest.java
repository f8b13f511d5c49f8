package dev.mcprisk.store;

import static dev.mcprisk.store.CatalogueStoreTest.ok;
import static dev.mcprisk.store.CatalogueStoreTest.server;
import static dev.mcprisk.store.CatalogueStoreTest.tool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcprisk.model.Assessment;
import dev.mcprisk.model.Category;
import dev.mcprisk.model.CrawlOutcome;
import dev.mcprisk.model.RiskLevel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CataloguePagesTest {
  private static final Instant T1 = Instant.parse("2026-11-20T02:00:00Z");
  private static final Instant T2 = Instant.parse("2026-11-21T02:00:00Z");
  private static final String VERSION = "9.9.9";

  @TempDir Path home;

  /** Two runs of outcomes: the second changes, adds and removes tools, one server twice. */
  private static List<List<CrawlOutcome>> runs() {
    List<CrawlOutcome> first = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      first.add(ok("s" + i, T1, "snapshot", tool("a", "A" + i + "."), tool("b", "B.")));
    }
    List<CrawlOutcome> second =
        List.of(
            ok("s1", T2, "stdio", tool("a", "A1 changed."), tool("b", "B.")),
            ok("s2", T2, "stdio", tool("c", "C.")),
            ok("s1", T2, "stdio", tool("a", "A1 changed again."), tool("b", "B.")),
            ok("s9", T2, "stdio", tool("z", "Z.")));
    return List.of(first, second);
  }

  private static List<String> changeLines(List<ToolChange> changes) {
    return changes.stream()
        .map(c -> c.serverId() + "/" + c.toolName() + " " + c.kind() + " " + c.newHash())
        .toList();
  }

  @Test
  void aBatchStoresWhatOneCrawlAtATimeStores() throws Exception {
    List<List<String>> batched = new ArrayList<>();
    List<List<String>> single = new ArrayList<>();
    List<StoredServer> batchedServers;
    List<StoredServer> singleServers;
    try (CatalogueStore store = CatalogueStore.open(home.resolve("batched"))) {
      for (List<CrawlOutcome> run : runs()) {
        long id = store.startRun("test", T1);
        batched.add(changeLines(store.recordCrawls(id, run)));
        assertEquals(changeLines(store.recordCrawls(id, List.of())), List.of());
      }
      store.upsertServers(List.of(server("s1"), server("s2"), server("s9")));
      batchedServers = StoreReads.allServers(store);
      assertEquals(11, store.counts().crawls());
    }
    try (CatalogueStore store = CatalogueStore.open(home.resolve("single"))) {
      for (List<CrawlOutcome> run : runs()) {
        long id = store.startRun("test", T1);
        List<ToolChange> changes = new ArrayList<>();
        for (CrawlOutcome outcome : run) {
          changes.addAll(store.recordCrawl(id, outcome));
        }
        single.add(changeLines(changes));
      }
      store.upsertServers(List.of(server("s1"), server("s2"), server("s9")));
      singleServers = StoreReads.allServers(store);
    }
    assertEquals(single, batched);
    assertEquals(List.of(), batched.get(0), "a first listing is the baseline");
    assertEquals(5, batched.get(1).size(), batched.get(1).toString());
    assertEquals(singleServers, batchedServers);
    assertEquals(
        "A1 changed again.", batchedServers.get(0).tools().get(0).definition().description());
  }

  @Test
  void pagesReadTheCatalogueInIdOrderWithAssessmentsAndHistory() throws Exception {
    try (CatalogueStore store = CatalogueStore.open(home)) {
      List<CrawlOutcome> run = runs().get(0);
      store.recordCrawls(store.startRun("test", T1), run);
      List<String> ids = List.of("s6", "s0", "s5", "s1", "s4", "s2", "s3");
      store.upsertServers(ids.stream().map(CatalogueStoreTest::server).toList());
      String hashB = run.get(0).tools().get(1).definitionHash();
      Assessment assessment =
          new Assessment(
              Category.READ, RiskLevel.LOW, 10, 0.9, List.of(), "read", List.of(), VERSION);
      store.saveAssessments(Map.of(hashB, assessment));

      List<StoredServer> paged = new ArrayList<>();
      List<Integer> sizes = new ArrayList<>();
      String after = null;
      while (true) {
        StoredPage page = store.cataloguePage(after, 3, VERSION);
        if (page.servers().isEmpty()) {
          assertNull(page.lastServerId());
          break;
        }
        sizes.add(page.servers().size());
        paged.addAll(page.servers());
        assertEquals(Map.of(hashB, assessment), page.assessments());
        for (StoredServer s : page.servers()) {
          ToolHistory h = page.history().get(new ToolKey(s.entry().id(), "a"));
          assertEquals(T1, h.firstSeen());
        }
        after = page.lastServerId();
      }
      assertEquals(List.of(3, 3, 1), sizes);
      assertEquals(StoreReads.allServers(store), paged);

      AssessmentPage first = store.assessmentPage(null, 4, VERSION);
      assertEquals("s3", first.lastServerId());
      assertEquals(4, first.servers());
      assertEquals(List.of(hashB, hashB, hashB, hashB), first.cachedHashes());
      assertEquals(
          List.of("s0", "s1", "s2", "s3"),
          first.toAssess().stream().map(t -> t.serverId()).toList());
      assertTrue(first.toAssess().stream().allMatch(t -> t.definition().name().equals("a")));
      assertEquals("Files server", first.toAssess().get(0).serverDescription());
      AssessmentPage last = store.assessmentPage("s3", 4, VERSION);
      assertEquals(3, last.servers());
      assertNull(store.assessmentPage("s6", 4, VERSION).lastServerId());
      assertEquals("s6", store.findServer("s6").orElseThrow().id());
    }
  }
}
