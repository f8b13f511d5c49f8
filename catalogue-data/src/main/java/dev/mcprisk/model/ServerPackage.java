package dev.mcprisk.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * One way to install and start a server, from server.json {@code packages[]}.
 *
 * <p>Named {@code ServerPackage} rather than {@code Package} so it never shadows {@link
 * java.lang.Package}.
 *
 * @param registryType {@code npm}, {@code pypi}, {@code oci}, {@code nuget}, {@code mcpb}, {@code
 *     maven}, {@code docker} (2025-05 seed) or {@code unknown}; never null
 * @param identifier package name or URL in that registry; never null
 * @param version pinned version; may be null
 * @param runtimeHint e.g. {@code npx}, {@code uvx}, {@code docker}; may be null
 * @param transportType {@code stdio}, {@code streamable-http} or {@code sse}; may be null when the
 *     entry does not say
 * @param transportUrl URL for HTTP transports; may be null
 * @param environmentVariables variables the package reads, in entry order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServerPackage(
    @JsonProperty("registryType") String registryType,
    @JsonProperty("identifier") String identifier,
    @JsonProperty("version") String version,
    @JsonProperty("runtimeHint") String runtimeHint,
    @JsonProperty("transportType") String transportType,
    @JsonProperty("transportUrl") String transportUrl,
    @JsonProperty("environmentVariables") List<EnvironmentVariable> environmentVariables) {
  public ServerPackage {
    Objects.requireNonNull(registryType, "registryType == null");
    Objects.requireNonNull(identifier, "identifier == null");
    environmentVariables =
        List.copyOf(environmentVariables == null ? List.of() : environmentVariables);
  }
}
