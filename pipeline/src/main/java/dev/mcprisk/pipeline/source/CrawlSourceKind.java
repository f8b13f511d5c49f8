package dev.mcprisk.pipeline.source;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The live sources {@code mcprisk crawl --source} and {@code mcprisk run --source} can read. */
public enum CrawlSourceKind {
  /** The official MCP Registry API ({@code GET /v0.1/servers}), incrementally by default. */
  REGISTRY,
  /** npm packuments of the npm packages entries name, and of packages the user lists. */
  NPM,
  /** PyPI JSON of the PyPI packages entries name, and of packages the user lists. */
  PYPI,
  /**
   * Tools documented in a package's README (from its npm packument or PyPI description), for
   * servers with no tools from a live or recorded {@code tools/list}.
   */
  README,
  /** {@code tools/list} over Streamable HTTP or SSE of entries with {@code remotes}. */
  REMOTES;

  /** Its name on the command line: {@code registry}, {@code npm}, ... */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses one command-line value: a source name or {@code all}.
   *
   * @throws IllegalArgumentException naming the accepted values when {@code value} is none of them
   */
  public static Set<CrawlSourceKind> parse(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.equals("all")) {
      return EnumSet.allOf(CrawlSourceKind.class);
    }
    for (CrawlSourceKind kind : values()) {
      if (kind.cliName().equals(v)) {
        return EnumSet.of(kind);
      }
    }
    throw new IllegalArgumentException(
        "unknown source '" + value + "': use registry, npm, pypi, readme, remotes or all");
  }
}
