package dev.mcprisk.pipeline.source;

import dev.mcprisk.crawler.http.CollectingFetchListener;
import dev.mcprisk.crawler.http.FetcherConfig;
import dev.mcprisk.crawler.http.PoliteFetcher;
import dev.mcprisk.crawler.packages.NpmConfigException;
import dev.mcprisk.crawler.packages.NpmConfigSources;
import dev.mcprisk.crawler.packages.NpmRegistry;
import dev.mcprisk.crawler.packages.NpmRegistryConfig;
import dev.mcprisk.model.FetchRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The HTTP side of one crawl: one {@link PoliteFetcher} shared by every registry source (so
 * per-host politeness holds across them), its HTTP cache under {@code <home>/}{@value
 * #HTTP_CACHE_DIR}, and the fetches it made, waiting to be written to the crawl log.
 *
 * <p>Thread-safe. Close it when the run ends.
 */
public final class CrawlSession implements AutoCloseable {
  /** Folder of the HTTP cache under the data home. */
  public static final String HTTP_CACHE_DIR = "http-cache";

  private final CrawlSettings settings;
  private final Path home;
  private final CollectingFetchListener fetches = new CollectingFetchListener();
  private PoliteFetcher fetcher;
  private NpmRegistry npmRegistry;

  /**
   * @param settings what to crawl and how; never null
   * @param home the data home; the HTTP cache lives under it
   */
  public CrawlSession(CrawlSettings settings, Path home) {
    this.settings = Objects.requireNonNull(settings, "settings == null");
    this.home = Objects.requireNonNull(home, "home == null");
  }

  /** The settings of this crawl. */
  public CrawlSettings settings() {
    return settings;
  }

  /** The data home. */
  public Path home() {
    return home;
  }

  /** The shared fetcher, made on first use. */
  public synchronized PoliteFetcher fetcher() {
    if (fetcher == null) {
      FetcherConfig config =
          FetcherConfig.defaults()
              .withPoliteness(settings.politeness())
              .withAllowPrivateNetwork(settings.allowPrivateNetwork())
              .withCache(home.resolve(HTTP_CACHE_DIR));
      fetcher = new PoliteFetcher(config, fetches);
    }
    return fetcher;
  }

  /**
   * The npm registry: {@link CrawlSettings#npmRegistryUrl()} when given, else the user's npm
   * configuration ({@link NpmRegistryConfig}: {@code NPM_CONFIG_REGISTRY}, {@code .npmrc} files,
   * {@code npm config get registry}), resolved once.
   *
   * @throws IOException when no registry is configured
   */
  public synchronized NpmRegistry npmRegistry() throws IOException {
    if (npmRegistry == null) {
      if (settings.npmRegistryUrl() != null) {
        npmRegistry = NpmRegistry.of(settings.npmRegistryUrl(), "--npm-registry");
      } else {
        try {
          npmRegistry =
              NpmRegistryConfig.resolve(NpmConfigSources.system(Path.of("").toAbsolutePath()));
        } catch (NpmConfigException e) {
          throw new IOException(e.getMessage(), e);
        }
      }
    }
    return npmRegistry;
  }

  /**
   * Writes the fetches made since the last call to the run's crawl log, through {@code sink}.
   *
   * @param sink the source's sink ({@link CrawlRecordSink#recordFetches}); never null
   * @return how many were written
   * @throws dev.mcprisk.pipeline.UncheckedStoreException when the sink cannot write them (they are
   *     not written again by a later call)
   */
  public int flushFetchLog(CrawlRecordSink sink) {
    Objects.requireNonNull(sink, "sink == null");
    List<FetchRecord> records = fetches.drain();
    if (!records.isEmpty()) {
      sink.recordFetches(records);
    }
    return records.size();
  }

  /**
   * Cancels the shared fetcher's fetches in flight and refuses later ones ({@link
   * PoliteFetcher#cancel()}); for a stop signal. Does nothing before the fetcher is made. Returns
   * at once.
   */
  public synchronized void cancelFetches() {
    if (fetcher != null) {
      fetcher.cancel();
    }
  }

  @Override
  public synchronized void close() {
    if (fetcher != null) {
      fetcher.close();
      fetcher = null;
    }
  }
}
