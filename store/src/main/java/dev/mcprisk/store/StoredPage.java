package dev.mcprisk.store;

import dev.mcprisk.model.Assessment;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One page of the stored catalogue, in server id order ({@link CatalogueStore#cataloguePage}).
 *
 * @param servers up to the page size of servers sorted by id (ordinal string order), each with its
 *     latest crawl and its current tools sorted by name; empty after the last page
 * @param assessments cached assessments of the page's tools by definition hash, under the
 *     classifier version asked for; a hash without one is missing
 * @param history first seen, last seen and last changed of every tool (current or not) of the
 *     page's servers
 */
public record StoredPage(
    List<StoredServer> servers,
    Map<String, Assessment> assessments,
    Map<ToolKey, ToolHistory> history) {
  public StoredPage {
    servers = List.copyOf(Objects.requireNonNull(servers, "servers == null"));
    assessments = Map.copyOf(Objects.requireNonNull(assessments, "assessments == null"));
    history = Map.copyOf(Objects.requireNonNull(history, "history == null"));
  }

  /** The id of the page's last server, where the next page starts after; null when empty. */
  public String lastServerId() {
    return servers.isEmpty() ? null : servers.get(servers.size() - 1).entry().id();
  }
}
