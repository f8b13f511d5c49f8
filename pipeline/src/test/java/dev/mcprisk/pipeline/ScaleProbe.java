package dev.mcprisk.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcprisk.bundled.BundledData;
import dev.mcprisk.crawler.mcp.CrawlLimits;
import dev.mcprisk.json.Json;
import dev.mcprisk.store.CatalogueStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Measures the nightly pipeline at scale, by hand (not a test): writes a synthetic snapshot folder
 * of N servers (the bundled recorded answers replicated with renamed packages and lightly varied
 * tool descriptions) and runs the whole pipeline on it offline, printing each stage's seconds, the
 * highest heap in use during it (sum of the heap pools' peaks) and the most heap still live after a
 * garbage collection, and after each run the size of the H2 file.
 *
 * <p>Run with: {@code java -Xmx1g -cp <cli classes, test classes, dependencies>
 * dev.mcprisk.pipeline.ScaleProbe <servers> <work dir> [runs]}. A throwaway replication: the
 * project's real synthetic catalogue is the {@code bench} generator.
 */
public final class ScaleProbe {
  private ScaleProbe() {}

  /** Entry point: {@code <servers> <work dir> [runs, default 1]}. */
  public static void main(String[] args) throws Exception {
    int servers = Integer.parseInt(args[0]);
    Path work = Path.of(args[1]);
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    Path snapshots = work.resolve("snapshots-" + servers);
    long tools = writeSnapshots(snapshots, servers);
    System.out.println("synthetic snapshots: " + servers + " servers, " + tools + " tools");
    AtomicLong liveAfterGc = watchGc();
    for (int run = 1; run <= runs; run++) {
      Path home = work.resolve("home-" + servers);
      PipelineConfig config =
          new PipelineConfig(
              home,
              true,
              snapshots,
              home.resolve("servers"),
              true,
              CrawlLimits.defaults(),
              PipelineConfig.TRIGGER_MANUAL);
      resetPeaks();
      liveAfterGc.set(0);
      long start = System.nanoTime();
      StageMeter meter = new StageMeter(liveAfterGc);
      RunSummary summary = new Pipeline(config, meter.stream(), Clock.systemUTC()).run();
      Path h2File = home.resolve(CatalogueStore.H2_FILE_STEM + ".mv.db");
      System.out.printf(
          "run %d: %s, %d servers, %d tools, %.1f s total, peak heap %d MiB, H2 file %d MiB%n",
          run,
          summary.status(),
          summary.servers(),
          summary.tools(),
          (System.nanoTime() - start) / 1e9,
          meter.maxPeak() >> 20,
          (Files.exists(h2File) ? Files.size(h2File) : 0) >> 20);
    }
  }

  /** Writes {@code servers} snapshot files into {@code dir} unless it is already there. */
  static long writeSnapshots(Path dir, int servers) throws IOException {
    List<ObjectNode> bases = new ArrayList<>();
    for (String file : BundledData.list(BundledData.TOOLS_LIST)) {
      try (InputStream in = BundledData.open(BundledData.TOOLS_LIST, file)) {
        bases.add((ObjectNode) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      }
    }
    long tools = 0;
    for (int i = 0; i < servers; i++) {
      int size = bases.get(i % bases.size()).path("tools_list").path("tools").size();
      for (int j = 0; j < size; j++) {
        tools += kept(i, j) ? 1 : 0;
      }
    }
    Path done = dir.resolve(".complete");
    if (Files.exists(done)) {
      return tools;
    }
    Files.createDirectories(dir);
    for (int i = 0; i < servers; i++) {
      ObjectNode copy = bases.get(i % bases.size()).deepCopy();
      copy.put("package", "@scale/s" + i + "-" + copy.path("package").asText().replace('/', '-'));
      copy.remove("transport");
      com.fasterxml.jackson.databind.node.ArrayNode list =
          (com.fasterxml.jackson.databind.node.ArrayNode) copy.path("tools_list").path("tools");
      for (int j = list.size() - 1; j >= 0; j--) {
        if (!kept(i, j)) {
          list.remove(j);
        }
      }
      for (JsonNode tool : list) {
        ObjectNode t = (ObjectNode) tool;
        t.put("description", t.path("description").asText() + " Variant " + i + ".");
      }
      Files.writeString(dir.resolve(String.format("s%06d.json", i)), Json.write(copy));
    }
    Files.writeString(done, "");
    return tools;
  }

  /**
   * Tool {@code j} of server {@code i} is kept unless it is one of every four (never the first).
   */
  private static boolean kept(int i, int j) {
    return j == 0 || (i + j) % 4 != 3;
  }

  /** CPU time of this process (all threads, GC included), nanoseconds. */
  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static List<MemoryPoolMXBean> heapPools() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP)
        .toList();
  }

  private static void resetPeaks() {
    heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  private static long peakSum() {
    return heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
  }

  /** The most heap in use right after any garbage collection since the last reset. */
  private static AtomicLong watchGc() {
    AtomicLong max = new AtomicLong();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc)
          .addNotificationListener(
              (n, h) -> {
                CompositeData data = (CompositeData) n.getUserData();
                CompositeData info = (CompositeData) data.get("gcInfo");
                @SuppressWarnings("unchecked")
                var after = (javax.management.openmbean.TabularData) info.get("memoryUsageAfterGc");
                long used = 0;
                for (Object row : after.values()) {
                  CompositeData r = (CompositeData) row;
                  String pool = (String) r.get("key");
                  if (pool.contains("Eden")
                      || pool.contains("Survivor")
                      || pool.contains("Old")
                      || pool.contains("Tenured")) {
                    used += MemoryUsage.from((CompositeData) r.get("value")).getUsed();
                  }
                }
                max.accumulateAndGet(used, Math::max);
              },
              n -> n.getType().equals("com.sun.management.gc.notification"),
              null);
    }
    return max;
  }

  /** Prints each stage line of the pipeline with the heap figures of that stage. */
  private static final class StageMeter {
    private final AtomicLong liveAfterGc;
    private long maxPeak;
    private long lastCpu = cpuNanos();

    StageMeter(AtomicLong liveAfterGc) {
      this.liveAfterGc = liveAfterGc;
    }

    long maxPeak() {
      return maxPeak;
    }

    PrintStream stream() {
      return new PrintStream(
          new ByteArrayOutputStream() {
            @Override
            public synchronized void flush() {
              String text = toString(StandardCharsets.UTF_8);
              int end = text.lastIndexOf('\n');
              if (end < 0) {
                return;
              }
              reset();
              byte[] rest = text.substring(end + 1).getBytes(StandardCharsets.UTF_8);
              write(rest, 0, rest.length);
              for (String line : text.substring(0, end).split("\n")) {
                if (!line.isBlank()) {
                  long peak = peakSum();
                  maxPeak = Math.max(maxPeak, peak);
                  String shortLine = line.length() > 150 ? line.substring(0, 150) + "..." : line;
                  long cpu = cpuNanos();
                  long gcs = liveAfterGc.get();
                  System.gc();
                  long retained =
                      ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                  System.out.printf(
                      "%s%n      heap peak %d MiB, most used after a GC %d MiB, retained at the end"
                          + " %d MiB, process CPU %.1f s%n",
                      shortLine, peak >> 20, gcs >> 20, retained >> 20, (cpu - lastCpu) / 1e9);
                  lastCpu = cpu;
                  resetPeaks();
                  liveAfterGc.set(0);
                }
              }
            }
          },
          true,
          StandardCharsets.UTF_8);
    }
  }
}
