package dev.mcprisk.crawler.registry;

import dev.mcprisk.model.ServerEntry;
import java.util.List;

/**
 * What {@link RegistrySeedReader#read} made of one file.
 *
 * @param entries one entry per distinct server name (its highest version), in the order each name
 *     first appears
 * @param rejected entries that could not be read, and whole-file failures (index {@code -1})
 * @param superseded entries dropped because the same name appeared with a higher (or equal, and
 *     earlier) version; not failures
 * @param trimmed texts of entries cut to their limit ({@link EntryLimits#trim}), {@code >= 0}
 */
public record RegistryReadResult(
    List<ServerEntry> entries, List<RejectedEntry> rejected, int superseded, int trimmed) {
  public RegistryReadResult {
    if (trimmed < 0) {
      throw new IllegalArgumentException("trimmed < 0: " + trimmed);
    }
    entries = List.copyOf(entries == null ? List.of() : entries);
    rejected = List.copyOf(rejected == null ? List.of() : rejected);
    if (superseded < 0) {
      throw new IllegalArgumentException("superseded < 0: " + superseded);
    }
  }
}
