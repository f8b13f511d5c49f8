package dev.mcprisk.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcprisk.model.CatalogueServer;
import dev.mcprisk.model.ServerEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogueIndexerTest {
  private static final List<CatalogueServer> CATALOGUE = BundledCatalogue.load();

  @TempDir Path home;

  @Test
  void rebuildCountsServersToolsAndBytesOnDisk() throws IOException {
    Path dir = home.resolve("index");
    IndexStats stats = CatalogueIndexer.rebuild(dir, CATALOGUE);
    assertEquals(21, stats.servers());
    assertEquals(302, stats.tools());
    assertEquals(sizeOf(dir), stats.bytes());
    assertTrue(stats.millis() >= 0);
  }

  @Test
  void rebuildLeavesOnlyTheIndexDirectoryBehind() throws IOException {
    Path dir = home.resolve("index");
    CatalogueIndexer.rebuild(dir, memoryOnly());
    CatalogueIndexer.rebuild(dir, memoryOnly());
    assertEquals(List.of("index"), siblings());
  }

  @Test
  void openSearcherKeepsItsSnapshotWhileANewIndexReplacesIt() throws IOException {
    Path dir = home.resolve("index");
    CatalogueIndexer.rebuild(dir, CATALOGUE);
    try (CatalogueSearcher before = CatalogueSearcher.open(dir)) {
      SearchResult old = before.search("delete", 10);
      CatalogueIndexer.rebuild(dir, memoryOnly());
      assertEquals(old, before.search("delete", 10));
      assertEquals(323, before.documentCount());
      try (CatalogueSearcher after = CatalogueSearcher.open(dir)) {
        assertEquals(1 + 9, after.documentCount());
        assertEquals(3, after.search("delete", 10).total());
      }
      CatalogueIndexer.rebuild(dir, CATALOGUE);
      assertEquals(old, before.search("delete", 10));
    }
  }

  @Test
  void failedRebuildKeepsTheLastGoodIndexAndNoTemporaryDirectory() throws IOException {
    Path dir = home.resolve("index");
    CatalogueIndexer.rebuild(dir, memoryOnly());
    List<CatalogueServer> broken = new ArrayList<>(memoryOnly());
    // an id over Lucene's 32,766-byte term limit cannot be indexed as a keyword
    broken.add(new CatalogueServer(entry("npm:" + "x".repeat(40_000)), null, List.of()));
    assertThrows(IllegalArgumentException.class, () -> CatalogueIndexer.rebuild(dir, broken));
    assertEquals(List.of("index"), siblings());
    try (CatalogueSearcher searcher = CatalogueSearcher.open(dir)) {
      assertEquals(10, searcher.documentCount());
    }
  }

  @Test
  void leftoversOfACrashedRebuildAreRemoved() throws IOException {
    Path dir = home.resolve("index");
    Files.createDirectories(home.resolve("index.tmp-crashed"));
    Files.writeString(home.resolve("index.tmp-crashed").resolve("_0.cfs"), "partial");
    Files.createDirectories(home.resolve("index.old-crashed"));
    Files.createDirectories(home.resolve("other"));
    CatalogueIndexer.rebuild(dir, memoryOnly());
    assertEquals(List.of("index", "other"), siblings());
  }

  @Test
  void emptyCatalogueGivesAnEmptySearchableIndex() throws IOException {
    Path dir = home.resolve("nested").resolve("index");
    IndexStats stats = CatalogueIndexer.rebuild(dir, List.of());
    assertEquals(0, stats.servers() + stats.tools());
    try (CatalogueSearcher searcher = CatalogueSearcher.open(dir)) {
      assertEquals(0, searcher.search("delete", 10).total());
    }
  }

  @Test
  void missingIndexGivesTheDocumentedMessage() throws IOException {
    Path missing = home.resolve("nowhere");
    IOException e = assertThrows(IOException.class, () -> CatalogueSearcher.open(missing));
    assertEquals("no index at " + missing + ": run `mcprisk run` first", e.getMessage());
    Files.createDirectories(missing);
    e = assertThrows(IOException.class, () -> CatalogueSearcher.open(missing));
    assertEquals("no index at " + missing + ": run `mcprisk run` first", e.getMessage());
  }

  @Test
  void indexWithoutOurFormatVersionIsRefused() throws IOException {
    Path dir = home.resolve("foreign");
    try (Directory directory = FSDirectory.open(dir);
        IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig())) {
      writer.commit();
    }
    IOException e = assertThrows(IOException.class, () -> CatalogueSearcher.open(dir));
    assertEquals(
        "index at "
            + dir
            + " has format null, this version reads 2: run `mcprisk run` to rebuild it",
        e.getMessage());
  }

  @Test
  void nullServerIsRejected() {
    List<CatalogueServer> withNull = new ArrayList<>(CATALOGUE);
    withNull.add(null);
    assertEquals(
        "servers holds a null",
        assertThrows(
                IllegalArgumentException.class,
                () -> CatalogueIndexer.rebuild(home.resolve("index"), withNull))
            .getMessage());
  }

  @Test
  void streamedRebuildWalksTheIterableOnceAndMatchesTheListRebuild() throws IOException {
    int[] walks = {0};
    Iterable<CatalogueServer> paged =
        () -> {
          walks[0]++;
          return CATALOGUE.iterator();
        };
    Path streamed = home.resolve("streamed");
    IndexStats stats = CatalogueIndexer.rebuild(streamed, paged);
    assertEquals(1, walks[0]);
    assertEquals(21, stats.servers());
    assertEquals(302, stats.tools());
    Path listed = home.resolve("listed");
    CatalogueIndexer.rebuild(listed, CATALOGUE);
    try (CatalogueSearcher a = CatalogueSearcher.open(streamed);
        CatalogueSearcher b = CatalogueSearcher.open(listed)) {
      assertEquals(b.search("delete a file", 20), a.search("delete a file", 20));
    }
  }

  @Test
  void iterableThatFailsMidwayKeepsTheLastGoodIndex() throws IOException {
    Path dir = home.resolve("index");
    CatalogueIndexer.rebuild(dir, memoryOnly());
    Iterable<CatalogueServer> failing =
        () ->
            Stream.concat(
                    CATALOGUE.stream().limit(3),
                    Stream.<CatalogueServer>generate(
                        () -> {
                          throw new IllegalStateException("store went away");
                        }))
                .iterator();
    assertEquals(
        "store went away",
        assertThrows(IllegalStateException.class, () -> CatalogueIndexer.rebuild(dir, failing))
            .getMessage());
    assertEquals(List.of("index"), siblings());
    try (CatalogueSearcher searcher = CatalogueSearcher.open(dir)) {
      assertEquals(10, searcher.documentCount());
    }
  }

  @Test
  void nullYieldedByAnIterableIsRejected() throws IOException {
    List<CatalogueServer> withNull = new ArrayList<>(memoryOnly());
    withNull.add(null);
    Iterable<CatalogueServer> paged = withNull::iterator;
    assertEquals(
        "servers holds a null",
        assertThrows(
                IllegalArgumentException.class,
                () -> CatalogueIndexer.rebuild(home.resolve("index"), paged))
            .getMessage());
    assertEquals(List.of(), siblings());
  }

  @Test
  void documentOrderOfAParallelRebuildDependsOnlyOnTheCatalogueOrder() throws IOException {
    // more servers than one chunk, so with two indexing threads both get work
    int count = IndexDefaults.REBUILD_CHUNK_SERVERS + 44;
    CatalogueServer memory = memoryOnly().get(0);
    List<CatalogueServer> servers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      servers.add(new CatalogueServer(entry("npm:s" + i), null, memory.tools().subList(0, 2)));
    }
    // thread t indexes chunks t, t + threads, ...; the threads' parts are merged in thread order
    List<String> expected = new ArrayList<>();
    int threads = IndexDefaults.REBUILD_THREADS;
    int chunks =
        (count + IndexDefaults.REBUILD_CHUNK_SERVERS - 1) / IndexDefaults.REBUILD_CHUNK_SERVERS;
    for (int thread = 0; thread < threads; thread++) {
      for (int chunk = thread; chunk < chunks; chunk += threads) {
        for (int i = chunk * IndexDefaults.REBUILD_CHUNK_SERVERS;
            i < Math.min(count, (chunk + 1) * IndexDefaults.REBUILD_CHUNK_SERVERS);
            i++) {
          expected.add("server:npm:s" + i);
          for (int t = 0; t < 2; t++) {
            expected.add("tool:npm:s" + i + "#" + memory.tools().get(t).tool().name());
          }
        }
      }
    }
    for (int run = 0; run < 2; run++) {
      Path dir = home.resolve("index");
      CatalogueIndexer.rebuild(dir, servers);
      assertEquals(expected, idsInDocumentOrder(dir));
    }
    assertEquals(List.of("index"), siblings());
  }

  private static List<String> idsInDocumentOrder(Path dir) throws IOException {
    List<String> ids = new ArrayList<>();
    try (Directory directory = FSDirectory.open(dir);
        DirectoryReader reader = DirectoryReader.open(directory)) {
      assertEquals(1, reader.leaves().size(), "one segment after the final merge");
      StoredFields stored = reader.storedFields();
      for (int doc = 0; doc < reader.maxDoc(); doc++) {
        ids.add(stored.document(doc).get(IndexFields.ID));
      }
    }
    return ids;
  }

  private static List<CatalogueServer> memoryOnly() {
    return CATALOGUE.stream()
        .filter(s -> s.server().id().equals("npm:@modelcontextprotocol/server-memory"))
        .toList();
  }

  private static ServerEntry entry(String id) {
    return new ServerEntry(id, id, null, null, null, null, null, null, "snapshot", null);
  }

  private List<String> siblings() throws IOException {
    try (Stream<Path> files = Files.list(home)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static long sizeOf(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
