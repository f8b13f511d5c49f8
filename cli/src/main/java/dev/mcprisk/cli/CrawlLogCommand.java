package dev.mcprisk.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.FetchRecord;
import dev.mcprisk.store.CatalogueStore;
import dev.mcprisk.store.StoreException;
import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mcprisk crawl-log}: every HTTP fetch of the registry sources, newest first. */
@Command(
    name = "crawl-log",
    mixinStandardHelpOptions = true,
    description = {
      "Lists the crawl log: one line per HTTP fetch made by `mcprisk crawl` (registry pages, npm"
          + " packuments, PyPI JSON, README pages) with its time, source, outcome, HTTP status,"
          + " bytes, milliseconds, attempts and reason, newest first."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:listed (even when empty)", "1:the store cannot be read", "2:usage error"})
final class CrawlLogCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** Fetches listed when --limit is not given. */
  static final int DEFAULT_LIMIT = 50;

  @Mixin HomeOption home;

  @Option(names = "--failed", description = "Only fetches that did not end OK or NOT_MODIFIED.")
  boolean failed;

  @Option(
      names = "--source",
      paramLabel = "NAME",
      description = "Only fetches of this source: registry-api, npm, pypi or readme.")
  String source;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "" + DEFAULT_LIMIT,
      description = "Most fetches listed, newest first (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(
      names = "--json",
      description =
          "Print {\"fetches\": [{\"at\", \"source\", \"url\", \"httpStatus\", \"bytes\","
              + " \"durationMs\", \"outcome\", \"reason\", \"attempts\", \"fromCache\"}]}.")
  boolean json;

  @Override
  public Integer call() throws StoreException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (limit <= 0) {
      err.println("mcprisk: --limit must be positive, not " + limit);
      return Main.EXIT_USAGE;
    }
    List<FetchRecord> fetches;
    try (CatalogueStore store = CatalogueStore.open(home.resolve())) {
      fetches = store.fetchLog(failed, source, limit);
    }
    out.println(json ? Json.writePretty(toJson(fetches)) : table(fetches));
    out.flush();
    return Main.EXIT_OK;
  }

  static ObjectNode toJson(List<FetchRecord> fetches) {
    ObjectNode root = Json.object();
    ArrayNode array = root.putArray("fetches");
    for (FetchRecord f : fetches) {
      ObjectNode r = array.addObject();
      r.put("at", f.at().toString());
      r.put("source", f.source());
      r.put("url", f.url());
      r.put("httpStatus", f.httpStatus());
      r.put("bytes", f.bytes());
      r.put("durationMs", f.durationMs());
      r.put("outcome", f.outcome());
      r.put("reason", f.reason());
      r.put("attempts", f.attempts());
      r.put("fromCache", f.fromCache());
    }
    return root;
  }

  static String table(List<FetchRecord> fetches) {
    if (fetches.isEmpty()) {
      return "no fetches recorded";
    }
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "%-24s  %-12s  %-14s  %4s  %10s  %7s  %s%n",
            "AT", "SOURCE", "OUTCOME", "HTTP", "BYTES", "MS", "URL / REASON"));
    for (FetchRecord f : fetches) {
      String tail = f.reason().isEmpty() ? f.url() : f.url() + "  " + f.reason();
      out.append(
          String.format(
              "%-24s  %-12s  %-14s  %4s  %10d  %7d  %s%n",
              f.at().truncatedTo(ChronoUnit.MILLIS),
              Terminal.safe(f.source()),
              Terminal.safe(f.outcome()) + (f.fromCache() ? "*" : ""),
              f.httpStatus() <= 0 ? "-" : Integer.toString(f.httpStatus()),
              f.bytes(),
              f.durationMs(),
              Terminal.safe(tail)));
    }
    out.append("(* answered from the HTTP cache)");
    return out.toString();
  }
}
