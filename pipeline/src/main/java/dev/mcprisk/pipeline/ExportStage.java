package dev.mcprisk.pipeline;

import dev.mcprisk.classifier.Classifier;
import dev.mcprisk.export.CatalogueJsonWriter;
import dev.mcprisk.export.ExportOptions;
import dev.mcprisk.export.ExportStats;
import dev.mcprisk.export.Exporter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stage 6: brings the export folder up to date as {@link ExportPlan#decide} says. A skipped export
 * keeps its earlier files, so {@code generatedAt} in {@code catalogue.json} and the policy dates
 * stay those of the run that last changed something: intended, the catalogue is the same. An update
 * ({@link Exporter#update}) writes only the changed servers' lines and policy files and copies the
 * other lines; a rewrite ({@link Exporter#writeAll}) writes the whole folder anew.
 *
 * <p>Crash safety: as for the index, the state file ({@value ExportState#FILE}) is deleted before
 * the export is written and saved only after the export folder was swapped into place or updated; a
 * run that finds no state writes the folder anew.
 */
final class ExportStage {
  private ExportStage() {}

  /**
   * What the export stage did.
   *
   * @param plan what it decided
   * @param stats what the folder holds (the last export's figures when unchanged)
   * @param servers servers in the catalogue
   */
  record Report(ExportPlan plan, ExportStats stats, int servers) implements StageReport {
    @Override
    public String result() {
      String how =
          switch (plan.kind()) {
            case UNCHANGED -> "unchanged, skipped: ";
            case UPDATE ->
                "updated "
                    + plan.changed().size()
                    + " servers, "
                    + plan.removed().size()
                    + " removed, "
                    + (servers - plan.changed().size())
                    + " unchanged (copied): ";
            case REWRITE -> "";
          };
      return how
          + "catalogue.json, "
          + stats.interceptFiles()
          + " Intercept and "
          + stats.policyLayerFiles()
          + " PolicyLayer files, "
          + stats.bytes()
          + " bytes";
    }

    @Override
    public Map<String, Long> counts() {
      Map<String, Long> counts = new TreeMap<>();
      counts.put("interceptFiles", (long) stats.interceptFiles());
      counts.put("policyLayerFiles", (long) stats.policyLayerFiles());
      counts.put("bytes", stats.bytes());
      counts.put("skipped", plan.kind() == ExportPlan.Kind.UNCHANGED ? 1L : 0L);
      counts.put("updated", plan.kind() == ExportPlan.Kind.UPDATE ? 1L : 0L);
      long written =
          switch (plan.kind()) {
            case UNCHANGED -> 0;
            case UPDATE -> plan.changed().size();
            case REWRITE -> servers;
          };
      counts.put("serversWritten", written);
      return counts;
    }
  }

  static Report run(
      PipelineConfig config, Clock clock, StoredCatalogue catalogue, CatalogueTally tally)
      throws IOException {
    Path stateFile = config.home().resolve(ExportState.FILE);
    ExportPlan plan =
        ExportPlan.decide(
            config.exportDir(),
            StateFiles.read(stateFile, ExportState.class, ExportState.VERSION),
            tally);
    if (plan.kind() == ExportPlan.Kind.UNCHANGED) {
      return new Report(plan, plan.last().orElseThrow().stats(), tally.servers());
    }
    StateFiles.delete(stateFile);
    ExportStats stats =
        plan.kind() == ExportPlan.Kind.UPDATE
            ? Exporter.update(
                config.exportDir(),
                catalogue.only(plan.changed()),
                plan.removed(),
                clock.instant(),
                Classifier.VERSION,
                ExportOptions.DEFAULTS,
                catalogue.history(),
                plan.last().orElseThrow().stats())
            : Exporter.writeAll(
                config.exportDir(),
                catalogue,
                clock.instant(),
                Classifier.VERSION,
                ExportOptions.DEFAULTS,
                catalogue.history());
    StateFiles.write(
        stateFile,
        new ExportState(
            ExportState.VERSION,
            CatalogueJsonWriter.SCHEMA_VERSION,
            Classifier.VERSION,
            tally.exportFingerprint(),
            stats,
            ExportState.stampOf(config.exportDir()),
            tally.exportDigests()));
    return new Report(plan, stats, tally.servers());
  }
}
