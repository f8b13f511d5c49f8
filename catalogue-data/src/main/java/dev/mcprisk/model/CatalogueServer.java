package dev.mcprisk.model;

import java.util.List;
import java.util.Objects;

/**
 * One server of the catalogue with its latest crawl and its assessed tools: the unit that the index
 * and the exports consume.
 *
 * @param server the entry; never null
 * @param crawl the latest crawl; null when the server was never crawled
 * @param tools its tools sorted by name (ordinal string order)
 */
public record CatalogueServer(ServerEntry server, CrawlSummary crawl, List<AssessedTool> tools) {
  public CatalogueServer {
    Objects.requireNonNull(server, "server == null");
    tools = List.copyOf(tools == null ? List.of() : tools);
  }
}
