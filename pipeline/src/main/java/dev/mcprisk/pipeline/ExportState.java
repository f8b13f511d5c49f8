package dev.mcprisk.pipeline;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mcprisk.export.ExportStats;
import dev.mcprisk.export.Exporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the last successful export stage wrote: saved as {@code <home>/export.state.json} right
 * after the export folder was swapped into place, read by the next run to skip an unchanged export.
 *
 * @param stateVersion {@link #VERSION} of the file's shape
 * @param schemaVersion the catalogue file's schema version ({@code
 *     CatalogueJsonWriter.SCHEMA_VERSION})
 * @param classifierVersion the classifier version of the exported assessments
 * @param fingerprint {@link CatalogueTally#exportFingerprint} of the exported catalogue
 * @param stats what that export wrote, reported again when it is skipped
 * @param files {@link #stampOf} the export folder right after that export: a different stamp means
 *     something else (e.g. {@code mcprisk export}) wrote there since
 * @param servers each exported server's export digest ({@link
 *     dev.mcprisk.store.ServerDigest#exportDigest}) by id: what the next run compares to update
 *     only the servers that changed
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ExportState(
    @JsonProperty("stateVersion") int stateVersion,
    @JsonProperty("schemaVersion") String schemaVersion,
    @JsonProperty("classifierVersion") String classifierVersion,
    @JsonProperty("fingerprint") String fingerprint,
    @JsonProperty("stats") ExportStats stats,
    @JsonProperty("files") String files,
    @JsonProperty("servers") Map<String, String> servers) {
  /**
   * Shape version of {@code export.state.json}; another value is read as no state (the export is
   * written anew). 2: adds {@code servers}.
   */
  static final int VERSION = 2;

  /** File name under the data home. */
  static final String FILE = "export.state.json";

  ExportState {
    Objects.requireNonNull(schemaVersion, "schemaVersion == null");
    Objects.requireNonNull(classifierVersion, "classifierVersion == null");
    Objects.requireNonNull(fingerprint, "fingerprint == null");
    Objects.requireNonNull(stats, "stats == null");
    Objects.requireNonNull(files, "files == null");
    servers =
        java.util.Collections.unmodifiableMap(new TreeMap<>(servers == null ? Map.of() : servers));
  }

  /**
   * The size and modification time of each file and folder the pipeline's export writes at the top
   * of {@code exportDir} (a replaced file or a file renamed into a folder changes them); "-" for
   * one that is missing.
   */
  static String stampOf(Path exportDir) {
    StringBuilder stamp = new StringBuilder();
    for (String name :
        List.of(
            Exporter.CATALOGUE_FILE,
            Exporter.NDJSON_FILE,
            Exporter.INTERCEPT_DIR,
            Exporter.POLICYLAYER_DIR)) {
      Path p = exportDir.resolve(name);
      stamp.append(name).append('=');
      try {
        stamp
            .append(Files.getLastModifiedTime(p).toMillis())
            .append('/')
            .append(Files.isRegularFile(p) ? Files.size(p) : 0);
      } catch (IOException e) {
        stamp.append('-');
      }
      stamp.append(';');
    }
    return stamp.toString();
  }
}
