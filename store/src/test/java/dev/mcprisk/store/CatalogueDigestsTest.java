package dev.mcprisk.store;

import static dev.mcprisk.store.CatalogueStoreTest.ok;
import static dev.mcprisk.store.CatalogueStoreTest.server;
import static dev.mcprisk.store.CatalogueStoreTest.tool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.mcprisk.model.Assessment;
import dev.mcprisk.model.Category;
import dev.mcprisk.model.CrawlOutcome;
import dev.mcprisk.model.RiskLevel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogueDigestsTest {
  private static final Instant T1 = Instant.parse("2026-11-20T02:00:00Z");
  private static final Instant T2 = Instant.parse("2026-11-21T02:00:00Z");
  private static final String VERSION = "9.9.9";

  @TempDir Path home;

  /** Every server's digests, read 2 servers a page. */
  private static Map<String, ServerDigest> digests(CatalogueStore store) throws Exception {
    Map<String, ServerDigest> out = new LinkedHashMap<>();
    String after = null;
    while (true) {
      DigestPage page = store.assessmentPage(after, 2, VERSION).digests();
      if (page.servers().isEmpty()) {
        assertNull(page.lastServerId());
        return out;
      }
      page.servers().forEach(d -> out.put(d.id(), d));
      after = page.lastServerId();
    }
  }

  private static Assessment assessment(Category category, RiskLevel level) {
    return new Assessment(category, level, 10, 0.9, List.of(), "why", List.of(), VERSION);
  }

  @Test
  void digestsChangeWithWhatTheIndexAndTheExportHoldAndCountsComeFromTheCache() throws Exception {
    try (CatalogueStore store = CatalogueStore.open(home)) {
      List<CrawlOutcome> first = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        first.add(ok("s" + i, T1, "snapshot", tool("a", "A" + i + "."), tool("b", "B.")));
      }
      store.recordCrawls(store.startRun("test", T1), first);
      store.upsertServers(
          List.of(server("s3"), server("s0"), server("s4"), server("s1"), server("s7")));
      String hashB = first.get(0).tools().get(1).definitionHash();
      store.saveAssessments(
          Map.of(
              hashB,
              assessment(Category.READ, RiskLevel.LOW),
              first.get(0).tools().get(0).definitionHash(),
              assessment(Category.DESTRUCTIVE, RiskLevel.CRITICAL)));

      Map<String, ServerDigest> before = digests(store);
      // s2 was crawled but never upserted: not in the catalogue
      assertEquals(List.of("s0", "s1", "s3", "s4", "s7"), List.copyOf(before.keySet()));
      assertEquals(2, before.get("s0").tools());
      assertEquals(0, before.get("s7").tools(), "never crawled");
      assertEquals("registry", before.get("s0").source());
      assertEquals(before, digests(store), "digests are deterministic");

      AssessmentPage classify = store.assessmentPage(null, 10, VERSION);
      DigestPage all = classify.digests();
      assertEquals(Map.of("snapshot", 8), all.toolsByOrigin());
      assertEquals(Map.of(Category.READ, 4, Category.DESTRUCTIVE, 1), all.categories());
      assertEquals(Map.of(RiskLevel.LOW, 4, RiskLevel.CRITICAL, 1), all.riskLevels());
      assertEquals(3, all.unassessedTools(), "tool a of s1, s3 and s4 has no assessment");

      // the same page holds the tools to assess
      assertEquals(
          List.of("s1", "s3", "s4"),
          classify.toAssess().stream().map(ToolToAssess::serverId).toList());
      assertEquals(5, classify.cachedHashes().size(), "tool b of 4 servers and tool a of s0");

      // the next night: s1 changes a tool, s3 is crawled again with the same tools
      store.recordCrawls(
          store.startRun("test", T2),
          List.of(
              ok("s1", T2, "stdio", tool("a", "A1 changed."), tool("b", "B.")),
              ok("s3", T2, "snapshot", tool("a", "A3."), tool("b", "B."))));
      Map<String, ServerDigest> after = digests(store);
      assertNotEquals(before.get("s1").indexDigest(), after.get("s1").indexDigest());
      assertNotEquals(before.get("s1").exportDigest(), after.get("s1").exportDigest());
      assertEquals(
          before.get("s3").indexDigest(),
          after.get("s3").indexDigest(),
          "the same tools again are no change to the index");
      assertNotEquals(
          before.get("s3").exportDigest(),
          after.get("s3").exportDigest(),
          "the export writes the crawl time");
      assertEquals(before.get("s0"), after.get("s0"));
      assertEquals(before.get("s4"), after.get("s4"));
      assertEquals(before.get("s7"), after.get("s7"));
    }
  }
}
