package dev.mcprisk.export;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;

/**
 * The top-level fields of {@code catalogue.json} (and the first line of {@code catalogue.ndjson}),
 * as {@link CatalogueJsonReader} reads them.
 *
 * @param schemaVersion the document's shape, {@code "1"}; never null
 * @param generatedAt when the catalogue was generated; never null
 * @param classifierVersion version of the classifier; never null
 * @param policyProfile the profile of the {@code policy} fields; null in files written before it
 *     was added
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CatalogueHeader(
    @JsonProperty("schemaVersion") String schemaVersion,
    @JsonProperty("generatedAt") Instant generatedAt,
    @JsonProperty("classifierVersion") String classifierVersion,
    @JsonProperty("policyProfile") String policyProfile) {
  public CatalogueHeader {
    Objects.requireNonNull(schemaVersion, "schemaVersion == null");
    Objects.requireNonNull(generatedAt, "generatedAt == null");
    Objects.requireNonNull(classifierVersion, "classifierVersion == null");
  }
}
