package dev.mcprisk.crawler.http;

import dev.mcprisk.model.FetchRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link FetchListener} that keeps records until they are drained, e.g. to write them to the
 * crawl log in batches ({@code CatalogueStore.recordFetches}). Thread-safe.
 */
public final class CollectingFetchListener implements FetchListener {
  private final List<FetchRecord> records = new ArrayList<>();

  @Override
  public synchronized void onFetch(FetchRecord record) {
    records.add(record);
  }

  /** The records collected since the last drain, in arrival order; the list is then emptied. */
  public synchronized List<FetchRecord> drain() {
    List<FetchRecord> out = List.copyOf(records);
    records.clear();
    return out;
  }

  /** Records waiting to be drained. */
  public synchronized int size() {
    return records.size();
  }
}
