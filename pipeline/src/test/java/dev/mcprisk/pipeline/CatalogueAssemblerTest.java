package dev.mcprisk.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcprisk.classifier.Classifier;
import dev.mcprisk.classifier.ServerContext;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.Assessment;
import dev.mcprisk.model.CrawlOutcome;
import dev.mcprisk.model.CrawlStatus;
import dev.mcprisk.model.ServerEntry;
import dev.mcprisk.model.ToolDefinition;
import dev.mcprisk.store.CatalogueStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogueAssemblerTest {
  private static final Instant AT = Instant.parse("2026-11-20T02:00:00Z");

  /** More servers than three pages, so pages are read ahead of the saves. */
  private static final int SERVERS = CatalogueAssembler.PAGE_SERVERS * 2 + 120;

  private static final Classifier CLASSIFIER = Classifier.loadDefault();

  @TempDir Path home;

  private static String id(int i) {
    return String.format("io.example/s%05d", i);
  }

  private static ToolDefinition tool(String name, String description) {
    ObjectNode json = Json.object();
    json.put("name", name);
    json.put("description", description);
    ObjectNode schema = json.putObject("inputSchema");
    schema.put("type", "object");
    schema.putObject("properties").putObject("path").put("type", "string");
    return ToolDefinition.of(json);
  }

  /** Three tools a server; one definition repeats on every server, one across neighbours. */
  private static List<ToolDefinition> tools(int i) {
    return List.of(
        tool("delete_file", "Deletes a file."),
        tool("read_" + (i / 3), "Reads the file at path " + (i / 3) + "."),
        tool("run_" + i, "Runs shell command number " + i + " on the host."));
  }

  private static ServerEntry entry(int i) {
    return new ServerEntry(
        id(i),
        id(i),
        null,
        "Server " + i,
        "1.0.0",
        null,
        List.of(),
        List.of(),
        "registry",
        "active");
  }

  private static void fill(CatalogueStore store) throws Exception {
    long run = store.startRun("test", AT);
    List<CrawlOutcome> outcomes = new ArrayList<>();
    List<ServerEntry> entries = new ArrayList<>();
    for (int i = 0; i < SERVERS; i++) {
      entries.add(entry(i));
      outcomes.add(
          new CrawlOutcome(
              id(i),
              CrawlStatus.OK,
              "",
              AT,
              "stdio",
              "2025-06-18",
              null,
              null,
              null,
              tools(i),
              1,
              10,
              100));
    }
    store.upsertServers(entries);
    store.recordCrawls(run, outcomes);
  }

  /** The assessment of each definition with the context of the first server (by id) listing it. */
  private static Map<String, Assessment> expected() {
    Map<String, Assessment> byHash = new LinkedHashMap<>();
    for (int i = 0; i < SERVERS; i++) {
      ServerEntry e = entry(i);
      List<ToolDefinition> sorted = new ArrayList<>(tools(i));
      sorted.sort((a, b) -> a.name().compareTo(b.name()));
      for (ToolDefinition t : sorted) {
        if (!byHash.containsKey(t.definitionHash())) {
          byHash.put(
              t.definitionHash(),
              CLASSIFIER.classify(t, new ServerContext(e.name(), e.description())));
        }
      }
    }
    return byHash;
  }

  @Test
  void assessesEachDefinitionOnceWithItsFirstServerAndThenReadsTheCache() throws Exception {
    Map<String, Assessment> expected = expected();
    try (CatalogueStore store = CatalogueStore.open(home)) {
      fill(store);
      List<String> pages = new ArrayList<>();
      CatalogueAssembler.Assessed first =
          CatalogueAssembler.assessAll(store, CLASSIFIER, pages::add);
      assertEquals(new CatalogueAssembler.Assessed(expected.size(), 0, SERVERS * 3L), first);
      assertEquals(List.of(id(499), id(999), id(SERVERS - 1)), pages);
      for (Map.Entry<String, Assessment> e : expected.entrySet()) {
        Optional<Assessment> saved = store.findAssessment(e.getKey(), CLASSIFIER.version());
        assertEquals(Json.write(e.getValue()), Json.write(saved.orElseThrow()));
      }
      CatalogueAssembler.Assessed again = CatalogueAssembler.assessAll(store, CLASSIFIER, id -> {});
      assertEquals(new CatalogueAssembler.Assessed(0, SERVERS * 3L, SERVERS * 3L), again);
    }
    assertNoAssessThreads();
  }

  @Test
  void aStopBeforeAPageKeepsTheEarlierPagesSavedAndEndsItsThreads() throws Exception {
    Map<String, Assessment> expected = expected();
    IllegalStateException stop = new IllegalStateException("stop");
    try (CatalogueStore store = CatalogueStore.open(home)) {
      fill(store);
      IllegalStateException thrown =
          assertThrows(
              IllegalStateException.class,
              () ->
                  CatalogueAssembler.assessAll(
                      store,
                      CLASSIFIER,
                      last -> {
                        if (!last.equals(id(499))) {
                          throw stop;
                        }
                      }));
      assertSame(stop, thrown);
      assertNoAssessThreads();
      // the first page's definitions are saved: the next call classifies only the others
      int firstPage = 0;
      for (String hash : expected.keySet()) {
        if (store.findAssessment(hash, CLASSIFIER.version()).isPresent()) {
          firstPage++;
        }
      }
      assertTrue(firstPage > 0);
      CatalogueAssembler.Assessed rest = CatalogueAssembler.assessAll(store, CLASSIFIER, id -> {});
      assertEquals(expected.size() - firstPage, rest.classified());
    }
  }

  private static void assertNoAssessThreads() {
    List<String> alive =
        Thread.getAllStackTraces().keySet().stream()
            .map(Thread::getName)
            .filter(n -> n.startsWith("assess-"))
            .toList();
    assertEquals(List.of(), alive);
  }
}
