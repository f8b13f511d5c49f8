package dev.mcprisk.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcprisk.json.Json;
import dev.mcprisk.store.CatalogueStore;
import dev.mcprisk.store.RunRecord;
import dev.mcprisk.store.RunStage;
import dev.mcprisk.store.StoreException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mcprisk runs}: the recorded pipeline runs, newest first. */
@Command(
    name = "runs",
    mixinStandardHelpOptions = true,
    description = {
      "Lists the recorded pipeline runs, newest first: id, trigger (manual or schedule), start,"
          + " end, status (RUNNING, SUCCEEDED, FAILED, INTERRUPTED), stages and errors.",
      "For monitoring: the first run of --json --limit 1 is the last run."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:listed (even when empty)", "1:the store cannot be read", "2:usage error"})
final class RunsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** Runs listed when --limit is not given. */
  static final int DEFAULT_LIMIT = 20;

  @Mixin HomeOption home;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "" + DEFAULT_LIMIT,
      description = "Most runs listed, newest first (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(
      names = "--json",
      description =
          "Print {\"runs\": [{\"id\", \"trigger\", \"startedAt\", \"finishedAt\", \"status\","
              + " \"stages\": {name: {\"millis\", \"result\", \"counts\"}}, \"owner\","
              + " \"error\"}]} with ISO-8601 times.")
  boolean json;

  @Override
  public Integer call() throws StoreException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (limit <= 0) {
      err.println("mcprisk: --limit must be positive, not " + limit);
      return Main.EXIT_USAGE;
    }
    List<RunRecord> runs;
    try (CatalogueStore store = CatalogueStore.open(home.resolve())) {
      runs = store.runs(limit);
    }
    out.println(json ? Json.writePretty(toJson(runs)) : table(runs));
    out.flush();
    return Main.EXIT_OK;
  }

  static ObjectNode toJson(List<RunRecord> runs) {
    ObjectNode root = Json.object();
    ArrayNode array = root.putArray("runs");
    for (RunRecord run : runs) {
      ObjectNode r = array.addObject();
      r.put("id", run.id());
      r.put("trigger", run.trigger());
      r.put("startedAt", run.startedAt().toString());
      r.put("finishedAt", run.finishedAt() == null ? null : run.finishedAt().toString());
      r.put("status", run.status().name());
      ObjectNode stages = r.putObject("stages");
      for (RunStage stage : run.stages()) {
        ObjectNode s = stages.putObject(stage.stage());
        s.put("millis", stage.millis());
        s.put("result", stage.result());
        ObjectNode counts = s.putObject("counts");
        stage.counts().forEach(counts::put);
      }
      r.put("owner", run.owner());
      r.put("error", run.error());
    }
    return root;
  }

  static String table(List<RunRecord> runs) {
    if (runs.isEmpty()) {
      return "no runs recorded yet";
    }
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "%6s  %-8s  %-11s  %-24s  %10s  %s%n",
            "ID", "TRIGGER", "STATUS", "STARTED", "TOOK", "STAGES / ERROR"));
    for (RunRecord run : runs) {
      String took =
          run.finishedAt() == null
              ? "-"
              : Duration.between(run.startedAt(), run.finishedAt()).toMillis() + " ms";
      StringBuilder stages = new StringBuilder();
      for (RunStage stage : run.stages()) {
        stages.append(stages.length() == 0 ? "" : " ").append(stage.stage());
        stages.append(' ').append(stage.millis());
      }
      String tail = run.error() == null ? stages.toString() : stages + "  error: " + run.error();
      out.append(
          String.format(
              "%6d  %-8s  %-11s  %-24s  %10s  %s%n",
              run.id(),
              Terminal.safe(run.trigger()),
              run.status().name(),
              run.startedAt(),
              took,
              Terminal.safe(tail)));
    }
    return out.toString().stripTrailing();
  }
}
