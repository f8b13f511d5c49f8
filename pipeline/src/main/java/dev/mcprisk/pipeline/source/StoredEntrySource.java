package dev.mcprisk.pipeline.source;

import dev.mcprisk.model.ServerEntry;
import dev.mcprisk.store.StoreException;
import java.io.IOException;

/**
 * Stage 1 source for a crawl that does not read the registry ({@code mcprisk crawl --source
 * npm,remotes}): every server entry already in the store, so the package and remote sources have
 * something to crawl.
 */
public final class StoredEntrySource implements EntrySource {
  /** The source's name in counts and failures. */
  public static final String NAME = "stored";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void read(SourceContext ctx, EntrySink sink) throws IOException {
    try {
      int n = 0;
      for (ServerEntry entry : ctx.store().serverEntries()) {
        sink.accept(entry);
        n++;
      }
      sink.count(SourceCount.STORED_ENTRIES, n);
    } catch (StoreException e) {
      throw new IOException("cannot read stored servers: " + e.getMessage(), e);
    }
  }
}
