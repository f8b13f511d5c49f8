package dev.mcprisk.store;

import dev.mcprisk.model.Category;
import dev.mcprisk.model.RiskLevel;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One page of server digests and tool counts, in server id order ({@link
 * CatalogueStore#assessmentPage}): what the pipeline needs to tell what changed since the last
 * index and export, and to count the catalogue, without reading a definition or parsing any JSON.
 *
 * @param servers up to the page size of servers sorted by id (ordinal string order); empty after
 *     the last page
 * @param toolsByOrigin the page's current tools by origin ({@code tools/list}, {@code readme}, ...)
 * @param categories the page's assessed tools by their cached assessment's category
 * @param riskLevels the page's assessed tools by their cached assessment's risk level
 * @param unassessedTools the page's tools with no cached assessment under the classifier version
 *     asked for (0 after the pipeline's classify stage)
 */
public record DigestPage(
    List<ServerDigest> servers,
    Map<String, Integer> toolsByOrigin,
    Map<Category, Integer> categories,
    Map<RiskLevel, Integer> riskLevels,
    int unassessedTools) {
  public DigestPage {
    servers = List.copyOf(Objects.requireNonNull(servers, "servers == null"));
    toolsByOrigin = Map.copyOf(Objects.requireNonNull(toolsByOrigin, "toolsByOrigin == null"));
    categories = Map.copyOf(Objects.requireNonNull(categories, "categories == null"));
    riskLevels = Map.copyOf(Objects.requireNonNull(riskLevels, "riskLevels == null"));
  }

  /** The id of the page's last server, where the next page starts after; null when empty. */
  public String lastServerId() {
    return servers.isEmpty() ? null : servers.get(servers.size() - 1).id();
  }
}
