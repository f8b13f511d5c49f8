package dev.mcprisk.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcprisk.crawler.mcp.CrawlLimits;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.CrawlOutcome;
import dev.mcprisk.model.CrawlStatus;
import dev.mcprisk.model.Origins;
import dev.mcprisk.model.ServerEntry;
import dev.mcprisk.model.ToolDefinition;
import dev.mcprisk.pipeline.source.EntrySink;
import dev.mcprisk.pipeline.source.EntrySource;
import dev.mcprisk.pipeline.source.PipelineSources;
import dev.mcprisk.pipeline.source.SourceContext;
import dev.mcprisk.pipeline.source.SourceCount;
import dev.mcprisk.pipeline.source.ToolSink;
import dev.mcprisk.pipeline.source.ToolSource;
import dev.mcprisk.store.CatalogueStore;
import dev.mcprisk.store.StoredServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineSourcesTest {
  private static final Instant AT = Instant.parse("2026-11-21T02:00:00Z");

  @TempDir Path home;

  static ServerEntry entry(String id, String version, String source) {
    return new ServerEntry(
        id, id, null, "A server.", version, null, List.of(), List.of(), source, "active");
  }

  static ToolDefinition tool(String name, String description) {
    ObjectNode json = Json.object();
    json.put("name", name);
    json.put("description", description);
    json.putObject("inputSchema").put("type", "object");
    return ToolDefinition.of(json);
  }

  static CrawlOutcome outcome(String id, CrawlStatus status, String method, ToolDefinition... t) {
    return new CrawlOutcome(
        id, status, "", AT, method, "2025-06-18", null, null, null, List.of(t), 1, 5, 100);
  }

  /** Three registry entries (one superseded by a higher version) and a rejected one. */
  static final class Entries implements EntrySource {
    @Override
    public String name() {
      return "test-registry";
    }

    @Override
    public void read(SourceContext ctx, EntrySink sink) {
      sink.accept(entry("a", "1.0.0", "registry-seed"));
      sink.accept(entry("b", "1.0.0", "registry-seed"));
      sink.accept(entry("b", "2.0.0", "registry-seed"));
      sink.accept(entry("c", "1.0.0", "registry-seed"));
      sink.rejected("entry #4", "no name");
      sink.count(SourceCount.FILES, 1);
    }
  }

  /** A live-like source: a usable answer for a, a timeout for b. */
  static final class First implements ToolSource {
    @Override
    public String name() {
      return "first";
    }

    @Override
    public void crawl(SourceContext ctx, Map<String, ServerEntry> entries, ToolSink sink) {
      sink.accept(outcome("a", CrawlStatus.OK, "stdio", tool("live_read", "Reads a file.")));
      sink.accept(outcome("b", CrawlStatus.TIMEOUT, "stdio"));
      sink.failed("b", "TIMEOUT", "no answer");
      sink.addEntry(entry("d", "1.0.0", Origins.LIVE));
    }
  }

  /** A recorded-like source: answers for a, b and d, skipping servers answered usably. */
  static final class Second implements ToolSource {
    final List<String> skipped = new ArrayList<>();

    @Override
    public String name() {
      return "second";
    }

    @Override
    public void crawl(SourceContext ctx, Map<String, ServerEntry> entries, ToolSink sink) {
      sink.addEntry(entry("a", "9.0.0", Origins.SNAPSHOT)); // a registry entry stays
      sink.addEntry(entry("d", "2.0.0", Origins.SNAPSHOT)); // a live entry yields
      for (String id : List.of("a", "b", "d")) {
        if (sink.hasUsable(id)) {
          skipped.add(id);
          continue;
        }
        sink.accept(
            outcome(id, CrawlStatus.OK, "snapshot", tool("delete_file", "Deletes " + id + ".")));
      }
      sink.count(SourceCount.RECORDED_ANSWERS, 3);
    }
  }

  private RunSummary run(Second second) throws Exception {
    PipelineConfig config =
        new PipelineConfig(
                home,
                true,
                null,
                home.resolve("servers"),
                true,
                CrawlLimits.defaults(),
                PipelineConfig.TRIGGER_MANUAL)
            .withSources(new PipelineSources(List.of(new Entries()), List.of(new First(), second)));
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    return new Pipeline(
            config,
            new PrintStream(progress, true, StandardCharsets.UTF_8),
            Clock.fixed(AT, ZoneOffset.UTC))
        .run();
  }

  @Test
  void sourcesRunInOrderAndTheFirstUsableAnswerOfAServerWins() throws Exception {
    Second second = new Second();
    RunSummary summary = run(second);
    assertEquals("SUCCEEDED", summary.status());
    assertEquals(List.of("a"), second.skipped);
    assertEquals(4, summary.servers());
    assertEquals(3, summary.serversWithTools());
    assertEquals(3, summary.tools());
    assertEquals(Map.of("live", 1, "snapshot", 2), new TreeMap<>(summary.toolsByOrigin()));
    assertEquals(
        Map.of("registry-seed", 3, "snapshot", 1), new TreeMap<>(summary.serversBySource()));
    assertEquals(
        List.of("registry REJECTED entry #4", "tools TIMEOUT b"),
        summary.failures().stream()
            .map(f -> f.stage() + " " + f.status() + " " + f.subject())
            .toList());
    StageTiming tools = summary.stages().get(1);
    assertEquals("tools", tools.stage());
    assertEquals(4L, tools.counts().get("outcomes"));
    assertEquals(3L, tools.counts().get("recordedAnswers"));
    assertTrue(tools.counts().containsKey("storeMs"), tools.counts().toString());
    assertEquals(1L, summary.stages().get(0).counts().get("superseded"));
    try (CatalogueStore store = CatalogueStore.open(home)) {
      List<StoredServer> servers =
          store.cataloguePage(null, Integer.MAX_VALUE, "any", false).servers();
      assertEquals("2.0.0", servers.get(1).entry().version(), "the highest version is kept");
      assertEquals(
          "live_read", servers.get(0).tools().get(0).definition().name(), "a: the live answer");
      assertEquals(CrawlStatus.OK, servers.get(1).latestCrawl().status(), "b: logged after");
      assertEquals("2.0.0", servers.get(3).entry().version(), "d: the recorded entry");
      assertEquals(4, store.counts().crawls());
    }
    RunSummary again = run(new Second());
    assertEquals(0, again.changes(), "an unchanged run logs no changes");
    assertEquals(0, again.assessedNew());
    assertEquals(3, again.assessedCached());
  }
}
