package dev.mcprisk.crawler.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.mcprisk.crawler.http.CollectingFetchListener;
import dev.mcprisk.crawler.http.FetcherConfig;
import dev.mcprisk.crawler.http.PoliteFetcher;
import dev.mcprisk.crawler.http.Politeness;
import dev.mcprisk.files.FileTrees;
import dev.mcprisk.store.CatalogueStore;
import dev.mcprisk.store.ServerUpsert;
import dev.mcprisk.store.StoreException;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Crawls a 43,000-entry registry served on loopback (JDK HttpServer, pages of 100 prebuilt from the
 * real seeds with varied names) with {@link Politeness#unthrottled()} and private networks allowed,
 * and prints entries per second, pages, seconds and heap. Run by hand with the test class path:
 * {@code java -Xmx1g -cp <test classpath> dev.mcprisk.crawler.registry.RegistryCrawlBenchmark
 * [entries] [rounds]}.
 */
public final class RegistryCrawlBenchmark {
  /** Entries served by default: 43,000 (the registry's size in 2026). */
  static final int DEFAULT_ENTRIES = 43_000;

  /** Crawls per run by default: 3 (the first warms the JIT). */
  static final int DEFAULT_ROUNDS = 3;

  private RegistryCrawlBenchmark() {}

  public static void main(String[] args) throws IOException {
    int entries = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_ENTRIES;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_ROUNDS;
    List<byte[]> pages = pages(entries);
    long servedBytes = pages.stream().mapToLong(p -> p.length).sum();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    AtomicInteger requests = new AtomicInteger();
    server.createContext(
        "/v0.1/servers",
        exchange -> {
          requests.incrementAndGet();
          String query = exchange.getRequestURI().getRawQuery();
          int index = 0;
          for (String part : query.split("&")) {
            if (part.startsWith("cursor=c")) {
              index = Integer.parseInt(part.substring("cursor=c".length()));
            }
          }
          byte[] body = pages.get(index);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    ExecutorService threads = Executors.newFixedThreadPool(2);
    server.setExecutor(threads);
    server.start();
    URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    System.out.printf(
        "serving %d entries in %d pages (%.1f MB) on %s; %s, %d cores, Java %s%n",
        entries,
        pages.size(),
        servedBytes / 1e6,
        base,
        System.getProperty("os.arch"),
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    FetcherConfig config =
        FetcherConfig.defaults()
            .withPoliteness(Politeness.unthrottled())
            .withAllowPrivateNetwork(true);
    try {
      for (int round = 1; round <= rounds; round++) {
        for (boolean streaming : new boolean[] {true, false}) {
          System.gc();
          long heapBefore = usedHeap();
          CollectingFetchListener log = new CollectingFetchListener();
          AtomicInteger seen = new AtomicInteger();
          long start = System.nanoTime();
          long cpuStart = processCpuNanos();
          RegistryCrawlResult result;
          try (PoliteFetcher fetcher = new PoliteFetcher(config, log)) {
            RegistryApiCrawler crawler = new RegistryApiCrawler(fetcher, base);
            result =
                streaming
                    ? crawler.crawl(null, 0, e -> seen.incrementAndGet())
                    : crawler.crawl(null, 0);
          }
          double seconds = (System.nanoTime() - start) / 1e9;
          double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
          long heapAfter = usedHeap();
          int read = result.entriesRead();
          System.out.printf(
              "round %d %-9s: %d entries (%d kept), %d pages, complete=%s, %.2f s, %.0f entries/s,"
                  + " process CPU %.2f s (server included), %d fetch records, heap %d MB after"
                  + " (%+d MB)%n",
              round,
              streaming ? "streaming" : "list",
              read,
              streaming ? seen.get() : result.entries().size(),
              result.pages(),
              result.complete(),
              seconds,
              read / seconds,
              cpuSeconds,
              log.size(),
              heapAfter >> 20,
              (heapAfter - heapBefore) >> 20);
          if (!result.complete()) {
            System.out.println("  failure: " + result.failure());
          }
          if (!streaming && round == rounds) {
            store(result, log);
          }
        }
      }
    } finally {
      server.stop(0);
      threads.shutdownNow();
    }
  }

  /** Stores the entries and the fetch log in a fresh H2 store, twice, and prints the times. */
  private static void store(RegistryCrawlResult result, CollectingFetchListener log)
      throws IOException {
    Path home = Files.createTempDirectory("mcprisk-bench-");
    try (CatalogueStore store = CatalogueStore.open(home)) {
      for (int pass = 1; pass <= 2; pass++) {
        long start = System.nanoTime();
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        ServerUpsert upsert = store.upsertServers(result.entries(), null, Instant.now());
        double upsertSeconds = (System.nanoTime() - start) / 1e9;
        double upsertCpu = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        start = System.nanoTime();
        store.recordFetches(null, log.drain());
        double logSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
            "store pass %d: upsertServers %.2f s (calling thread CPU %.2f s; %s), recordFetches %.3f s%n",
            pass, upsertSeconds, upsertCpu, upsert, logSeconds);
      }
    } catch (StoreException e) {
      throw new IOException(e);
    } finally {
      FileTrees.deleteQuietly(home);
    }
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static long usedHeap() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Pages of 100 entries: the real seeds' entries in turn, each name made unique. */
  static List<byte[]> pages(int entries) {
    List<JsonNode> real = new ArrayList<>();
    for (JsonNode e : RegistryPages.bundled("seed_2025_05_16.json")) {
      if (!e.path("name").asText().isBlank()) {
        real.add(e);
      }
    }
    real.addAll(RegistryPages.bundled("seed.json"));
    List<byte[]> pages = new ArrayList<>();
    List<JsonNode> page = new ArrayList<>();
    for (int i = 0; i < entries; i++) {
      ObjectNode entry = real.get(i % real.size()).deepCopy();
      entry.put("name", entry.get("name").asText() + "-" + i);
      page.add(RegistryPages.wrap(entry, i % 50 == 0 ? "deprecated" : "active"));
      if (page.size() == RegistryApiCrawler.PAGE_LIMIT || i == entries - 1) {
        boolean last = i == entries - 1;
        String body = RegistryPages.page(page, last ? "" : "c" + (pages.size() + 1));
        pages.add(body.getBytes(StandardCharsets.UTF_8));
        page = new ArrayList<>();
      }
    }
    return pages;
  }
}
