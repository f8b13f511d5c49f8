package dev.mcprisk.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcprisk.model.CatalogueServer;
import dev.mcprisk.model.ServerEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexPlanTest {
  @TempDir Path home;
  Path indexDir;
  List<CatalogueServer> catalogue;
  Map<String, String> fingerprints;

  static CatalogueServer server(String id, String description) {
    return new CatalogueServer(
        new ServerEntry(
            id, id, null, description, "1.0.0", null, List.of(), List.of(), "snapshot", "active"),
        null,
        List.of());
  }

  @BeforeEach
  void tenServersAndAnIndex() throws Exception {
    indexDir = Files.createDirectories(home.resolve("index"));
    Files.createFile(indexDir.resolve("segments_3"));
    catalogue = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      catalogue.add(server("s" + i, "server " + i));
    }
    fingerprints = new TreeMap<>();
    for (CatalogueServer server : catalogue) {
      fingerprints.put(
          server.server().id(), dev.mcprisk.json.Json.sha256Hex(server.server().description()));
    }
  }

  IndexState state(Map<String, String> servers) {
    return new IndexState(
        IndexState.VERSION,
        "2",
        "0.2.0",
        IndexPlan.commitOf(indexDir),
        "x",
        new TreeMap<>(servers));
  }

  IndexPlan decide(Optional<IndexState> last) {
    return IndexPlan.decide(indexDir, last, "2", "0.2.0", fingerprints);
  }

  @Test
  void noStateRebuilds() {
    IndexPlan plan = decide(Optional.empty());
    assertTrue(plan.rebuild());
    assertEquals("no index state", plan.reason());
  }

  @Test
  void sameFingerprintsUpdateNothing() {
    IndexPlan plan = decide(Optional.of(state(fingerprints)));
    assertFalse(plan.rebuild());
    assertEquals(Set.of(), plan.changed());
    assertEquals(Set.of(), plan.removed());
    assertEquals(10, plan.unchanged());
  }

  @Test
  void oneChangedAndOneRemovedServerAreUpdated() {
    Map<String, String> old = new TreeMap<>(fingerprints);
    old.put("s4", "0".repeat(64));
    old.put("gone", "1".repeat(64));
    IndexPlan plan = decide(Optional.of(state(old)));
    assertFalse(plan.rebuild(), plan.reason());
    assertEquals(Set.of("s4"), plan.changed());
    assertEquals(Set.of("gone"), plan.removed());
    assertEquals(9, plan.unchanged());
  }

  @Test
  void moreThanTwentyPercentChangedRebuilds() {
    Map<String, String> old = new TreeMap<>(fingerprints);
    old.remove("s1");
    old.remove("s2");
    old.put("s3", "0".repeat(64));
    IndexPlan plan = decide(Optional.of(state(old)));
    assertTrue(plan.rebuild());
    assertEquals("3 of 10 servers changed (over 20 %)", plan.reason());
  }

  @Test
  void anotherClassifierVersionOrFormatOrCommitRebuilds() throws Exception {
    IndexState last = state(fingerprints);
    assertEquals(
        "classifier 0.2.0 -> 0.3.0",
        IndexPlan.decide(indexDir, Optional.of(last), "2", "0.3.0", fingerprints).reason());
    assertEquals(
        "index format 2 -> 3",
        IndexPlan.decide(indexDir, Optional.of(last), "3", "0.2.0", fingerprints).reason());
    Files.move(indexDir.resolve("segments_3"), indexDir.resolve("segments_4"));
    assertEquals("index written by another run since", decide(Optional.of(last)).reason());
    Files.move(indexDir.resolve("segments_4"), indexDir.resolve("segments_3"));
    assertFalse(decide(Optional.of(last)).rebuild());
    Files.setLastModifiedTime(
        indexDir.resolve("segments_3"), FileTime.fromMillis(System.currentTimeMillis() + 60_000));
    assertEquals("index written by another run since", decide(Optional.of(last)).reason());
  }

  @Test
  void stateFilesRoundTripAndABadFileReadsAsEmpty() throws Exception {
    Path file = home.resolve(IndexState.FILE);
    IndexState saved = state(fingerprints);
    StateFiles.write(file, saved);
    assertEquals(Optional.of(saved), StateFiles.read(file, IndexState.class, IndexState.VERSION));
    Files.writeString(file, "{\"stateVersion\": 1, \"servers\": ");
    assertEquals(Optional.empty(), StateFiles.read(file, IndexState.class, IndexState.VERSION));
    Files.delete(file);
    assertEquals(Optional.empty(), StateFiles.read(file, IndexState.class, IndexState.VERSION));
  }
}
