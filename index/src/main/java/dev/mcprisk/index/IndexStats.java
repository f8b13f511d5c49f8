package dev.mcprisk.index;

/**
 * What one {@link CatalogueIndexer#rebuild} wrote.
 *
 * @param servers server documents written, ≥ 0
 * @param tools tool documents written, ≥ 0
 * @param bytes size of the committed index on disk, in bytes, ≥ 0
 * @param millis wall-clock time of the whole rebuild including the swap, in milliseconds, ≥ 0
 */
public record IndexStats(int servers, int tools, long bytes, long millis) {
  public IndexStats {
    if (servers < 0 || tools < 0 || bytes < 0 || millis < 0) {
      throw new IllegalArgumentException(
          "negative stat: servers="
              + servers
              + " tools="
              + tools
              + " bytes="
              + bytes
              + " millis="
              + millis);
    }
  }
}
