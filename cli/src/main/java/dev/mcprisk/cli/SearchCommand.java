package dev.mcprisk.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcprisk.index.CatalogueSearcher;
import dev.mcprisk.index.IndexDefaults;
import dev.mcprisk.index.RiskyTool;
import dev.mcprisk.index.SearchHit;
import dev.mcprisk.index.SearchRequest;
import dev.mcprisk.index.SearchResult;
import dev.mcprisk.index.SearchSort;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.Category;
import dev.mcprisk.model.RiskLevel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mcprisk search}: queries the Lucene index of servers and tools. */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    description = {
      "Searches servers and tools in <home>/index. Words are matched against tool names (split"
          + " into words: delete_entities, createEntities), titles, descriptions, parameters and"
          + " server names; common verbs match their synonyms (remove -> delete). The query may"
          + " hold filters: category:Destructive risk:Critical min-risk:High server:github"
          + " signal:shell registry:npm transport:stdio. When nothing matches exactly, close"
          + " spellings are tried (screenshoot -> screenshot).",
      "JSON output: {\"query\", \"total\", \"offset\", \"fuzzy\", \"hits\": [{\"server\", \"tool\""
          + " (null for a server hit), \"category\", \"riskLevel\", \"score\" (risk score 0-100),"
          + " \"relevance\", \"snippet\", \"riskiestTools\" (server hits)}], \"facets\":"
          + " {\"category\"|\"riskLevel\"|\"signal\"|\"registryType\"|\"transport\": {value:"
          + " count}}}"
    })
final class SearchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin HomeOption home;

  @Parameters(
      arity = "0..*",
      paramLabel = "QUERY",
      description = "Words (and field filters) to search for; may be empty when a filter is set.")
  List<String> words = List.of();

  @Option(
      names = "--category",
      paramLabel = "C",
      description =
          "Only tools of this category (Read, Write, Execute, Destructive, Financial," + " Other).")
  String category;

  @Option(names = "--risk", paramLabel = "R", description = "Only this risk level.")
  String risk;

  @Option(names = "--min-risk", paramLabel = "R", description = "Only this risk level or above.")
  String minRisk;

  @Option(
      names = "--server",
      paramLabel = "S",
      description = "Only servers whose id or name matches.")
  String server;

  @Option(names = "--signal", paramLabel = "S", description = "Only tools with this signal id.")
  String signal;

  @Option(
      names = "--registry",
      paramLabel = "T",
      description = "Only servers with a package of this registry type (npm, pypi, oci, ...).")
  String registry;

  @Option(
      names = "--transport",
      paramLabel = "T",
      description = "Only servers with this transport (stdio, streamable-http, sse).")
  String transport;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "Hits to show, 1 to " + IndexDefaults.MAX_LIMIT + ". Default: 10.")
  int limit = 10;

  @Option(names = "--offset", paramLabel = "N", description = "Hits to skip (paging). Default: 0.")
  int offset;

  @Option(
      names = "--sort",
      paramLabel = "S",
      description = "relevance (default) or risk (risk score first, then relevance).")
  String sort = "relevance";

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SearchRequest request;
    try {
      request =
          SearchRequest.builder(String.join(" ", words).strip())
              .category(category == null ? null : Category.parse(category))
              .risk(risk == null ? null : RiskLevel.parse(risk))
              .minRisk(minRisk == null ? null : RiskLevel.parse(minRisk))
              .server(server)
              .signal(signal)
              .registryType(registry)
              .transport(transport)
              .limit(limit)
              .offset(offset)
              .sort(SearchSort.parse(sort))
              .build();
    } catch (IllegalArgumentException e) {
      err.println("mcprisk search: " + e.getMessage());
      return Main.EXIT_USAGE;
    }
    Path indexDir = home.indexDirOrExplain(err);
    if (indexDir == null) {
      return Main.EXIT_FAILURE;
    }
    SearchResult result;
    try (CatalogueSearcher searcher = CatalogueSearcher.open(indexDir)) {
      result = searcher.search(request);
    } catch (IllegalArgumentException e) {
      err.println("mcprisk search: " + e.getMessage());
      return Main.EXIT_USAGE;
    }
    print(result, out);
    return Main.EXIT_OK;
  }

  private void print(SearchResult result, PrintWriter out) {
    out.print(json ? Json.writePretty(toJson(result)) + "\n" : renderText(result));
    out.flush();
  }

  static ObjectNode toJson(SearchResult result) {
    ObjectNode root = Json.object();
    root.put("query", result.query());
    root.put("total", result.total());
    root.put("offset", result.offset());
    root.put("fuzzy", result.fuzzy());
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
      if (!hit.riskiestTools().isEmpty()) {
        h.set("riskiestTools", Json.MAPPER.valueToTree(hit.riskiestTools()));
      }
    }
    if (!result.facets().isEmpty()) {
      root.set("facets", Json.MAPPER.valueToTree(result.facets()));
    }
    return root;
  }

  static String renderText(SearchResult result) {
    StringBuilder out = new StringBuilder();
    if (result.fuzzy()) {
      out.append("no exact match for \"")
          .append(Terminal.safe(result.query()))
          .append("\"; showing close matches\n");
    }
    out.append(result.total())
        .append(result.total() == 1 ? " hit" : " hits")
        .append(" for \"")
        .append(Terminal.safe(result.query()))
        .append("\"");
    if (!result.hits().isEmpty()) {
      out.append(", ")
          .append(result.offset() + 1)
          .append("-")
          .append(result.offset() + result.hits().size());
    }
    out.append('\n');
    int rank = result.offset();
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
      if (!hit.riskiestTools().isEmpty()) {
        out.append("     riskiest: ")
            .append(
                hit.riskiestTools().stream()
                    .map(SearchCommand::risky)
                    .collect(Collectors.joining(", ")))
            .append('\n');
      }
    }
    for (Map.Entry<String, Map<String, Long>> facet : result.facets().entrySet()) {
      if (facet.getValue().isEmpty()) {
        continue;
      }
      out.append(String.format("%-13s", facet.getKey()))
          .append(
              facet.getValue().entrySet().stream()
                  .map(e -> Terminal.safe(e.getKey()) + " " + e.getValue())
                  .collect(Collectors.joining(" · ")))
          .append('\n');
    }
    return out.toString();
  }

  private static String risky(RiskyTool t) {
    return Terminal.safe(t.tool()) + " (" + t.riskLevel() + " " + t.category() + ")";
  }
}
