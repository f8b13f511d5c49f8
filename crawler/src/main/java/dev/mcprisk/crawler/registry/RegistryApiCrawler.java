package dev.mcprisk.crawler.registry;

import dev.mcprisk.crawler.http.CrawlBudget;
import dev.mcprisk.crawler.http.FetchResult;
import dev.mcprisk.crawler.http.PoliteFetcher;
import dev.mcprisk.model.ServerEntry;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Crawls the official MCP Registry's server list
 * (https://github.com/modelcontextprotocol/registry/blob/main/docs/reference/api/openapi.yaml):
 * {@code GET {base}/v0.1/servers?limit=100&version=latest[&updated_since=RFC 3339][&cursor=...]},
 * page after page until {@code metadata.nextCursor} is empty or missing.
 *
 * <p>Entries are read by {@link RegistrySeedReader#readPage} (both entry shapes) with source
 * {@value #SOURCE}; the official {@code _meta} status ({@code active}, {@code deprecated}, {@code
 * deleted}) becomes {@link ServerEntry#status()}, and deprecated and deleted entries are kept. An
 * incremental crawl passes {@code updatedSince} (the registry then includes deleted entries).
 *
 * <p>Robustness: a page that fails (an HTTP failure after the fetcher's retries, a body that is not
 * a page, a body over the fetcher's limit) ends the listing with {@link
 * RegistryCrawlResult#failure()} set, and every entry already read is kept; an unreadable entry is
 * a {@link RejectedEntry} and the rest of its page goes on. A cursor seen twice, more than {@link
 * #MAX_PAGES} pages, the crawl's {@link CrawlBudget} (bytes and wall time, checked before each
 * page) and the caller's {@link CrawlControl#stopReason()} end the listing too; {@link
 * RegistryCrawlResult#end()} says which.
 *
 * <p>A page whose body is not a page, or whose next cursor repeats, is logged as a {@code REJECTED}
 * fetch with the reason ({@link PoliteFetcher#get(String, URI, Map, java.util.function.Function)}),
 * so {@code crawl-log --failed} shows it.
 *
 * <p>Politeness, limits, the cache and the crawl log are the {@link PoliteFetcher}'s. Thread-safe
 * (no state besides the fetcher, which is thread-safe); one crawl runs on the calling thread.
 */
public final class RegistryApiCrawler {
  /** The public registry. */
  public static final String DEFAULT_BASE_URL = "https://registry.modelcontextprotocol.io";

  /** Source name of entries and fetches of this crawl. */
  public static final String SOURCE = "registry-api";

  /** Path of the list endpoint under the base URL. */
  public static final String LIST_PATH = "/v0.1/servers";

  /** Entries asked for per page: 100, the API's maximum. */
  public static final int PAGE_LIMIT = 100;

  /** Most pages of one crawl: 5,000 (500,000 entries; the registry had about 43,000 in 2026). */
  public static final int MAX_PAGES = 5_000;

  /** Characters of a repeated cursor quoted in the crawl log's reason: 200. */
  static final int MAX_CURSOR_CHARS_SHOWN = 200;

  private final PoliteFetcher fetcher;
  private final String base;
  private final CrawlBudget budget;

  /**
   * A crawler with the {@link CrawlBudget#DEFAULT} budget.
   *
   * @param fetcher the fetcher of every page; never null, not closed by this crawler
   * @param baseUrl the registry's base URL, e.g. {@link #DEFAULT_BASE_URL} or a local copy; a path
   *     prefix is kept, a trailing slash dropped
   */
  public RegistryApiCrawler(PoliteFetcher fetcher, URI baseUrl) {
    this(fetcher, baseUrl, CrawlBudget.DEFAULT);
  }

  /**
   * @param fetcher the fetcher of every page; never null, not closed by this crawler
   * @param baseUrl the registry's base URL, e.g. {@link #DEFAULT_BASE_URL} or a local copy; a path
   *     prefix is kept, a trailing slash dropped
   * @param budget bytes and wall time of each crawl; never null
   */
  public RegistryApiCrawler(PoliteFetcher fetcher, URI baseUrl, CrawlBudget budget) {
    this.fetcher = Objects.requireNonNull(fetcher, "fetcher == null");
    this.budget = Objects.requireNonNull(budget, "budget == null");
    Objects.requireNonNull(baseUrl, "baseUrl == null");
    String b = baseUrl.toString();
    while (b.endsWith("/")) {
      b = b.substring(0, b.length() - 1);
    }
    if (!baseUrl.isAbsolute() || b.isEmpty()) {
      throw new IllegalArgumentException("base URL is not absolute: " + baseUrl);
    }
    this.base = b;
  }

  /**
   * Crawls the list and returns the entries, one per server id (the highest version when an id
   * repeats across pages).
   *
   * @param updatedSince only entries updated since then ({@code updated_since}); null for all
   * @param maxEntries stop after this many entries (the crawl is then not complete); 0 for all
   * @return entries and how the listing ended; never null, never throws for network or data
   *     problems
   */
  public RegistryCrawlResult crawl(Instant updatedSince, int maxEntries) {
    Map<String, ServerEntry> byId = new LinkedHashMap<>();
    RegistryCrawlResult streamed =
        crawl(
            updatedSince,
            maxEntries,
            entry -> {
              ServerEntry earlier = byId.get(entry.id());
              if (earlier == null || Versions.compare(entry.version(), earlier.version()) > 0) {
                byId.put(entry.id(), entry);
              }
            });
    return new RegistryCrawlResult(
        new ArrayList<>(byId.values()),
        streamed.rejected(),
        streamed.pages(),
        streamed.complete(),
        streamed.failure(),
        streamed.startedAt(),
        streamed.entriesRead(),
        streamed.end(),
        streamed.bytesRead(),
        streamed.trimmed());
  }

  /**
   * Crawls the list, handing each entry to {@code sink} as its page is read (so 43,000 entries are
   * not held twice); the result's entries are empty. An id may reach the sink twice when the
   * listing changes during the crawl.
   *
   * @param updatedSince only entries updated since then ({@code updated_since}); null for all
   * @param maxEntries stop after this many entries (the crawl is then not complete); 0 for all
   * @param sink receives entries in listing order, on the calling thread
   * @return how the listing ended; never null
   */
  public RegistryCrawlResult crawl(
      Instant updatedSince, int maxEntries, Consumer<ServerEntry> sink) {
    return crawl(updatedSince, maxEntries, CrawlControl.NONE, sink);
  }

  /**
   * Crawls the list as {@link #crawl(Instant, int, Consumer)} does, asking {@code control} between
   * pages whether to go on.
   *
   * @param updatedSince only entries updated since then ({@code updated_since}); null for all
   * @param maxEntries stop after this many entries (the crawl is then not complete); 0 for all
   * @param control told of each page read and asked before each page whether to stop; never null
   * @param sink receives entries in listing order, on the calling thread
   * @return how the listing ended; never null
   */
  public RegistryCrawlResult crawl(
      Instant updatedSince, int maxEntries, CrawlControl control, Consumer<ServerEntry> sink) {
    Objects.requireNonNull(control, "control == null");
    Objects.requireNonNull(sink, "sink == null");
    if (maxEntries < 0) {
      throw new IllegalArgumentException("maxEntries < 0: " + maxEntries);
    }
    Instant startedAt = Instant.now();
    long startNanos = System.nanoTime();
    List<RejectedEntry> rejected = new ArrayList<>();
    Set<String> cursors = new HashSet<>();
    String cursor = "";
    int pages = 0;
    int read = 0;
    int trimmed = 0;
    long bytes = 0;
    CrawlEnd end = CrawlEnd.COMPLETE;
    String failure = "";
    while (true) {
      String stop = control.stopReason();
      if (stop != null) {
        end = CrawlEnd.STOPPED;
        failure = "stopped by " + stop + " after " + pages + " pages";
        break;
      }
      String overBudget = overBudget(bytes, System.nanoTime() - startNanos, pages);
      if (overBudget != null) {
        end = CrawlEnd.BUDGET_EXCEEDED;
        failure = overBudget;
        break;
      }
      if (pages >= MAX_PAGES) {
        end = CrawlEnd.PAGE_CAP;
        failure = "stopped after the cap of " + MAX_PAGES + " pages";
        break;
      }
      URI url = pageUrl(updatedSince, cursor);
      RegistryPage[] parsed = new RegistryPage[1];
      long[] answered = new long[1];
      FetchResult fetched =
          fetcher.get(
              SOURCE,
              url,
              Map.of("Accept", "application/json"),
              answer -> {
                answered[0] = answer.body().length;
                parsed[0] = RegistrySeedReader.readPage(SOURCE, answer.text());
                return refusal(parsed[0], cursors);
              });
      bytes += parsed[0] != null ? answered[0] : fetched.body().length;
      String where =
          "page " + (pages + 1) + (cursor.isEmpty() ? "" : " (cursor " + shown(cursor) + ")");
      RegistryPage page = parsed[0];
      if (page == null) {
        String stopped = control.stopReason();
        end = stopped == null ? CrawlEnd.PAGE_FAILED : CrawlEnd.STOPPED;
        failure =
            stopped == null
                ? where + ": " + fetched.outcome() + " " + fetched.reason()
                : "stopped by " + stopped + " during " + where;
        break;
      }
      if (!page.failure().isEmpty()) {
        end = CrawlEnd.PAGE_FAILED;
        failure = where + ": " + page.failure();
        break;
      }
      pages++;
      trimmed += page.trimmed();
      for (RejectedEntry r : page.rejected()) {
        rejected.add(new RejectedEntry(r.source(), r.index(), where + ": " + r.reason()));
      }
      boolean limited = false;
      for (ServerEntry entry : page.entries()) {
        if (maxEntries > 0 && read >= maxEntries) {
          limited = true;
          break;
        }
        sink.accept(entry);
        read++;
      }
      control.pageRead(pages, url, page.rejected());
      String next = page.nextCursor();
      if (limited || (!next.isEmpty() && maxEntries > 0 && read >= maxEntries)) {
        end = CrawlEnd.ENTRY_LIMIT;
        failure = "stopped at the limit of " + maxEntries + " entries";
        break;
      }
      if (next.isEmpty()) {
        break;
      }
      if (!cursors.add(next)) {
        end = CrawlEnd.CURSOR_LOOP;
        failure = where + ": " + fetched.reason();
        break;
      }
      cursor = next;
    }
    return new RegistryCrawlResult(
        List.of(),
        rejected,
        pages,
        end == CrawlEnd.COMPLETE,
        failure,
        startedAt,
        read,
        end,
        bytes,
        trimmed);
  }

  /** Why the budget is spent after {@code bytes} and {@code nanos}, or null while it is not. */
  private String overBudget(long bytes, long nanos, int pages) {
    if (bytes >= budget.maxBytes()) {
      return CrawlEnd.BUDGET_EXCEEDED
          + ": "
          + bytes
          + " bytes read in "
          + pages
          + " pages, the budget is "
          + budget.maxBytes()
          + " bytes per crawl";
    }
    if (nanos >= budget.maxTime().toNanos()) {
      return CrawlEnd.BUDGET_EXCEEDED
          + ": "
          + TimeUnit.NANOSECONDS.toMillis(nanos)
          + " ms spent on "
          + pages
          + " pages, the budget is "
          + budget.maxTime().toMillis()
          + " ms per crawl";
    }
    return null;
  }

  /**
   * Why the crawl log records a page's fetch as {@code REJECTED} (its body is not a page, or its
   * next cursor was followed before), or an empty string. The entries of a page with a repeated
   * cursor are still read; the listing stops after it.
   */
  private static String refusal(RegistryPage page, Set<String> followed) {
    if (!page.failure().isEmpty()) {
      return page.failure();
    }
    String next = page.nextCursor();
    if (!next.isEmpty() && followed.contains(next)) {
      return "cursor loop: the next cursor "
          + shown(next)
          + " was followed before; the listing stops here";
    }
    return "";
  }

  /**
   * {@code cursor} cut to {@link #MAX_CURSOR_CHARS_SHOWN} chars: the cursor is the registry's text,
   * and the crawl log's redaction and the run's failures must not get a megabyte.
   */
  private static String shown(String cursor) {
    return cursor.length() <= MAX_CURSOR_CHARS_SHOWN
        ? cursor
        : cursor.substring(0, MAX_CURSOR_CHARS_SHOWN) + "...";
  }

  /** The URL of one page. */
  URI pageUrl(Instant updatedSince, String cursor) {
    StringBuilder url =
        new StringBuilder(base).append(LIST_PATH).append("?limit=").append(PAGE_LIMIT);
    url.append("&version=latest");
    if (updatedSince != null) {
      url.append("&updated_since=")
          .append(encode(updatedSince.truncatedTo(ChronoUnit.SECONDS).toString()));
    }
    if (!cursor.isEmpty()) {
      url.append("&cursor=").append(encode(cursor));
    }
    return URI.create(url.toString());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
