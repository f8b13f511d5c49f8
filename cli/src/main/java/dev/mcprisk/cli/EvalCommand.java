package dev.mcprisk.cli;

import dev.mcprisk.classifier.Classifier;
import dev.mcprisk.classifier.eval.EvalReport;
import dev.mcprisk.classifier.eval.Evaluation;
import dev.mcprisk.classifier.eval.LabelSet;
import dev.mcprisk.classifier.eval.LabelledTool;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mcprisk eval}: measures the classifier against labelled real tools. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = {
      "Measures the classifier against labelled bundled tools; annotations are removed before"
          + " classifying. Prints accuracy, per-category precision and recall, a confusion matrix,"
          + " the share of Other, Destructive recall and read-only agreement with the authors'"
          + " readOnlyHint.",
      "Labels: classifier/src/test/resources/eval/labels.jsonl (see the README there)."
    })
final class EvalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--labels",
      required = true,
      paramLabel = "FILE",
      description = "JSON Lines labels file: {server, tool, category, riskLevel, split, note}.")
  Path labels;

  @Option(
      names = "--split",
      paramLabel = "S",
      description = "Which labelled items to measure: dev, holdout or all. Default: all.")
  String split = "all";

  @Option(names = "--json", description = "Print the report as JSON.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!LabelSet.SELECTIONS.contains(split)) {
      err.println("mcprisk eval: --split must be one of " + LabelSet.SELECTIONS);
      return Main.EXIT_USAGE;
    }
    List<LabelledTool> items;
    try {
      items = LabelSet.load(labels).select(split);
    } catch (IOException | IllegalArgumentException e) {
      err.println("mcprisk eval: " + e.getMessage());
      return Main.EXIT_FAILURE;
    }
    EvalReport report = Evaluation.evaluate(items, Classifier.loadDefault());
    out.println(json ? report.toJson() : report.toText());
    return Main.EXIT_OK;
  }
}
