package dev.mcprisk.pipeline;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the last successful index stage indexed: saved as {@code <home>/index.state.json} right
 * after the index commit (or swap), read by the next run to update only what changed.
 *
 * @param stateVersion {@link #VERSION} of the file's shape
 * @param indexFormat the index's field model version ({@code IndexDefaults.INDEX_FORMAT_VERSION})
 * @param classifierVersion the classifier version of the indexed assessments
 * @param indexCommit {@link IndexPlan#commitOf} the index right after the commit: a different value
 *     means another process wrote the index since
 * @param catalogueFingerprint SHA-256 over every server's index digest
 * @param servers each indexed server's index digest ({@link
 *     dev.mcprisk.store.ServerDigest#indexDigest}) by id
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record IndexState(
    @JsonProperty("stateVersion") int stateVersion,
    @JsonProperty("indexFormat") String indexFormat,
    @JsonProperty("classifierVersion") String classifierVersion,
    @JsonProperty("indexCommit") List<String> indexCommit,
    @JsonProperty("catalogueFingerprint") String catalogueFingerprint,
    @JsonProperty("servers") Map<String, String> servers) {
  /**
   * Shape version of {@code index.state.json}; another value is read as no state (the index is
   * rebuilt). 2: the servers' index digests from the store replaced the fingerprints of the
   * assembled servers.
   */
  static final int VERSION = 2;

  /** File name under the data home. */
  static final String FILE = "index.state.json";

  IndexState {
    Objects.requireNonNull(indexFormat, "indexFormat == null");
    Objects.requireNonNull(classifierVersion, "classifierVersion == null");
    Objects.requireNonNull(catalogueFingerprint, "catalogueFingerprint == null");
    indexCommit = List.copyOf(indexCommit == null ? List.of() : indexCommit);
    servers =
        java.util.Collections.unmodifiableMap(new TreeMap<>(servers == null ? Map.of() : servers));
  }
}
