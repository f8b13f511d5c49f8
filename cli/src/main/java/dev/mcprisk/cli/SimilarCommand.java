package dev.mcprisk.cli;

import dev.mcprisk.index.CatalogueSearcher;
import dev.mcprisk.index.IndexDefaults;
import dev.mcprisk.index.SearchResult;
import dev.mcprisk.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mcprisk similar}: tools like a given one (Lucene MoreLikeThis). */
@Command(
    name = "similar",
    mixinStandardHelpOptions = true,
    description = {
      "Finds tools like SERVER's TOOL: same words in name, description and parameters (Lucene"
          + " MoreLikeThis). The tool itself is left out.",
      "JSON output: the same shape as search, without facets."
    })
final class SimilarCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin HomeOption home;

  @Parameters(index = "0", paramLabel = "SERVER", description = "Server id, as search prints it.")
  String server;

  @Parameters(index = "1", paramLabel = "TOOL", description = "Tool name.")
  String tool;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "Hits to show, 1 to " + IndexDefaults.MAX_LIMIT + ". Default: 10.")
  int limit = 10;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path indexDir = home.indexDirOrExplain(err);
    if (indexDir == null) {
      return Main.EXIT_FAILURE;
    }
    Optional<SearchResult> result;
    try (CatalogueSearcher searcher = CatalogueSearcher.open(indexDir)) {
      result = searcher.similar(server, tool, limit);
    } catch (IllegalArgumentException e) {
      err.println("mcprisk similar: " + e.getMessage());
      return Main.EXIT_USAGE;
    }
    if (result.isEmpty()) {
      err.println(
          "mcprisk similar: no tool '"
              + Terminal.safe(tool)
              + "' on server '"
              + Terminal.safe(server)
              + "' in the index");
      return Main.EXIT_FAILURE;
    }
    out.print(
        json
            ? Json.writePretty(SearchCommand.toJson(result.get())) + "\n"
            : SearchCommand.renderText(result.get()));
    out.flush();
    return Main.EXIT_OK;
  }
}
