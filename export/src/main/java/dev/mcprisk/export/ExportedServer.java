package dev.mcprisk.export;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mcprisk.model.Remote;
import dev.mcprisk.model.ServerPackage;
import java.util.List;
import java.util.Objects;

/**
 * One element of {@code servers} in {@code catalogue.json} (one line of {@code catalogue.ndjson}),
 * as read back. Unknown fields are ignored.
 *
 * @param id server id; never null
 * @param name display name; null when absent
 * @param description registry description; null when absent
 * @param source where the entry came from; null when absent
 * @param packages install options; empty when absent
 * @param remotes hosted endpoints; empty when absent
 * @param crawl the latest crawl; null when never crawled
 * @param tools the tools; empty when absent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExportedServer(
    @JsonProperty("id") String id,
    @JsonProperty("name") String name,
    @JsonProperty("description") String description,
    @JsonProperty("source") String source,
    @JsonProperty("packages") List<ServerPackage> packages,
    @JsonProperty("remotes") List<Remote> remotes,
    @JsonProperty("crawl") ExportedCrawl crawl,
    @JsonProperty("tools") List<ExportedTool> tools) {
  public ExportedServer {
    Objects.requireNonNull(id, "id == null");
    packages = List.copyOf(packages == null ? List.of() : packages);
    remotes = List.copyOf(remotes == null ? List.of() : remotes);
    tools = List.copyOf(tools == null ? List.of() : tools);
  }
}
