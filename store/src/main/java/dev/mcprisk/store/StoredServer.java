package dev.mcprisk.store;

import dev.mcprisk.model.CrawlSummary;
import dev.mcprisk.model.ServerEntry;
import java.util.List;
import java.util.Objects;

/**
 * A server as stored: its entry, its latest crawl and its current tools.
 *
 * @param entry the registry (or snapshot) entry; never null
 * @param latestCrawl the most recently recorded crawl, usable or not; null when never crawled
 * @param tools the current tool set sorted by name (ordinal string order); empty when none is known
 */
public record StoredServer(ServerEntry entry, CrawlSummary latestCrawl, List<StoredTool> tools) {
  public StoredServer {
    Objects.requireNonNull(entry, "entry == null");
    tools = List.copyOf(tools == null ? List.of() : tools);
  }
}
