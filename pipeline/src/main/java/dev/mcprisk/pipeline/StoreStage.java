package dev.mcprisk.pipeline;

import dev.mcprisk.model.ServerEntry;
import dev.mcprisk.store.CatalogueStore;
import dev.mcprisk.store.RefusedServer;
import dev.mcprisk.store.StoreException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stage 3: stores the servers and the tools stage's last batch of outcomes; the entries are dropped
 * from memory after. A server the store refuses (e.g. an id it cannot hold) becomes a REJECTED
 * failure.
 */
final class StoreStage {
  private StoreStage() {}

  /**
   * What the store stage wrote.
   *
   * @param servers servers stored (entries given, refused ones included)
   * @param crawls crawl results recorded this run
   * @param batches batches (transactions) they were written in
   * @param changes tool change events stored
   * @param crawlWriteMs milliseconds this stage spent writing the last batch
   */
  record Report(int servers, long crawls, long batches, int changes, long crawlWriteMs)
      implements StageReport {
    @Override
    public String result() {
      return servers
          + " servers, "
          + crawls
          + " crawl results recorded in "
          + batches
          + " batches, "
          + changes
          + " tool changes";
    }

    @Override
    public Map<String, Long> counts() {
      Map<String, Long> counts = new TreeMap<>();
      counts.put("servers", (long) servers);
      counts.put("crawls", crawls);
      counts.put("changes", (long) changes);
      counts.put("batches", batches);
      counts.put("crawlWriteMs", crawlWriteMs);
      return counts;
    }
  }

  static Report run(
      CatalogueStore store,
      Map<String, ServerEntry> entries,
      ToolCollector crawls,
      RunJournal journal)
      throws StoreException {
    long writing = crawls.storeMillis();
    for (RefusedServer r : store.upsertServers(entries.values()).refused()) {
      journal.fail(new Failure("store", r.id(), "REJECTED", "not stored: " + r.reason()));
    }
    crawls.flush();
    int servers = entries.size();
    entries.clear();
    int changes = Math.toIntExact(crawls.changes());
    journal.changes(changes);
    return new Report(
        servers, crawls.outcomes(), crawls.batches(), changes, crawls.storeMillis() - writing);
  }
}
