package dev.mcprisk.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mcprisk.crawler.mcp.CrawlLimits;
import dev.mcprisk.model.CrawlStatus;
import dev.mcprisk.model.Origins;
import dev.mcprisk.model.ServerEntry;
import dev.mcprisk.pipeline.source.BundledSnapshotSource;
import dev.mcprisk.pipeline.source.SourceContext;
import dev.mcprisk.pipeline.source.SourceCount;
import dev.mcprisk.store.CatalogueStore;
import dev.mcprisk.store.StoredServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundledSnapshotSourceTest {
  private static final Instant AT = Instant.parse("2026-11-21T02:00:00Z");

  @TempDir Path home;

  static String capture(String pkg, String transport, String... tools) {
    StringBuilder list = new StringBuilder();
    for (String tool : tools) {
      list.append(list.isEmpty() ? "" : ",")
          .append("{\"name\":\"")
          .append(tool)
          .append("\",\"description\":\"Does ")
          .append(tool)
          .append(".\",\"inputSchema\":{\"type\":\"object\"}}");
    }
    return "{\"package\":\""
        + pkg
        + "\",\"version\":\"1.0.0\",\"transport\":\""
        + transport
        + "\",\"captured_at\":\"2026-11-21T01:00:00Z\",\"initialize\":{\"protocolVersion\":"
        + "\"2025-06-18\",\"serverInfo\":{\"name\":\"x\"}},\"tools_list\":{\"tools\":["
        + list
        + "]}}";
  }

  @Test
  void aFolderIsGroupedByServerMergedAndSkipsServersAnsweredUsably() throws Exception {
    Path dir = Files.createDirectories(home.resolve("snapshots"));
    Files.writeString(dir.resolve("a.json"), capture("@x/one", "stdio", "read", "write"));
    Files.writeString(dir.resolve("b.json"), "{ not json");
    Files.writeString(dir.resolve("c.json"), capture("@x/two", "stdio", "list"));
    Files.writeString(dir.resolve("d.json"), capture("@x/one", "streamable-http", "delete"));
    Files.writeString(dir.resolve("e.json"), capture("@x/three", "stdio", "send"));
    PipelineConfig config =
        new PipelineConfig(
            home, true, dir, home.resolve("servers"), true, CrawlLimits.defaults(), "manual");
    List<Failure> failures = new ArrayList<>();
    Map<String, ServerEntry> entries = new ConcurrentHashMap<>();
    entries.put("npm:@x/three", PipelineSourcesTest.entry("npm:@x/three", "0.1.0", Origins.LIVE));
    try (CatalogueStore store = CatalogueStore.open(home)) {
      long run = store.startRun("test", AT);
      ToolCollector sink = new ToolCollector(store, run, entries, failures::add, n -> {});
      sink.accept(
          PipelineSourcesTest.outcome(
              "npm:@x/two", CrawlStatus.OK, "stdio", PipelineSourcesTest.tool("live", "Live.")));
      SourceContext ctx = new SourceContext(config, Clock.systemUTC(), new StopSignal(), store, AT);
      new BundledSnapshotSource(dir).crawl(ctx, Map.copyOf(entries), sink);
      sink.flush();
      assertEquals(5L, sink.count(SourceCount.RECORDED_ANSWERS));
      assertEquals(3L, sink.count(SourceCount.RECORDED_SERVERS));
      assertEquals(5L, sink.count(SourceCount.RECORDED_TOOLS), "skipped servers count too");
      assertEquals(3, sink.outcomes(), "the live answer, @x/one merged and @x/three");
      assertEquals(
          List.of("b.json SNAPSHOT_INVALID"),
          failures.stream().map(f -> f.subject() + " " + f.status()).toList());
      assertEquals(Origins.SNAPSHOT, entries.get("npm:@x/three").source());
      store.upsertServers(entries.values());
      List<StoredServer> servers =
          store.cataloguePage(null, Integer.MAX_VALUE, "any", false).servers();
      assertEquals(
          List.of("npm:@x/one", "npm:@x/three", "npm:@x/two"),
          servers.stream().map(s -> s.entry().id()).toList());
      assertEquals(
          List.of("delete", "read", "write"),
          servers.get(0).tools().stream().map(t -> t.definition().name()).toList());
      assertEquals("live", servers.get(2).tools().get(0).definition().name());
    }
  }
}
