package dev.mcprisk.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * An environment variable a package needs, from server.json {@code environmentVariables} (or the
 * 2025-05 seed's {@code environment_variables}).
 *
 * @param name variable name, never null
 * @param description what it is for; may be null
 * @param isRequired whether the server needs it to start
 * @param isSecret whether it holds a secret (token, password, key)
 * @param defaultValue its default; may be null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnvironmentVariable(
    @JsonProperty("name") String name,
    @JsonProperty("description") String description,
    @JsonProperty("isRequired") boolean isRequired,
    @JsonProperty("isSecret") boolean isSecret,
    @JsonProperty("default") String defaultValue) {
  public EnvironmentVariable {
    Objects.requireNonNull(name, "name == null");
  }
}
