package dev.mcprisk.crawler.registry;

import dev.mcprisk.model.ServerEntry;
import java.util.List;
import java.util.Objects;

/**
 * One page of the registry API's server list, as read by {@link RegistrySeedReader#readPage}.
 *
 * @param entries the page's readable entries, in page order
 * @param rejected entries that could not be read (index within the page)
 * @param nextCursor {@code metadata.nextCursor}; empty when the listing ends here
 * @param failure why the page as a whole could not be read; empty when it could
 * @param trimmed texts of the page's entries cut to their limit ({@link EntryLimits#trim}), {@code
 *     >= 0}
 */
public record RegistryPage(
    List<ServerEntry> entries,
    List<RejectedEntry> rejected,
    String nextCursor,
    String failure,
    int trimmed) {
  public RegistryPage {
    if (trimmed < 0) {
      throw new IllegalArgumentException("trimmed < 0: " + trimmed);
    }
    entries = List.copyOf(entries == null ? List.of() : entries);
    rejected = List.copyOf(rejected == null ? List.of() : rejected);
    nextCursor = Objects.requireNonNullElse(nextCursor, "");
    failure = Objects.requireNonNullElse(failure, "");
  }

  /** A page that could not be read at all. */
  static RegistryPage failed(String reason) {
    return new RegistryPage(List.of(), List.of(), "", reason, 0);
  }
}
