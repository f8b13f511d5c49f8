package dev.mcprisk.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcprisk.index.CatalogueSearcher;
import dev.mcprisk.index.SearchHit;
import dev.mcprisk.index.SearchResult;
import dev.mcprisk.json.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mcprisk search}: queries the Lucene index of servers and tools. */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    description = {
      "Searches servers and tools in <home>/index. Words are matched against tool names (split"
          + " into words: delete_entities, createEntities), titles, descriptions, parameters and"
          + " server names.",
      "JSON output: {\"query\", \"total\", \"hits\": [{\"server\", \"tool\" (null for a server"
          + " hit), \"category\", \"riskLevel\", \"score\" (risk score 0-100), \"relevance\","
          + " \"snippet\"}]}"
    })
final class SearchCommand implements Callable<Integer> {
  /** Default number of hits. */
  static final int DEFAULT_LIMIT = 10;

  /** Largest {@code --limit} accepted. */
  static final int MAX_LIMIT = 1000;

  @Mixin HomeOption home;

  @Parameters(arity = "1..*", paramLabel = "QUERY", description = "Words to search for.")
  List<String> words;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "Hits to show, 1 to " + MAX_LIMIT + ". Default: " + DEFAULT_LIMIT + ".")
  int limit = DEFAULT_LIMIT;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    if (limit < 1 || limit > MAX_LIMIT) {
      System.err.println("mcprisk: --limit must be 1 to " + MAX_LIMIT + ", not " + limit);
      return Main.EXIT_USAGE;
    }
    String query = String.join(" ", words).strip();
    if (query.isEmpty()) {
      System.err.println("mcprisk: the query is empty");
      return Main.EXIT_USAGE;
    }
    Path indexDir = home.resolve().resolve("index");
    if (!Files.isDirectory(indexDir)) {
      System.err.println(
          "mcprisk: no index at " + indexDir + ": run `mcprisk run` first (or pass --home)");
      return Main.EXIT_FAILURE;
    }
    SearchResult result;
    try (CatalogueSearcher searcher = CatalogueSearcher.open(indexDir)) {
      result = searcher.search(query, limit);
    }
    PrintStream out = System.out;
    out.print(json ? Json.writePretty(toJson(result)) + "\n" : renderText(result));
    out.flush();
    return Main.EXIT_OK;
  }

  static ObjectNode toJson(SearchResult result) {
    ObjectNode root = Json.object();
    root.put("query", result.query());
    root.put("total", result.total());
    ArrayNode hits = root.putArray("hits");
    for (SearchHit hit : result.hits()) {
      ObjectNode h = hits.addObject();
      h.put("server", hit.server());
      h.put("tool", hit.tool());
      h.put("category", hit.category());
      h.put("riskLevel", hit.riskLevel());
      if (hit.score() == null) {
        h.putNull("score");
      } else {
        h.put("score", hit.score().intValue());
      }
      h.put("relevance", hit.relevance());
      h.put("snippet", hit.snippet());
    }
    return root;
  }

  static String renderText(SearchResult result) {
    StringBuilder out = new StringBuilder();
    out.append(result.total())
        .append(result.total() == 1 ? " hit" : " hits")
        .append(" for \"")
        .append(Terminal.safe(result.query()))
        .append("\"")
        .append(result.hits().size() < result.total() ? ", top " + result.hits().size() : "")
        .append('\n');
    int rank = 0;
    for (SearchHit hit : result.hits()) {
      rank++;
      String what =
          hit.tool() == null
              ? Terminal.safe(hit.server()) + "  (server)"
              : Terminal.safe(hit.tool()) + "  @ " + Terminal.safe(hit.server());
      out.append(
          String.format(
              "%3d. %-8s %-11s %3s  %s%n",
              rank,
              hit.riskLevel() == null ? "-" : hit.riskLevel(),
              hit.category() == null ? "-" : hit.category(),
              hit.score() == null ? "-" : hit.score().toString(),
              what));
      if (hit.snippet() != null && !hit.snippet().isBlank()) {
        out.append("     ").append(Terminal.safe(hit.snippet())).append('\n');
      }
    }
    return out.toString();
  }
}
