package dev.mcprisk.export;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One tool of a server in {@code catalogue.json}, as read back. Unknown fields are ignored.
 *
 * @param name the tool name; never null
 * @param title title; null when absent
 * @param description description; null when absent
 * @param inputSchema the input schema as listed; null when absent
 * @param annotations the annotations object as the server declared it; null when absent
 * @param definitionHash SHA-256 of the canonical definition; null when absent
 * @param assessment the classifier's verdict; null when absent
 * @param policy the recommended rule; null in files written before it was added
 * @param firstSeen when the tool was first stored; null when unknown
 * @param lastChanged when its definition last changed; null when it never changed, or unknown
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExportedTool(
    @JsonProperty("name") String name,
    @JsonProperty("title") String title,
    @JsonProperty("description") String description,
    @JsonProperty("inputSchema") JsonNode inputSchema,
    @JsonProperty("annotations") JsonNode annotations,
    @JsonProperty("definitionHash") String definitionHash,
    @JsonProperty("assessment") ExportedAssessment assessment,
    @JsonProperty("policy") ExportedPolicy policy,
    @JsonProperty("firstSeen") Instant firstSeen,
    @JsonProperty("lastChanged") Instant lastChanged) {
  public ExportedTool {
    Objects.requireNonNull(name, "name == null");
    inputSchema = inputSchema == null || inputSchema.isNull() ? null : inputSchema;
    annotations = annotations == null || annotations.isNull() ? null : annotations;
  }
}
