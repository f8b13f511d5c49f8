package dev.mcprisk.export;

import dev.mcprisk.model.CatalogueServer;
import java.util.Iterator;

/** Servers and tools of an iterable, counted as it is iterated (once). Not thread-safe. */
final class CountedServers implements Iterable<CatalogueServer> {
  private final Iterable<CatalogueServer> all;
  int servers;
  long tools;

  CountedServers(Iterable<CatalogueServer> all) {
    this.all = all;
  }

  @Override
  public Iterator<CatalogueServer> iterator() {
    Iterator<CatalogueServer> it = all.iterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public CatalogueServer next() {
        CatalogueServer next = it.next();
        servers++;
        tools += next.tools().size();
        return next;
      }
    };
  }
}
