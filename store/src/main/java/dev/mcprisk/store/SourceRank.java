package dev.mcprisk.store;

import java.util.Objects;

/**
 * Precedence of the sources of a {@link dev.mcprisk.model.ServerEntry}: a stored entry is replaced
 * only by an entry of the same or a higher rank, so a package registry or a recorded answer never
 * overwrites what the MCP Registry says about a server.
 *
 * <p>From high to low: {@value #REGISTRY_API} (and the bare {@code registry}) {@code 4}; bundled
 * registry seeds ({@code registry-seed}, {@code registry-seed-2025-05-16}, any name starting with
 * {@value #REGISTRY_SEED_PREFIX}) {@code 3}; package registries {@value #NPM}, {@value #PYPI}
 * {@code 2}; recorded and live answers ({@code snapshot}, {@code live}) and any other source {@code
 * 1}.
 *
 * <p>Stateless and thread-safe.
 */
public final class SourceRank {
  /** Source name of the live MCP Registry API crawl. */
  public static final String REGISTRY_API = "registry-api";

  /** Prefix of the bundled registry seeds' source names. */
  public static final String REGISTRY_SEED_PREFIX = "registry-seed";

  /** Source name of npm packument enrichment. */
  public static final String NPM = "npm";

  /** Source name of PyPI JSON enrichment. */
  public static final String PYPI = "pypi";

  /** Rank of the MCP Registry API. */
  public static final int RANK_REGISTRY_API = 4;

  /** Rank of a bundled registry seed. */
  public static final int RANK_REGISTRY_SEED = 3;

  /** Rank of a package registry. */
  public static final int RANK_PACKAGE_REGISTRY = 2;

  /** Rank of recorded or live answers and of unknown sources. */
  public static final int RANK_OTHER = 1;

  private SourceRank() {}

  /**
   * The rank of a source name (case-sensitive, as stored).
   *
   * @param source a source name; never null
   * @return 1 to 4, higher wins
   */
  public static int of(String source) {
    Objects.requireNonNull(source, "source == null");
    if (source.equals(REGISTRY_API) || source.equals("registry")) {
      return RANK_REGISTRY_API;
    }
    if (source.startsWith(REGISTRY_SEED_PREFIX)) {
      return RANK_REGISTRY_SEED;
    }
    if (source.equals(NPM) || source.equals(PYPI)) {
      return RANK_PACKAGE_REGISTRY;
    }
    return RANK_OTHER;
  }

  /** True when an entry from {@code incoming} may replace one stored from {@code stored}. */
  public static boolean mayReplace(String incoming, String stored) {
    return of(incoming) >= of(stored);
  }
}
