package dev.mcprisk.pipeline;

import dev.mcprisk.classifier.Classifier;
import dev.mcprisk.export.ExportFormat;
import dev.mcprisk.export.ExportOptions;
import dev.mcprisk.export.ExportStats;
import dev.mcprisk.export.Exporter;
import dev.mcprisk.store.CatalogueStore;
import dev.mcprisk.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * One export format written from the stored catalogue of a data home, outside a pipeline run
 * ({@code mcprisk export}): the tools are assessed first (cached assessments of the current
 * classifier version are reused, missing ones computed and saved, as in the classify stage), then
 * the catalogue is paged out of the store in id order into {@link Exporter#export}, so memory is
 * bounded by a page, not by the catalogue.
 *
 * <p>Not thread-safe against a pipeline run in the same home: the caller runs it while no run
 * writes the store.
 */
public final class StoredExport {
  private StoredExport() {}

  /**
   * Whether {@code home} holds a catalogue store (the H2 file {@code catalogue.mv.db}); an export
   * of a home without one has nothing to read.
   */
  public static boolean hasCatalogue(Path home) {
    return Files.isRegularFile(home.resolve(CatalogueStore.H2_FILE_STEM + ".mv.db"));
  }

  /**
   * Where {@code mcprisk run} writes {@code format} under the export folder {@code exportDir}: the
   * file {@value Exporter#CATALOGUE_FILE} or {@value Exporter#NDJSON_FILE}, or the folder {@value
   * Exporter#INTERCEPT_DIR} or {@value Exporter#POLICYLAYER_DIR}.
   */
  public static Path defaultTarget(Path exportDir, ExportFormat format) {
    return switch (format) {
      case CATALOGUE -> exportDir.resolve(Exporter.CATALOGUE_FILE);
      case NDJSON -> exportDir.resolve(Exporter.NDJSON_FILE);
      case INTERCEPT -> exportDir.resolve(Exporter.INTERCEPT_DIR);
      case POLICYLAYER -> exportDir.resolve(Exporter.POLICYLAYER_DIR);
    };
  }

  /**
   * Writes {@code format} of the catalogue stored in {@code home} to {@code target}.
   *
   * @param home the data home holding the catalogue store
   * @param format the export format
   * @param options profile, filters and policy switches
   * @param target the file (catalogue, ndjson) or folder (intercept, policylayer) to write; made
   *     absolute
   * @param now the export's {@code generatedAt}
   * @return what was written: servers, tools, bytes and (for Intercept) the rule counts
   * @throws StoreException when the store cannot be opened or read
   * @throws IOException when the target cannot be written
   */
  public static ExportStats write(
      Path home, ExportFormat format, ExportOptions options, Path target, Instant now)
      throws StoreException, IOException {
    Objects.requireNonNull(target, "target == null");
    try (CatalogueStore store = CatalogueStore.open(home)) {
      Classifier classifier = Classifier.loadDefault();
      CatalogueAssembler.assessAll(store, classifier, lastId -> {});
      StoredCatalogue catalogue = new StoredCatalogue(store, classifier);
      return Exporter.export(
          format,
          catalogue,
          options,
          target.toAbsolutePath(),
          now,
          Classifier.VERSION,
          catalogue.history());
    } catch (UncheckedStoreException e) {
      throw e.getCause();
    }
  }
}
