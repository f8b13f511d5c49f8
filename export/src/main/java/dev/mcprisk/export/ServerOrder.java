package dev.mcprisk.export;

import dev.mcprisk.model.CatalogueServer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The order and selection of the servers an export iterates: sorted by id (ordinal), checked to be
 * in id order, and filtered by {@link ExportOptions#select}; the checked and filtered views are
 * lazy, so a streamed catalogue is iterated once.
 *
 * <p>Thread-safety: stateless; each returned iterator belongs to the thread that iterates it.
 */
final class ServerOrder {
  private ServerOrder() {}

  /** A new list of {@code servers} sorted by id (ordinal string order). */
  static List<CatalogueServer> sortedById(Collection<CatalogueServer> servers) {
    List<CatalogueServer> sorted = new ArrayList<>(servers);
    sorted.sort(Comparator.comparing(s -> s.server().id(), Comparator.<String>naturalOrder()));
    return sorted;
  }

  /**
   * {@code servers}, lazily, checking that each id sorts after the previous one.
   *
   * @throws IllegalArgumentException (from the iterator) when one does not
   */
  static Iterable<CatalogueServer> inIdOrder(Iterable<CatalogueServer> servers) {
    return () ->
        new Iterator<>() {
          private final Iterator<CatalogueServer> all = servers.iterator();
          private String previous;

          @Override
          public boolean hasNext() {
            return all.hasNext();
          }

          @Override
          public CatalogueServer next() {
            CatalogueServer next = all.next();
            String id = next.server().id();
            if (previous != null && previous.compareTo(id) > 0) {
              throw new IllegalArgumentException(
                  "servers are not in id order: '" + id + "' after '" + previous + "'");
            }
            previous = id;
            return next;
          }
        };
  }

  /**
   * The servers {@code options} selects, as selected, lazily and in the order of {@code servers}.
   */
  static Iterable<CatalogueServer> selected(
      Iterable<CatalogueServer> servers, ExportOptions options) {
    return () ->
        new Iterator<>() {
          private final Iterator<CatalogueServer> all = servers.iterator();
          private CatalogueServer next;

          @Override
          public boolean hasNext() {
            while (next == null && all.hasNext()) {
              next = options.select(all.next()).orElse(null);
            }
            return next != null;
          }

          @Override
          public CatalogueServer next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            CatalogueServer out = next;
            next = null;
            return out;
          }
        };
  }
}
