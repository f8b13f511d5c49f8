package dev.mcprisk.index;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcprisk.export.CatalogueJsonReader;
import dev.mcprisk.export.ExportedServer;
import dev.mcprisk.export.ExportedTool;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.AssessedTool;
import dev.mcprisk.model.Assessment;
import dev.mcprisk.model.CatalogueServer;
import dev.mcprisk.model.ServerEntry;
import dev.mcprisk.model.ToolDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Not a test: prints search examples for the README over a real exported catalogue ({@code
 * catalogue.ndjson} of {@code mcprisk run --offline}), as the JSON the CLI would print.
 *
 * <p>Run: {@code java -cp <test classpath> dev.mcprisk.index.SearchExamples
 * <home>/export/catalogue.ndjson}.
 */
public final class SearchExamples {
  private SearchExamples() {}

  public static void main(String[] args) throws IOException {
    List<CatalogueServer> catalogue = new ArrayList<>();
    CatalogueJsonReader.forEachNdjsonServer(Path.of(args[0]), s -> catalogue.add(server(s)));
    Path dir = Files.createTempDirectory("mcprisk-examples").resolve("index");
    CatalogueIndexer.rebuild(dir, catalogue);
    try (CatalogueSearcher searcher = CatalogueSearcher.open(dir)) {
      print(searcher.search(SearchRequest.of("refund a payment", 3)));
      print(searcher.search(SearchRequest.of("run a shell command in a pod", 3)));
      print(searcher.search(SearchRequest.builder("delete server:mongodb").limit(3).build()));
      print(searcher.search(SearchRequest.of("screenshoot", 2)));
      print(searcher.search(SearchRequest.builder("memory").limit(1).facets(false).build()));
      print(
          searcher
              .similar("npm:@modelcontextprotocol/server-filesystem", "create_directory", 3)
              .orElseThrow());
    }
  }

  private static void print(SearchResult result) throws IOException {
    ObjectNode root = Json.object();
    root.put("query", result.query());
    root.put("total", result.total());
    if (result.fuzzy()) {
      root.put("fuzzy", true);
    }
    ArrayNode hits = root.putArray("hits");
    for (SearchHit hit : result.hits()) {
      ObjectNode h = hits.addObject();
      h.put("server", hit.server());
      h.put("tool", hit.tool());
      h.put("category", hit.category());
      h.put("riskLevel", hit.riskLevel());
      if (hit.score() != null) {
        h.put("score", hit.score());
      }
      h.put("relevance", Math.round(hit.relevance() * 100) / 100.0);
      h.put("snippet", hit.snippet());
      if (!hit.riskiestTools().isEmpty()) {
        h.set("riskiestTools", Json.MAPPER.valueToTree(hit.riskiestTools()));
      }
    }
    if (!result.facets().isEmpty()) {
      root.set("facets", Json.MAPPER.valueToTree(result.facets()));
    }
    System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root));
  }

  private static CatalogueServer server(ExportedServer s) {
    ServerEntry entry =
        new ServerEntry(
            s.id(),
            s.name() == null ? s.id() : s.name(),
            null,
            s.description(),
            null,
            null,
            s.packages(),
            s.remotes(),
            s.source(),
            null);
    List<AssessedTool> tools = new ArrayList<>();
    for (ExportedTool t : s.tools()) {
      ObjectNode json = Json.object();
      json.put("name", t.name());
      if (t.title() != null) {
        json.put("title", t.title());
      }
      if (t.description() != null) {
        json.put("description", t.description());
      }
      if (t.inputSchema() != null) {
        json.set("inputSchema", t.inputSchema());
      }
      Assessment a =
          new Assessment(
              t.assessment().category(),
              t.assessment().riskLevel(),
              t.assessment().score(),
              t.assessment().confidence(),
              t.assessment().signals(),
              t.assessment().rationale() == null ? "" : t.assessment().rationale(),
              t.assessment().rules(),
              "export");
      tools.add(
          new AssessedTool(
              new ToolDefinition(json), t.definitionHash(), "snapshot", a, BundledCatalogue.ALLOW));
    }
    return new CatalogueServer(entry, null, tools);
  }
}
