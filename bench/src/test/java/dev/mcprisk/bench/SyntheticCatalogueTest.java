package dev.mcprisk.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcprisk.model.ToolDefinition;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntheticCatalogueTest {

  @Test
  void sameSeedGivesByteIdenticalCatalogueAndAnotherSeedDoesNot() {
    String first = SyntheticCatalogue.generate(300, 42).sha256();
    String again = SyntheticCatalogue.generate(300, 42).sha256();
    String other = SyntheticCatalogue.generate(300, 43).sha256();
    assertEquals(first, again);
    assertNotEquals(first, other);
  }

  @Test
  void mutationIsDeterministicAndChangesExactlyTheChosenServers() {
    SyntheticCatalogue base = SyntheticCatalogue.generate(500, 7);
    SyntheticCatalogue next = base.mutate(0.04, 99);
    assertEquals(next.sha256(), base.mutate(0.04, 99).sha256());
    assertNotEquals(base.sha256(), next.sha256());
    assertEquals(20, next.changedServers().size());
    assertEquals(1, next.generation());
    Set<String> changed = new HashSet<>(next.changedServers());
    int toolChanges = 0;
    for (int n = 0; n < base.servers(); n++) {
      SyntheticServer before = base.server(n);
      SyntheticServer after = next.server(n);
      List<ObjectNode> oldTools = base.tools(n);
      List<ObjectNode> newTools = next.tools(n);
      if (changed.contains(before.name())) {
        assertNotEquals(before.version(), after.version());
        assertEquals(
            SyntheticCatalogue.EPOCH.plus(SyntheticCatalogue.GENERATION_STEP), after.updatedAt());
        assertTrue(after.updatedAt().isAfter(before.updatedAt()));
        Set<String> oldSet = new HashSet<>();
        oldTools.forEach(t -> oldSet.add(t.toString()));
        Set<String> newSet = new HashSet<>();
        newTools.forEach(t -> newSet.add(t.toString()));
        Set<String> gone = new HashSet<>(oldSet);
        gone.removeAll(newSet);
        Set<String> come = new HashSet<>(newSet);
        come.removeAll(oldSet);
        assertTrue(gone.size() + come.size() >= 1 && gone.size() <= 1 && come.size() <= 1);
        toolChanges++;
      } else {
        assertEquals(before, after);
        assertEquals(oldTools, newTools);
      }
    }
    assertEquals(20, toolChanges);
  }

  @Test
  void mutationWithAGivenInstantStampsIt() {
    Instant now = Instant.parse("2026-11-21T17:00:00Z");
    SyntheticCatalogue next = SyntheticCatalogue.generate(100, 1).mutate(0.05, 3, now);
    int n = indexOf(next, next.changedServers().get(0));
    assertEquals(now, next.server(n).updatedAt());
    assertThrows(
        IllegalArgumentException.class,
        () -> next.mutate(0.01, 4, Instant.parse("2026-11-21T16:00:00Z")));
  }

  @Test
  void toolsAreValidUniquelyNamedAndEntriesHaveTheCurrentShape() {
    SyntheticCatalogue catalogue = SyntheticCatalogue.generate(500, 5);
    for (int n = 0; n < catalogue.servers(); n++) {
      List<ObjectNode> tools = catalogue.tools(n);
      assertEquals(catalogue.toolCount(n), tools.size());
      Set<String> names = new HashSet<>();
      for (ObjectNode tool : tools) {
        ToolDefinition definition = ToolDefinition.of(tool);
        assertTrue(names.add(definition.name()), definition.name());
        assertTrue(definition.inputSchema().isObject());
      }
      ObjectNode entry = catalogue.entry(n, "http://127.0.0.1:9");
      assertTrue(entry.get("name").asText().matches("io\\.github\\.synth-" + n + "/[a-z0-9]+-mcp"));
      String description = entry.get("description").asText();
      assertTrue(!description.isEmpty() && description.length() <= 100, description);
      JsonNode remote = entry.get("remotes").get(0);
      assertEquals("streamable-http", remote.get("type").asText());
      assertEquals("http://127.0.0.1:9/mcp/" + n, remote.get("url").asText());
      assertTrue(entry.get("version").asText().matches("\\d+\\.\\d+\\.\\d+"));
    }
  }

  @Test
  void toolsPerServerAt43000ServersAreHeavyTailedWithMedianAbout8AndAbout500kTools() {
    SyntheticCatalogue catalogue = SyntheticCatalogue.generate(43_000, 1);
    int[] counts = new int[catalogue.servers()];
    long total = 0;
    for (int n = 0; n < counts.length; n++) {
      counts[n] = catalogue.toolCount(n);
      total += counts[n];
    }
    Arrays.sort(counts);
    int median = counts[counts.length / 2];
    assertTrue(median >= 6 && median <= 10, "median " + median);
    assertTrue(total >= 450_000 && total <= 550_000, "total " + total);
    assertTrue(counts[counts.length - 1] >= 200, "max " + counts[counts.length - 1]);
    assertEquals(total, catalogue.totalTools());
  }

  @Test
  void rejectsOutOfRangeArguments() {
    assertThrows(IllegalArgumentException.class, () -> SyntheticCatalogue.generate(0, 1));
    SyntheticCatalogue catalogue = SyntheticCatalogue.generate(10, 1);
    assertThrows(IllegalArgumentException.class, () -> catalogue.mutate(1.5, 1));
    assertThrows(IndexOutOfBoundsException.class, () -> catalogue.server(10));
  }

  private static int indexOf(SyntheticCatalogue catalogue, String name) {
    for (int n = 0; n < catalogue.servers(); n++) {
      if (catalogue.name(n).equals(name)) {
        return n;
      }
    }
    throw new AssertionError(name);
  }
}
