package dev.mcprisk.crawler.mcp;

import dev.mcprisk.model.CrawlStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A benchmark, not a test: probes one Streamable HTTP server {@code count} times with {@code N}
 * crawls at once and prints servers crawled per second for each N. Start a server first, e.g.
 * {@code PORT=3001 node .../server-everything/dist/index.js streamableHttp}, then run with the test
 * classpath: {@code java dev.mcprisk.crawler.mcp.ProbeBenchmark http://127.0.0.1:3001/mcp 200 1 4
 * 16}.
 */
public final class ProbeBenchmark {

  private ProbeBenchmark() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    int count = Integer.parseInt(args[1]);
    ProbeOptions options = ProbeOptions.defaults().withAllowPrivateNetwork(true);
    McpProbe.probe(ProbeTarget.url(url, ProbeTransport.HTTP), options); // warm-up
    for (int i = 2; i < args.length; i++) {
      int concurrency = Integer.parseInt(args[i]);
      AtomicInteger ok = new AtomicInteger();
      ExecutorService pool =
          Executors.newFixedThreadPool(concurrency, r -> new Thread(r, "bench-probe"));
      long start = System.nanoTime();
      List<Future<?>> runs = new ArrayList<>();
      for (int n = 0; n < count; n++) {
        runs.add(
            pool.submit(
                () -> {
                  ProbeResult result =
                      McpProbe.probe(ProbeTarget.url(url, ProbeTransport.HTTP), options);
                  if (result.status() == CrawlStatus.OK) {
                    ok.incrementAndGet();
                  }
                }));
      }
      for (Future<?> run : runs) {
        run.get();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      pool.shutdown();
      System.out.printf(
          "N=%d: %d probes (%d OK) in %.2f s = %.1f servers/s%n",
          concurrency, count, ok.get(), seconds, count / seconds);
    }
  }
}
