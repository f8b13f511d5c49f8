package dev.mcprisk.index;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.management.OperatingSystemMXBean;
import dev.mcprisk.model.AssessedTool;
import dev.mcprisk.model.CatalogueServer;
import dev.mcprisk.model.Remote;
import dev.mcprisk.model.ServerEntry;
import dev.mcprisk.model.ServerPackage;
import dev.mcprisk.model.ToolDefinition;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * Benchmark, not a test: builds the index over a synthetic catalogue of N tools made from the
 * bundled real ones, then times the judged queries warm, with facets.
 *
 * <p>Run: {@code java -Xmx1g -cp <test classpath> dev.mcprisk.index.SearchBenchmark [tools] [dir]}
 * (1 GiB: the heap of the nightly job), default 500,000 tools in a temporary directory.
 * Deterministic: tool {@code i} depends only on {@link #SEED} and {@code i}. The catalogue is
 * generated lazily, so memory stays flat.
 *
 * <p>Synthetic tools: the real tool {@code i mod 302} on server {@code i / 12} (so 500,000 tools
 * make 41,667 servers, near the 43,000 of the target), its name given a random prefix and suffix
 * word in the base name's style, its description extended with random domain words; each server has
 * a random registry type (npm, pypi, oci) and transport (stdio, streamable-http, sse).
 */
public final class SearchBenchmark {
  static final long SEED = 20261121L;
  static final int TOOLS_PER_SERVER = 12;
  static final int WARM_UP_ROUNDS = 3;
  static final int MEASURED_ROUNDS = 10;

  private static final List<String> WORDS =
      List.of(
          "account",
          "alert",
          "archive",
          "asset",
          "audit",
          "backup",
          "batch",
          "bucket",
          "cache",
          "calendar",
          "campaign",
          "cart",
          "catalog",
          "channel",
          "cluster",
          "contact",
          "container",
          "contract",
          "dashboard",
          "dataset",
          "device",
          "domain",
          "email",
          "event",
          "feature",
          "feed",
          "form",
          "graph",
          "group",
          "incident",
          "inventory",
          "job",
          "ledger",
          "lead",
          "metric",
          "model",
          "order",
          "pipeline",
          "playlist",
          "policy",
          "queue",
          "record",
          "region",
          "report",
          "role",
          "schedule",
          "secret",
          "segment",
          "shipment",
          "snapshot",
          "space",
          "stream",
          "task",
          "team",
          "template",
          "ticket",
          "token",
          "topic",
          "vault",
          "volume",
          "webhook",
          "widget",
          "workflow",
          "zone");
  private static final List<String> REGISTRIES = List.of("npm", "pypi", "oci");
  private static final List<String> TRANSPORTS = List.of("stdio", "streamable-http", "sse");

  private SearchBenchmark() {}

  public static void main(String[] args) throws IOException {
    int tools = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
    Path dir =
        args.length > 1
            ? Path.of(args[1])
            : Files.createTempDirectory("mcprisk-bench").resolve("index");
    List<AssessedTool> real = new ArrayList<>();
    BundledCatalogue.load().forEach(s -> real.addAll(s.tools()));
    List<CatalogueServer> catalogue = new Synthetic(real, tools);
    System.out.printf(
        Locale.ROOT, "synthetic catalogue: %,d tools on %,d servers%n", tools, catalogue.size());
    boolean reuse = args.length > 2 && "--reuse".equals(args[2]) && Files.isDirectory(dir);
    if (!reuse) {
      build(catalogue, dir);
    }
    List<Judgements> judged = Judgements.load();
    printSegments(dir);
    try (CatalogueSearcher searcher = CatalogueSearcher.open(dir)) {
      for (int round = 0; round < WARM_UP_ROUNDS; round++) {
        for (Judgements j : judged) {
          searcher.search(SearchRequest.of(j.query(), IndexDefaults.DEFAULT_LIMIT));
        }
      }
      measure(searcher, judged, true);
      measure(searcher, judged, false);
    }
  }

  private static void measure(CatalogueSearcher searcher, List<Judgements> judged, boolean facets)
      throws IOException {
    long[] nanos = new long[MEASURED_ROUNDS * judged.size()];
    long[] cpu = new long[nanos.length];
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    int n = 0;
    long processCpuBefore = os.getProcessCpuTime();
    for (int round = 0; round < MEASURED_ROUNDS; round++) {
      for (Judgements j : judged) {
        SearchRequest request =
            SearchRequest.builder(j.query())
                .limit(IndexDefaults.DEFAULT_LIMIT)
                .facets(facets)
                .build();
        long startCpu = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        searcher.search(request);
        nanos[n] = System.nanoTime() - start;
        cpu[n] = threads.getCurrentThreadCpuTime() - startCpu;
        n++;
      }
    }
    long processCpu = os.getProcessCpuTime() - processCpuBefore;
    printSlowest(judged, cpu);
    Arrays.sort(nanos);
    Arrays.sort(cpu);
    System.out.printf(
        Locale.ROOT,
        "queries: %d judged x %d rounds warm, limit 10, facets %s: wall p50 %.2f ms, p99 %.2f ms,"
            + " max %.2f ms; thread CPU p50 %.2f ms, p99 %.2f ms; process CPU (search threads, GC"
            + " and JIT included) mean %.2f ms per query%n",
        judged.size(),
        MEASURED_ROUNDS,
        facets ? "on" : "off",
        percentile(nanos, 0.50) / 1e6,
        percentile(nanos, 0.99) / 1e6,
        nanos[nanos.length - 1] / 1e6,
        percentile(cpu, 0.50) / 1e6,
        percentile(cpu, 0.99) / 1e6,
        processCpu / 1e6 / n);
  }

  private static void build(List<CatalogueServer> catalogue, Path dir) throws IOException {
    long generateStart = System.nanoTime();
    catalogue.forEach(s -> {});
    System.out.printf(
        Locale.ROOT,
        "generate only (the rebuild's walking thread generates it again): %,d ms%n",
        (System.nanoTime() - generateStart) / 1_000_000);
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpuBefore = os.getProcessCpuTime();
    IndexStats stats = CatalogueIndexer.rebuild(dir, catalogue);
    long buildCpuMillis = (os.getProcessCpuTime() - cpuBefore) / 1_000_000;
    System.out.printf(
        Locale.ROOT,
        "build: %,d ms wall, %,d ms process CPU, %,d bytes (%.1f MB), %,d servers, %,d tools%n",
        stats.millis(),
        buildCpuMillis,
        stats.bytes(),
        stats.bytes() / 1e6,
        stats.servers(),
        stats.tools());
  }

  private static void printSegments(Path dir) throws IOException {
    try (Directory directory = FSDirectory.open(dir);
        DirectoryReader reader = DirectoryReader.open(directory)) {
      System.out.printf(
          Locale.ROOT,
          "segments: %d, documents per segment %s%n",
          reader.leaves().size(),
          reader.leaves().stream().map(l -> l.reader().maxDoc()).toList());
    }
  }

  /** The 5 queries with the most (calling) thread CPU summed over the rounds. */
  private static void printSlowest(List<Judgements> judged, long[] cpu) {
    long[] perQuery = new long[judged.size()];
    for (int i = 0; i < cpu.length; i++) {
      perQuery[i % judged.size()] += cpu[i];
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < perQuery.length; i++) {
      order.add(i);
    }
    order.sort((a, b) -> Long.compare(perQuery[b], perQuery[a]));
    for (int i : order.subList(0, Math.min(5, order.size()))) {
      System.out.printf(
          Locale.ROOT,
          "  slowest: %-40s mean CPU %.2f ms%n",
          judged.get(i).query(),
          perQuery[i] / 1e6 / MEASURED_ROUNDS);
    }
  }

  private static long percentile(long[] sorted, double p) {
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  /** The synthetic servers, generated on each access. */
  private static final class Synthetic extends AbstractList<CatalogueServer> {
    private final List<AssessedTool> real;
    private final int tools;

    Synthetic(List<AssessedTool> real, int tools) {
      this.real = real;
      this.tools = tools;
    }

    @Override
    public int size() {
      return (tools + TOOLS_PER_SERVER - 1) / TOOLS_PER_SERVER;
    }

    @Override
    public CatalogueServer get(int index) {
      SplittableRandom random = new SplittableRandom(SEED ^ (index * 0x9E3779B97F4A7C15L));
      String word = pick(random, WORDS);
      String registry = pick(random, REGISTRIES);
      String transport = pick(random, TRANSPORTS);
      String name = "@synthetic/" + word + "-server-" + index;
      String id = "npm".equals(registry) ? ServerEntry.npmId(name) : registry + ":" + name;
      List<Remote> remotes =
          "stdio".equals(transport)
              ? List.of()
              : List.of(new Remote(transport, "https://" + word + index + ".example/mcp"));
      ServerEntry entry =
          new ServerEntry(
              id,
              name,
              null,
              "Synthetic MCP server for " + word + " and " + pick(random, WORDS) + " work.",
              "1.0.0",
              null,
              List.of(new ServerPackage(registry, name, "1.0.0", null, "stdio", null, null)),
              remotes,
              "synthetic",
              null);
      int first = index * TOOLS_PER_SERVER;
      int last = Math.min(tools, first + TOOLS_PER_SERVER);
      List<AssessedTool> assessed = new ArrayList<>(last - first);
      for (int i = first; i < last; i++) {
        assessed.add(tool(real.get(i % real.size()), random, i));
      }
      return new CatalogueServer(entry, null, assessed);
    }

    private static AssessedTool tool(AssessedTool base, SplittableRandom random, int i) {
      ObjectNode json = base.tool().json().deepCopy();
      String baseName = base.tool().name();
      String separator = baseName.contains("-") ? "-" : "_";
      String name =
          i < 302 ? baseName : baseName + separator + pick(random, WORDS) + (i % 7 == 0 ? i : "");
      json.put("name", name);
      String description = base.tool().description();
      json.put(
          "description",
          (description == null ? "" : description)
              + " Works with "
              + pick(random, WORDS)
              + " and "
              + pick(random, WORDS)
              + ".");
      // the base tool's assessment and a made-up hash: generating must not dominate the timing
      return new AssessedTool(
          new ToolDefinition(json),
          base.definitionHash() + "-" + i,
          "synthetic",
          base.assessment(),
          BundledCatalogue.ALLOW);
    }

    private static String pick(SplittableRandom random, List<String> from) {
      return from.get(random.nextInt(from.size()));
    }
  }
}
