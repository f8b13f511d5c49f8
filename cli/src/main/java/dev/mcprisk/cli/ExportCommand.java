package dev.mcprisk.cli;

import dev.mcprisk.export.ExportFormat;
import dev.mcprisk.export.ExportOptions;
import dev.mcprisk.export.ExportStats;
import dev.mcprisk.export.policy.PolicyAdvisor;
import dev.mcprisk.export.policy.PolicyProfile;
import dev.mcprisk.model.RiskLevel;
import dev.mcprisk.pipeline.StoredExport;
import dev.mcprisk.store.StoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mcprisk export}: writes one export format from the stored catalogue. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Writes one export of the stored catalogue (run `mcprisk run` first).",
      "catalogue and ndjson write one file; intercept and policylayer write one file per server"
          + " with tools into a folder (other files in it are left alone)."
    })
final class ExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin HomeOption home;

  @Option(
      names = "--format",
      required = true,
      paramLabel = "FORMAT",
      description = "catalogue, ndjson, intercept or policylayer.")
  String format;

  @Option(
      names = "--profile",
      paramLabel = "P",
      description = "strict, balanced or permissive (see README). Default: balanced.")
  String profile = "balanced";

  @Option(names = "--default-deny", description = "Policies refuse every tool they do not list.")
  boolean defaultDeny;

  @Option(
      names = "--hide-destructive",
      description = "Hide Destructive tools (removed from tools/list) instead of denying them.")
  boolean hideDestructive;

  @Option(
      names = "--min-risk",
      paramLabel = "LEVEL",
      description = "Only tools of this risk level or above (Low, Medium, High, Critical).")
  String minRisk;

  @Option(names = "--server", paramLabel = "NAME", description = "Only this server (id or name).")
  String server;

  @Option(
      names = "--out",
      paramLabel = "PATH",
      description =
          "File (catalogue, ndjson) or folder (intercept, policylayer). Default: the same place"
              + " under <home>/export as `mcprisk run` writes it.")
  Path out;

  @Override
  public Integer call() throws IOException, StoreException {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    ExportFormat exportFormat;
    PolicyProfile policyProfile;
    ExportOptions options;
    try {
      exportFormat = ExportFormat.parse(format);
      policyProfile = PolicyProfile.parse(profile);
      options =
          ExportOptions.DEFAULTS
              .withProfile(
                  policyProfile.label(),
                  t -> PolicyAdvisor.recommend(t.tool(), t.assessment(), policyProfile))
              .withDefaultDeny(defaultDeny)
              .withHideDestructive(hideDestructive)
              .withMinRisk(minRisk == null ? RiskLevel.LOW : RiskLevel.parse(minRisk))
              .withServer(server);
    } catch (IllegalArgumentException e) {
      stderr.println("mcprisk export: " + e.getMessage());
      return Main.EXIT_USAGE;
    }
    Path homeDir = home.resolve();
    if (!StoredExport.hasCatalogue(homeDir)) {
      stderr.println(
          "mcprisk export: no catalogue in "
              + homeDir
              + ": run `mcprisk run` first (or pass --home)");
      return Main.EXIT_FAILURE;
    }
    Path target =
        out == null ? StoredExport.defaultTarget(homeDir.resolve("export"), exportFormat) : out;
    ExportStats stats =
        StoredExport.write(homeDir, exportFormat, options, target, Clock.systemUTC().instant());
    if (server != null && stats.servers() == 0) {
      stderr.println("mcprisk export: no server with tools has the id or name '" + server + "'");
      return Main.EXIT_FAILURE;
    }
    stdout.printf(
        "%s: %d servers, %d tools, %d bytes -> %s%n",
        exportFormat.label(), stats.servers(), stats.tools(), stats.bytes(), target);
    if (exportFormat == ExportFormat.INTERCEPT) {
      stdout.printf(
          "rules: %d deny, %d hide, %d rate_limit, %d exists, %d allow%n",
          stats.rules().deny(),
          stats.rules().hide(),
          stats.rules().rateLimit(),
          stats.rules().exists(),
          stats.rules().allow());
    }
    return Main.EXIT_OK;
  }
}
