package dev.mcprisk.store;

import java.util.Objects;

/**
 * What the incremental index and export stages compare of one stored server between runs ({@link
 * CatalogueStore#assessmentPage}).
 *
 * @param id the server id
 * @param source the source of its registry entry ({@code registry-api}, {@code snapshot}, ...)
 * @param tools its current tools
 * @param indexDigest lower-case hex SHA-256 of everything the index holds of it: the entry's stored
 *     JSON text; its latest crawl's status, reason, method and protocol version; and, per current
 *     tool by name, the name, definition hash and origin. A tool's assessment is not read: under
 *     one classifier version it is a function of the definition hash (cached once, never rewritten)
 *     and the origin, and a new classifier version rebuilds the index anyway
 * @param exportDigest lower-case hex SHA-256 of {@code indexDigest} and the latest crawl's time:
 *     what the export writes of it besides the tool dates, which change only with a crawl that
 *     finds new definitions (and so moves the crawl time)
 */
public record ServerDigest(
    String id, String source, int tools, String indexDigest, String exportDigest) {
  public ServerDigest {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(source, "source == null");
    Objects.requireNonNull(indexDigest, "indexDigest == null");
    Objects.requireNonNull(exportDigest, "exportDigest == null");
    if (tools < 0) {
      throw new IllegalArgumentException("tools < 0: " + tools);
    }
  }
}
