package dev.mcprisk.pipeline.source;

import dev.mcprisk.crawler.http.FetchResult;
import dev.mcprisk.crawler.packages.NpmPackageInfo;
import dev.mcprisk.crawler.packages.NpmPackument;
import dev.mcprisk.crawler.packages.NpmRegistry;
import dev.mcprisk.crawler.packages.PackageMetadataException;
import dev.mcprisk.model.ServerEntry;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The packuments of the npm packages the user lists ({@code --npm-package}), shared by the sources
 * of one run: {@link LaunchSource} runs before {@link PackageSource} (a launched server's own tool
 * list wins over its README), yet needs the {@code npm:<name>} entry that only a packument gives.
 * So the launch step reads the packument first, adds the entry, and leaves the fetched answer here
 * for {@link PackageSource}, which takes it instead of fetching the same URL again. Failures are
 * left for {@link PackageSource} to record, once.
 *
 * <p>Holds at most one answer per listed package, each until it is taken. Thread-safe.
 */
final class ListedPackages {
  private final CrawlSession session;
  private final Map<URI, FetchResult> fetched = new HashMap<>();

  ListedPackages(CrawlSession session) {
    this.session = Objects.requireNonNull(session, "session == null");
  }

  /**
   * The entry of listed package {@code name} as {@link PackageSource} makes it (stdio, latest
   * version), from its packument; null when the name is not an npm name or the packument cannot be
   * had or read (not recorded here: {@link PackageSource} records it when it reads the package).
   * The fetched answer is kept for {@link #fetch}.
   */
  ServerEntry npmEntry(NpmRegistry registry, String name) {
    URI url;
    try {
      url = registry.packumentUrl(name);
    } catch (IllegalArgumentException e) {
      return null;
    }
    FetchResult result = session.fetcher().get(PackageSource.SOURCE_NPM, url);
    synchronized (this) {
      fetched.put(url, result);
    }
    if (!result.ok()) {
      return null;
    }
    try {
      NpmPackageInfo info = NpmPackument.parse(result.body());
      return PackageSource.npmEntry(info);
    } catch (PackageMetadataException e) {
      return null;
    }
  }

  /**
   * The answer for {@code url}: the one {@link #npmEntry} fetched, handed over once, else a fresh
   * fetch by the session's fetcher.
   */
  FetchResult fetch(String source, URI url) {
    FetchResult earlier;
    synchronized (this) {
      earlier = fetched.remove(url);
    }
    return earlier != null ? earlier : session.fetcher().get(source, url);
  }
}
