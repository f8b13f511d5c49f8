package dev.mcprisk.pipeline.source;

import dev.mcprisk.crawler.registry.CrawlControl;
import dev.mcprisk.crawler.registry.CrawlEnd;
import dev.mcprisk.crawler.registry.RegistryApiCrawler;
import dev.mcprisk.crawler.registry.RegistryCrawlResult;
import dev.mcprisk.crawler.registry.RejectedEntry;
import dev.mcprisk.model.FetchRecord;
import dev.mcprisk.model.ServerEntry;
import dev.mcprisk.pipeline.StopSignal;
import dev.mcprisk.pipeline.UncheckedStoreException;
import dev.mcprisk.store.RefusedServer;
import dev.mcprisk.store.StoreException;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Stage 1 source reading the official MCP Registry API ({@code GET /v0.1/servers}, every page by
 * cursor, {@code version=latest}). Incremental: unless told otherwise it asks only for entries
 * {@code updated_since} the start of the last complete crawl recorded in the store, so a nightly
 * run reads a few pages instead of 430.
 *
 * <p>Entries are written to the store page by page as they are read ({@link
 * EntrySink#upsertServers}, besides {@link EntrySink#accept}), and the crawl is recorded as
 * complete ({@link EntrySink#recordSourceCrawl}) only after that, so a run that fails later never
 * makes the next incremental crawl skip entries it did not keep. A failed page ends the listing
 * with a {@code REJECTED} failure naming the page; the entries already read are kept. So does the
 * crawl's byte or time budget ({@link CrawlSettings#budget()}), with a reason starting {@code
 * BUDGET_EXCEEDED}. An entry the store refuses (a value longer than its column) is a {@code
 * REJECTED} failure too; the rest are stored.
 *
 * <p>The fetch log is written after every page, so a run stopped or failed later keeps the fetches
 * it made; each entry a page rejects adds a {@value #REJECTED_OUTCOME} row with its reason. A stop
 * signal cancels the fetch in flight and ends the listing before the next page.
 */
public final class RegistryApiSource implements EntrySource {
  /** Entries written to the store at once. */
  public static final int STORE_BATCH = 500;

  /**
   * Outcome of the fetch-log row of an entry rejected from a page that was fetched (HTTP 200, no
   * bytes, no attempts of its own).
   */
  public static final String REJECTED_OUTCOME = "REJECTED";

  private final CrawlSession session;

  public RegistryApiSource(CrawlSession session) {
    this.session = Objects.requireNonNull(session, "session == null");
  }

  @Override
  public String name() {
    return RegistryApiCrawler.SOURCE;
  }

  @Override
  public void read(SourceContext ctx, EntrySink sink) throws IOException {
    CrawlSettings settings = session.settings();
    Instant since;
    try {
      since = since(ctx, settings);
    } catch (StoreException e) {
      throw new IOException("cannot read the last registry crawl from the store: " + e, e);
    }
    RegistryApiCrawler crawler =
        new RegistryApiCrawler(session.fetcher(), settings.registryUrl(), settings.budget());
    CrawlProgress progress = settings.progress("registry entries", 0);
    List<ServerEntry> batch = new ArrayList<>();
    RegistryCrawlResult result;
    StopSignal.Registration cancelOnStop = ctx.stop().onStop(session::cancelFetches);
    try {
      result =
          crawler.crawl(
              since,
              settings.limit(),
              control(ctx, sink),
              entry -> {
                sink.accept(entry);
                batch.add(entry);
                progress.advance(1);
                if (batch.size() >= STORE_BATCH) {
                  store(sink, batch);
                }
              });
      store(sink, batch);
    } finally {
      cancelOnStop.close();
      progress.finish();
      session.flushFetchLog(sink); // a store failure here is the run's (it ends FAILED)
    }
    for (RejectedEntry r : result.rejected()) {
      sink.rejected(
          name() + (r.index() >= 0 ? " entry #" + r.index() : ""), Objects.toString(r.reason()));
    }
    if (!result.complete() && result.end() != CrawlEnd.STOPPED) {
      sink.rejected(name() + " " + settings.registryUrl(), result.failure());
    }
    sink.count(SourceCount.REGISTRY_PAGES, result.pages());
    sink.count(SourceCount.REGISTRY_ENTRIES, result.entriesRead());
    sink.count(SourceCount.REGISTRY_INCREMENTAL, since == null ? 0 : 1);
    if (result.trimmed() > 0) {
      sink.count(SourceCount.TRIMMED, result.trimmed());
    }
    try {
      // A listing cut by --limit is not complete: the next crawl must not skip what it left out.
      sink.recordSourceCrawl(
          name(),
          result.startedAt(),
          ctx.clock().instant(),
          result.complete() && settings.limit() == 0,
          result.entriesRead());
    } catch (UncheckedStoreException e) {
      throw new IOException("cannot record the registry crawl: " + e.getCause(), e.getCause());
    }
  }

  /** Between pages: the fetch log so far is written, and a raised stop signal ends the listing. */
  private CrawlControl control(SourceContext ctx, EntrySink sink) {
    return new CrawlControl() {
      @Override
      public void pageRead(int pagesRead, URI url, List<RejectedEntry> rejected) {
        session.flushFetchLog(sink); // a store failure here is the run's (it ends FAILED)
        recordRejected(ctx, sink, url, rejected);
      }

      @Override
      public String stopReason() {
        return ctx.stop().stopRequested() ? ctx.stop().reason() : null;
      }
    };
  }

  /**
   * Adds a {@value #REJECTED_OUTCOME} row to the fetch log per rejected entry of a page, after the
   * page's own row, so {@code crawl-log --failed} lists each with its reason.
   */
  private void recordRejected(
      SourceContext ctx, EntrySink sink, URI url, List<RejectedEntry> rejected) {
    if (rejected.isEmpty()) {
      return;
    }
    List<FetchRecord> rows = new ArrayList<>();
    Instant at = ctx.clock().instant();
    for (RejectedEntry r : rejected) {
      String reason = "entry #" + r.index() + " rejected: " + r.reason();
      rows.add(
          new FetchRecord(
              at, name(), url.toString(), 200, 0, 0, REJECTED_OUTCOME, reason, 0, false));
    }
    sink.recordFetches(rows); // a store failure here is the run's (it ends FAILED)
  }

  private static Instant since(SourceContext ctx, CrawlSettings settings) throws StoreException {
    if (settings.since() != null) {
      return settings.since();
    }
    if (settings.full()) {
      return null;
    }
    Optional<Instant> last = ctx.store().lastCompleteCrawlStart(RegistryApiCrawler.SOURCE);
    return last.orElse(null);
  }

  /**
   * Stores a batch of entries at once, so a run that ends before the store stage keeps them: the
   * listing may already be recorded as complete, and the next incremental crawl would not ask for
   * them again. The store stage stores them again with the run's other entries (the highest version
   * of each id wins there).
   */
  private void store(EntrySink sink, List<ServerEntry> batch) {
    if (batch.isEmpty()) {
      return;
    }
    // a store failure is the run's: the pipeline ends the run with it as FAILED
    for (RefusedServer r : sink.upsertServers(batch).refused()) {
      sink.rejected(name() + " " + r.id(), "not stored: " + r.reason());
    }
    batch.clear();
  }
}
