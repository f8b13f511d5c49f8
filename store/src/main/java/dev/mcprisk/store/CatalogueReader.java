package dev.mcprisk.store;

import dev.mcprisk.model.ServerEntry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The read side of the catalogue that the pipeline's sources use while a run goes: the stored
 * server entries, the last complete crawl of a source and what the stored tools are. A source reads
 * through it and writes only through the pipeline's sinks, so it cannot change the store behind the
 * stages' backs. {@link CatalogueStore} implements it.
 *
 * <p>Thread-safety: {@link CatalogueStore}'s methods are {@code synchronized}, so one instance may
 * be shared by sources that crawl concurrently; an implementation must be as safe.
 */
public interface CatalogueReader {
  /**
   * Every stored server entry, ordered by id (43,000 entries are about 40 MB of heap).
   *
   * @return the entries; never null, may be empty
   * @throws StoreException when the read fails or a stored entry cannot be read back
   */
  List<ServerEntry> serverEntries() throws StoreException;

  /**
   * The start of the latest complete crawl of {@code source}: the {@code updated_since} of the next
   * incremental crawl.
   *
   * @param source e.g. {@code registry-api}; never null
   * @return empty when the source was never crawled completely
   * @throws StoreException when the read fails
   */
  Optional<Instant> lastCompleteCrawlStart(String source) throws StoreException;

  /**
   * Stored servers with {@code remotes} that were not crawled over HTTP ({@code streamable-http} or
   * {@code sse}) at or after {@code before}, never crawled so included; ordered by id.
   *
   * @param before the oldest crawl that still counts; never null
   * @return the entries; never null, may be empty
   * @throws StoreException when the read fails
   */
  List<ServerEntry> serversWithRemotesNotCrawledSince(Instant before) throws StoreException;

  /**
   * Whether the server has current tools of an origin other than {@code origin}, e.g. tools it
   * listed itself when {@code origin} is {@code readme}.
   *
   * @param serverId the server's id; never null
   * @param origin the tool origin to ignore; never null
   * @throws StoreException when the read fails
   */
  boolean hasToolsOtherThan(String serverId, String origin) throws StoreException;
}
