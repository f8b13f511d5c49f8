package dev.mcprisk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcprisk.bundled.BundledData;
import dev.mcprisk.json.Json;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The incremental index and export stages through the real jar: a first run rebuilds the index, an
 * unchanged run updates no server and skips the export, a run with one changed recorded answer
 * updates exactly that server, and a lost state file forces a rebuild.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IncrementalRunIT {
  static final String FILE = "modelcontextprotocol__server-memory.json";
  static final String NEW_WORD = "zanzibarquokka";

  @TempDir static Path home;
  @TempDir static Path snapshot;

  static FileTime firstExport;

  private static JsonNode run() throws Exception {
    CliProcess.Result result =
        CliProcess.run(
            "run",
            "--offline",
            "--snapshot",
            snapshot.toString(),
            "--home",
            home.toString(),
            "--json");
    assertEquals(0, result.exitCode(), result.stderr());
    JsonNode summary = Json.parse(result.stdout());
    assertEquals("SUCCEEDED", summary.get("status").asText());
    return summary;
  }

  private static JsonNode stage(JsonNode summary, String name) {
    for (JsonNode stage : summary.get("stages")) {
      if (stage.get("stage").asText().equals(name)) {
        return stage;
      }
    }
    throw new AssertionError("no " + name + " stage in " + summary);
  }

  private static long count(JsonNode stage, String name) {
    assertTrue(stage.get("counts").has(name), stage.toString());
    return stage.get("counts").get(name).asLong();
  }

  @Test
  @Order(1)
  void firstRunRebuildsTheIndexAndWritesTheExport() throws Exception {
    for (String file : BundledData.list(BundledData.TOOLS_LIST)) {
      try (InputStream in = BundledData.open(BundledData.TOOLS_LIST, file)) {
        Files.write(snapshot.resolve(file), in.readAllBytes());
      }
    }
    JsonNode summary = run();
    JsonNode index = stage(summary, "index");
    assertEquals(1, count(index, "rebuilt"), index.toString());
    assertTrue(
        index.get("result").asText().startsWith("rebuilt (no index state)"), index.toString());
    assertEquals(RunCommandIT.SERVERS, count(index, "servers"));
    assertEquals(RunCommandIT.TOOLS, count(index, "tools"));
    JsonNode export = stage(summary, "export");
    assertEquals(0, count(export, "skipped"), export.toString());
    assertTrue(Files.isRegularFile(home.resolve("index.state.json")));
    assertTrue(Files.isRegularFile(home.resolve("export.state.json")));
    firstExport = Files.getLastModifiedTime(home.resolve("export/catalogue.json"));
  }

  @Test
  @Order(2)
  void unchangedRunUpdatesNoServerAndSkipsTheExport() throws Exception {
    JsonNode summary = run();
    JsonNode index = stage(summary, "index");
    assertEquals(0, count(index, "rebuilt"), index.toString());
    assertEquals(0, count(index, "serversUpdated"), index.toString());
    assertEquals(0, count(index, "serversRemoved"), index.toString());
    assertEquals(RunCommandIT.SERVERS, count(index, "serversUnchanged"), index.toString());
    assertTrue(index.get("result").asText().startsWith("updated 0 servers, "), index.toString());
    JsonNode export = stage(summary, "export");
    assertEquals(1, count(export, "skipped"), export.toString());
    assertTrue(export.get("result").asText().startsWith("unchanged, skipped"), export.toString());
    assertEquals(RunCommandIT.SERVERS_WITH_TOOLS, summary.get("interceptFiles").asInt());
    assertEquals(firstExport, Files.getLastModifiedTime(home.resolve("export/catalogue.json")));
  }

  @Test
  @Order(3)
  void oneChangedSnapshotUpdatesExactlyThatServer() throws Exception {
    ObjectNode memory = (ObjectNode) Json.parse(Files.readString(snapshot.resolve(FILE)));
    ObjectNode first = (ObjectNode) memory.get("tools_list").get("tools").get(0);
    String tool = first.get("name").asText();
    first.put("description", "Reads the " + NEW_WORD + " knowledge graph.");
    Files.writeString(snapshot.resolve(FILE), Json.write(memory));

    JsonNode summary = run();
    JsonNode index = stage(summary, "index");
    assertEquals(0, count(index, "rebuilt"), index.toString());
    assertEquals(1, count(index, "serversUpdated"), index.toString());
    assertEquals(0, count(index, "serversRemoved"), index.toString());
    assertEquals(RunCommandIT.SERVERS - 1, count(index, "serversUnchanged"), index.toString());
    JsonNode export = stage(summary, "export");
    assertEquals(0, count(export, "skipped"), export.toString());
    assertEquals(1, count(export, "updated"), export.toString());
    assertEquals(1, count(export, "serversWritten"), export.toString());
    assertTrue(
        export.get("result").asText().startsWith("updated 1 servers, 0 removed, "),
        export.toString());
    assertTrue(
        Files.readString(home.resolve("export/catalogue.json")).contains(NEW_WORD),
        "export updated");

    CliProcess.Result search =
        CliProcess.run("search", NEW_WORD, "--json", "--home", home.toString());
    assertEquals(0, search.exitCode(), search.stderr());
    JsonNode hits = Json.parse(search.stdout()).get("hits");
    assertEquals(1, hits.size(), search.stdout());
    assertEquals(tool, hits.get(0).get("tool").asText(), hits.toString());
    assertTrue(hits.get(0).get("server").asText().contains("server-memory"), hits.toString());
  }

  /** The server lines of the export's catalogue.ndjson (all but the header line). */
  private List<String> serverLines() throws Exception {
    List<String> lines = Files.readAllLines(home.resolve("export/catalogue.ndjson"));
    return List.copyOf(lines.subList(1, lines.size()));
  }

  @Test
  @Order(4)
  void aLostStateFileForcesARebuild() throws Exception {
    List<String> updatedLines = serverLines();
    Files.delete(home.resolve("index.state.json"));
    Files.delete(home.resolve("export.state.json"));
    JsonNode summary = run();
    JsonNode index = stage(summary, "index");
    assertEquals(1, count(index, "rebuilt"), index.toString());
    JsonNode export = stage(summary, "export");
    assertEquals(0, count(export, "updated"), export.toString());
    assertEquals(0, count(export, "skipped"), export.toString());
    assertEquals(updatedLines, serverLines(), "an updated export holds what a full one writes");
    assertTrue(Files.isRegularFile(home.resolve("index.state.json")));

    JsonNode again = stage(run(), "index");
    assertEquals(0, count(again, "rebuilt"), again.toString());
    assertEquals(0, count(again, "serversUpdated"), again.toString());
  }
}
