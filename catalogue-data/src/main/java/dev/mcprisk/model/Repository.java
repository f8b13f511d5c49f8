package dev.mcprisk.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A server's source repository, as server.json's {@code repository} object.
 *
 * @param url repository URL, may be null
 * @param source hosting service, e.g. {@code github}; may be null
 * @param subfolder path inside a monorepo; may be null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Repository(
    @JsonProperty("url") String url,
    @JsonProperty("source") String source,
    @JsonProperty("subfolder") String subfolder) {}
