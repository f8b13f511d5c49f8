package dev.mcprisk.model;

/**
 * Where a server entry or a tool set came from, as stored and exported: an entry's {@link
 * ServerEntry#source()}, a crawl's method and the {@code origin} of a server's tools in
 * catalogue.json. One home for these names, which the crawler, the store and the pipeline share.
 */
public final class Origins {
  /** A recorded {@code tools/list} answer (bundled or {@code --snapshot-dir}). */
  public static final String SNAPSHOT = "snapshot";

  /** A live {@code tools/list} crawl (stdio, Streamable HTTP or SSE). */
  public static final String LIVE = "live";

  /** Tools documented in a package's README (a lower-confidence origin). */
  public static final String README = "readme";

  /** Registry entries in the current server.json shape, from the bundled seed files. */
  public static final String REGISTRY_SEED = "registry-seed";

  /** Registry entries of the registry's first seed file (2025-05-16, snake_case shape). */
  public static final String REGISTRY_SEED_2025 = "registry-seed-2025-05-16";

  private Origins() {}
}
