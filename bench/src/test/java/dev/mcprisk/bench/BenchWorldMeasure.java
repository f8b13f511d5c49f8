package dev.mcprisk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcprisk.crawler.mcp.McpProbe;
import dev.mcprisk.crawler.mcp.ProbeOptions;
import dev.mcprisk.crawler.mcp.ProbeResult;
import dev.mcprisk.crawler.mcp.ProbeTarget;
import dev.mcprisk.crawler.mcp.ProbeTransport;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.CrawlStatus;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Measures the local world by hand (not a test): generation, tool making, registry pages/s and
 * fleet crawl servers/s with the project's client at 1, 4 and 16 concurrent crawls. Run from cli/
 * after {@code mvn test-compile}: {@code java -Xmx1g -cp target/test-classes:target/classes:$(cat
 * cp.txt) dev.mcprisk.bench.BenchWorldMeasure [servers [crawled]]} where cp.txt comes from {@code
 * mvn dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test}.
 */
public final class BenchWorldMeasure {
  private BenchWorldMeasure() {}

  public static void main(String[] args) throws Exception {
    int servers = args.length > 0 ? Integer.parseInt(args[0]) : 43_000;
    int crawled = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
    long start = System.nanoTime();
    RealParts.get();
    System.out.printf("read the bundled parts: %.2f s%n", seconds(start));
    start = System.nanoTime();
    SyntheticCatalogue catalogue = SyntheticCatalogue.generate(servers, 1);
    System.out.printf("generate %d servers: %.2f s%n", servers, seconds(start));
    start = System.nanoTime();
    long tools = catalogue.totalTools();
    System.out.printf("count %d tools: %.2f s%n", tools, seconds(start));
    int sample = Math.min(servers, 10_000);
    for (int n = 0; n < sample; n++) {
      catalogue.tools(n);
    }
    start = System.nanoTime();
    long made = 0;
    for (int n = 0; n < sample; n++) {
      made += catalogue.tools(n).size();
    }
    double s = seconds(start);
    System.out.printf("make %d tools: %.2f s (%.0f tools/s)%n", made, s, made / s);
    try (LocalWorld world = LocalWorld.start(catalogue)) {
      registry(world);
      registry(world);
      ProbeOptions options = ProbeOptions.defaults().withAllowPrivateNetwork(true);
      crawl(world, options, 1, Math.min(200, crawled), 0);
      String levels = args.length > 2 ? args[2] : "1,4,16";
      for (String level : levels.split(",")) {
        crawl(world, options, Integer.parseInt(level), crawled, 200);
      }
      System.out.printf(
          "fleet: %d requests, %d tools served; registry: %d requests%n",
          world.fleetRequests(), world.fleet().toolsServed(), world.registryRequests());
    }
  }

  private static void registry(LocalWorld world) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    long start = System.nanoTime();
    int pages = 0;
    int entries = 0;
    String cursor = null;
    do {
      String uri =
          world.registryBaseUrl()
              + LocalRegistry.SERVERS_PATH
              + "?limit=100&version=latest"
              + (cursor == null
                  ? ""
                  : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(URI.create(uri)).build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode page = Json.parse(response.body());
      pages++;
      entries += page.get("servers").size();
      cursor = page.get("metadata").path("nextCursor").asText(null);
    } while (cursor != null);
    double s = seconds(start);
    System.out.printf(
        "registry: %d pages, %d entries in %.2f s (%.0f pages/s)%n", pages, entries, s, pages / s);
  }

  private static void crawl(
      LocalWorld world, ProbeOptions options, int concurrency, int count, int offset)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    long start = System.nanoTime();
    List<Future<long[]>> results = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int n = (offset + i) % world.catalogue().servers();
      results.add(
          pool.submit(
              () -> {
                ProbeResult r =
                    McpProbe.probe(
                        ProbeTarget.url(world.fleetBaseUrl() + "/mcp/" + n, ProbeTransport.HTTP),
                        options);
                if (r.status() != CrawlStatus.OK) {
                  System.out.println("  not OK: " + n + " " + r.outcome().reason());
                  return new long[] {0, 0};
                }
                return new long[] {1, r.outcome().tools().size()};
              }));
    }
    long ok = 0;
    long tools = 0;
    for (Future<long[]> result : results) {
      long[] r = result.get();
      ok += r[0];
      tools += r[1];
    }
    double s = seconds(start);
    pool.shutdown();
    System.out.printf(
        "crawl at %2d concurrent: %d servers (%d OK, %d tools) in %.2f s: %.1f servers/s%n",
        concurrency, count, ok, tools, s, count / s);
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
