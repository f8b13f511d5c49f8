package dev.mcprisk.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * A server as the catalogue knows it: from a registry entry, or made up from a recorded {@code
 * tools/list} answer when no registry names it.
 *
 * <p>Identity (docs/design.md, "Identity and change"): {@link #id()} is the registry name
 * (reverse-DNS, {@code io.github.owner/name}) or, where there is none, {@code npm:<package>},
 * {@code pypi:<package>} or the remote URL.
 *
 * @param id stable server id; never blank
 * @param name display name (the registry name, or the package name); never null
 * @param title human title; may be null
 * @param description registry or server description; may be null
 * @param version entry version; may be null
 * @param repository source repository; may be null
 * @param packages install options, in entry order
 * @param remotes hosted endpoints, in entry order
 * @param source where the entry came from: {@code registry-seed-2025-05-16}, {@code registry},
 *     {@code snapshot}, {@code live}
 * @param status registry status: {@code active}, {@code deprecated} or {@code deleted}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServerEntry(
    @JsonProperty("id") String id,
    @JsonProperty("name") String name,
    @JsonProperty("title") String title,
    @JsonProperty("description") String description,
    @JsonProperty("version") String version,
    @JsonProperty("repository") Repository repository,
    @JsonProperty("packages") List<ServerPackage> packages,
    @JsonProperty("remotes") List<Remote> remotes,
    @JsonProperty("source") String source,
    @JsonProperty("status") String status) {

  public ServerEntry {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(source, "source == null");
    if (id.isBlank()) {
      throw new IllegalArgumentException("id is blank");
    }
    packages = List.copyOf(packages == null ? List.of() : packages);
    remotes = List.copyOf(remotes == null ? List.of() : remotes);
    status = status == null ? "active" : status;
  }

  /** The server id for an npm package without a registry entry: {@code npm:<package>}. */
  public static String npmId(String packageName) {
    return "npm:" + Objects.requireNonNull(packageName, "packageName == null");
  }
}
