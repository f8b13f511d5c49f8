package dev.mcprisk.crawler.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcprisk.bundled.BundledData;
import dev.mcprisk.model.CrawlOutcome;
import dev.mcprisk.model.CrawlStatus;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotReaderTest {

  /** Tools per bundled capture, counted in the files themselves (394 in all). */
  private static final Map<String, Integer> EXPECTED_TOOLS = expectedTools();

  @TempDir Path temp;

  @Test
  void readsEveryBundledCaptureWithItsExactToolCount() throws Exception {
    List<String> files = BundledData.list(BundledData.TOOLS_LIST);
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String file : files) {
      Snapshot snapshot;
      try (InputStream in = BundledData.open(BundledData.TOOLS_LIST, file)) {
        snapshot = SnapshotReader.read(file, in);
      }
      CrawlOutcome outcome = snapshot.outcome();
      assertEquals(CrawlStatus.OK, outcome.status(), file + ": " + outcome.reason());
      assertEquals("", outcome.reason(), file);
      assertEquals("npm:" + snapshot.packageName(), outcome.serverId());
      assertEquals("snapshot", outcome.method());
      assertTrue(outcome.protocolVersion() != null && outcome.serverInfo().has("name"), file);
      counts.put(file, outcome.tools().size());
    }

    assertEquals(EXPECTED_TOOLS, counts);
    assertEquals(394, counts.values().stream().mapToInt(Integer::intValue).sum());
  }

  @Test
  void mapsTheRecordedFields() throws Exception {
    Snapshot http = bundled("mongodb-mcp-server.streamableHttp.json");
    Snapshot stdio = bundled("modelcontextprotocol__server-sequential-thinking.json");

    assertEquals("mongodb-mcp-server", http.packageName());
    assertEquals("streamable-http", http.transport());
    assertEquals(1, http.outcome().pages(), "no tools_list_pages means one page");
    assertEquals("stdio", stdio.transport());
    assertEquals("@modelcontextprotocol/server-sequential-thinking", stdio.packageName());
    assertEquals("2026.8.31", stdio.packageVersion());
    assertEquals(Instant.parse("2026-11-21T14:36:44Z"), stdio.outcome().at());
    assertEquals("2025-06-18", stdio.outcome().protocolVersion());
    assertEquals("sequential-thinking-server", stdio.outcome().serverInfo().get("name").asText());
    assertTrue(stdio.outcome().capabilities().has("tools"));
    assertEquals("sequentialthinking", stdio.outcome().tools().get(0).name());
    assertEquals(0, stdio.outcome().durationMs());
  }

  @Test
  void aTruncatedFileIsInvalidWithAReason() throws Exception {
    Snapshot snapshot = fixture("truncated.json");

    assertEquals(CrawlStatus.SNAPSHOT_INVALID, snapshot.outcome().status());
    assertTrue(
        snapshot.outcome().reason().startsWith("not JSON: Unexpected end-of-input"),
        snapshot.outcome().reason());
    assertNull(snapshot.packageName());
    assertEquals("snapshot:truncated.json", snapshot.outcome().serverId());
    assertTrue(snapshot.outcome().tools().isEmpty());
  }

  @Test
  void skipsBadToolsAndCountsThemInTheReason() throws Exception {
    Snapshot snapshot = fixture("one-nameless-tool.json");

    CrawlOutcome outcome = snapshot.outcome();
    assertEquals(CrawlStatus.OK, outcome.status());
    assertEquals(
        "skipped 2 invalid tool(s): #1: tool has no name (a non-empty string is required);"
            + " #2: tool is not a JSON object",
        outcome.reason());
    assertEquals(List.of("ping"), outcome.tools().stream().map(t -> t.name()).toList());
    assertEquals(2, outcome.pages());
    assertEquals("Call ping first.", outcome.instructions());
    assertEquals("2025-03-26", outcome.protocolVersion());
  }

  @Test
  void aFileWithoutToolsOrPackageIsInvalid() {
    Snapshot noTools =
        read("{\"package\":\"p\",\"captured_at\":\"2026-01-01T00:00:00Z\",\"initialize\":{}}");
    Snapshot noPackage = read("{\"captured_at\":\"2026-01-01T00:00:00Z\"}");
    Snapshot array = read("[]");

    assertEquals("no 'tools_list.tools' array", noTools.outcome().reason());
    assertEquals("npm:p", noTools.outcome().serverId());
    assertEquals("no 'package' name", noPackage.outcome().reason());
    assertEquals("not a JSON object", array.outcome().reason());
    assertEquals(CrawlStatus.SNAPSHOT_INVALID, array.outcome().status());
  }

  @Test
  void readsAFolderSortedByNameSkippingOtherFiles() throws Exception {
    copy("one-nameless-tool.json", temp.resolve("b.json"));
    copy("truncated.json", temp.resolve("a.json"));
    Files.writeString(temp.resolve("notes.txt"), "not a snapshot");
    Files.createDirectory(temp.resolve("dir.json"));

    List<Snapshot> snapshots = SnapshotReader.readDirectory(temp);

    assertEquals(List.of("a.json", "b.json"), snapshots.stream().map(Snapshot::fileName).toList());
    assertEquals(CrawlStatus.SNAPSHOT_INVALID, snapshots.get(0).outcome().status());
    assertEquals(CrawlStatus.OK, snapshots.get(1).outcome().status());
  }

  private void copy(String fixture, Path target) throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/snapshot/" + fixture)) {
      Files.copy(in, target);
    }
  }

  private static Snapshot bundled(String file) throws Exception {
    try (InputStream in = BundledData.open(BundledData.TOOLS_LIST, file)) {
      return SnapshotReader.read(file, in);
    }
  }

  private Snapshot fixture(String file) throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/snapshot/" + file)) {
      return SnapshotReader.read(file, in);
    }
  }

  private static Snapshot read(String json) {
    return SnapshotReader.read(
        "inline.json", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  private static Map<String, Integer> expectedTools() {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("mcp-server-kubernetes.json", 23);
    m.put("modelcontextprotocol__server-aws-kb-retrieval.json", 1);
    m.put("modelcontextprotocol__server-brave-search.json", 2);
    m.put("modelcontextprotocol__server-everart.json", 1);
    m.put("modelcontextprotocol__server-everything.json", 16);
    m.put("modelcontextprotocol__server-everything.streamableHttp.json", 13);
    m.put("modelcontextprotocol__server-filesystem.json", 14);
    m.put("modelcontextprotocol__server-github.json", 26);
    m.put("modelcontextprotocol__server-gitlab.json", 9);
    m.put("modelcontextprotocol__server-google-maps.json", 7);
    m.put("modelcontextprotocol__server-memory.json", 9);
    m.put("modelcontextprotocol__server-postgres.json", 1);
    m.put("modelcontextprotocol__server-puppeteer.json", 7);
    m.put("modelcontextprotocol__server-sequential-thinking.json", 1);
    m.put("modelcontextprotocol__server-slack.json", 8);
    m.put("mongodb-mcp-server.json", 27);
    m.put("mongodb-mcp-server.streamableHttp.json", 27);
    m.put("notionhq__notion-mcp-server.json", 24);
    m.put("playwright__mcp.caps-all.json", 45);
    m.put("playwright__mcp.json", 25);
    m.put("playwright__mcp.streamableHttp.json", 25);
    m.put("stripe__mcp-0.2.5.json", 22);
    m.put("supabase__mcp-server-supabase.json", 31);
    m.put("upstash__context7-mcp.json", 2);
    m.put("upstash__context7-mcp.streamableHttp.json", 2);
    m.put("wonderwhy-er__desktop-commander.json", 26);
    return m;
  }
}
