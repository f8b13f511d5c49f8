package dev.mcprisk.store;

import java.util.List;
import java.util.Objects;

/**
 * One page of the current tools for the classify stage, by server id ({@link
 * CatalogueStore#assessmentPage}).
 *
 * @param lastServerId the id of the page's last server, where the next page starts after; null when
 *     the page is empty (no servers after the one asked for)
 * @param servers servers in the page
 * @param cachedHashes the definition hash of each current tool of the page's servers that has a
 *     cached assessment, one element per tool (repeated when tools share a definition)
 * @param toAssess the page's current tools without a cached assessment, by server id then name
 * @param digests the page's server digests and tool counts, read by the same queries; its {@code
 *     unassessedTools} are {@code toAssess}, whose categories and risk levels the classify stage
 *     adds once it has assessed them
 */
public record AssessmentPage(
    String lastServerId,
    int servers,
    List<String> cachedHashes,
    List<ToolToAssess> toAssess,
    DigestPage digests) {
  public AssessmentPage {
    Objects.requireNonNull(digests, "digests == null");
    cachedHashes = List.copyOf(Objects.requireNonNull(cachedHashes, "cachedHashes == null"));
    toAssess = List.copyOf(Objects.requireNonNull(toAssess, "toAssess == null"));
  }
}
