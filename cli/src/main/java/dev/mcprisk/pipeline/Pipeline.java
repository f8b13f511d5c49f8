package dev.mcprisk.pipeline;

import dev.mcprisk.bundled.BundledData;
import dev.mcprisk.classifier.Classifier;
import dev.mcprisk.classifier.ServerContext;
import dev.mcprisk.classifier.policy.PolicyAdvisor;
import dev.mcprisk.crawler.mcp.Sandbox;
import dev.mcprisk.crawler.mcp.StdioMcpClient;
import dev.mcprisk.crawler.mcp.StdioServerSpec;
import dev.mcprisk.crawler.reference.InstallResult;
import dev.mcprisk.crawler.reference.ReferenceServers;
import dev.mcprisk.crawler.registry.RegistryReadResult;
import dev.mcprisk.crawler.registry.RegistrySeedReader;
import dev.mcprisk.crawler.registry.RejectedEntry;
import dev.mcprisk.crawler.registry.Versions;
import dev.mcprisk.crawler.snapshot.Snapshot;
import dev.mcprisk.crawler.snapshot.SnapshotReader;
import dev.mcprisk.export.ExportStats;
import dev.mcprisk.export.Exporter;
import dev.mcprisk.index.CatalogueIndexer;
import dev.mcprisk.index.IndexStats;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.AssessedTool;
import dev.mcprisk.model.Assessment;
import dev.mcprisk.model.CatalogueServer;
import dev.mcprisk.model.Category;
import dev.mcprisk.model.CrawlOutcome;
import dev.mcprisk.model.CrawlStatus;
import dev.mcprisk.model.RiskLevel;
import dev.mcprisk.model.ServerEntry;
import dev.mcprisk.model.ServerPackage;
import dev.mcprisk.model.ToolDefinition;
import dev.mcprisk.store.CatalogueStore;
import dev.mcprisk.store.StoreException;
import dev.mcprisk.store.StoredServer;
import dev.mcprisk.store.StoredTool;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The whole nightly flow, top to bottom: registry entries, tools (recorded snapshots, then live
 * stdio crawls), store, classify, index, export.
 *
 * <p>Every stage's failures are collected as data ({@link Failure}); only a failure of the store,
 * the index or the export (disk, lock) ends the run early, with an exception naming the path.
 *
 * <p>Not thread-safe: one instance runs one pipeline at a time.
 */
public final class Pipeline {
  /** Source name of the registry's first seed file (2025-05-16, snake_case shape). */
  public static final String SOURCE_SEED_2025 = "registry-seed-2025-05-16";

  /** Source name of registry entries in the current server.json shape. */
  public static final String SOURCE_SEED = "registry-seed";

  /** Source name of servers known only from a recorded tools/list answer. */
  public static final String SOURCE_SNAPSHOT = "snapshot";

  /** Source name of servers known only from a live crawl. */
  public static final String SOURCE_LIVE = "live";

  private final PipelineConfig config;
  private final PrintStream progress;
  private final Clock clock;

  private final List<StageTiming> stages = new ArrayList<>();
  private final List<Failure> failures = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private int assessedNew;
  private int assessedCached;
  private String lastResult = "";

  /**
   * @param config what to run on
   * @param progress where one line per stage is printed as it ends (e.g. stderr)
   * @param clock the clock for run and export times
   */
  public Pipeline(PipelineConfig config, PrintStream progress, Clock clock) {
    this.config = config;
    this.progress = progress;
    this.clock = clock;
  }

  /**
   * Runs every stage once.
   *
   * @return the run's figures
   * @throws StoreException when the H2 catalogue cannot be opened or written (path in the message)
   * @throws IOException when the index or the export cannot be written (path in the message)
   */
  public RunSummary run() throws StoreException, IOException {
    Instant startedAt = clock.instant();
    Map<String, ServerEntry> entries = stage("registry", this::readRegistry);
    List<CrawlOutcome> crawls = stage("tools", () -> readTools(entries));

    try (CatalogueStore store = CatalogueStore.open(config.home())) {
      long runId = store.startRun(config.trigger(), startedAt);
      storeStage("store", () -> store(store, runId, entries, crawls));
      List<CatalogueServer> catalogue = storeStage("classify", () -> classify(store));
      ioStage("index", () -> index(catalogue));
      ExportStats exportStats = ioStage("export", () -> export(catalogue));
      RunSummary summary =
          summarize(
              runId, startedAt, catalogue, exportStats, Math.toIntExact(store.counts().tools()));
      store.finishRun(runId, summary.status(), clock.instant(), Json.write(summary));
      return summary;
    }
  }

  // ---- stage 1: registry entries --------------------------------------------------------------

  /**
   * Reads every bundled registry file. A name in several entries (versions of one server, in one
   * file or across files) keeps its highest version ({@link Versions}).
   */
  private Map<String, ServerEntry> readRegistry() {
    Map<String, ServerEntry> entries = new LinkedHashMap<>();
    int files = 0;
    int rejected = 0;
    int superseded = 0;
    for (String file : BundledData.list(BundledData.REGISTRY)) {
      String source = file.startsWith("seed_2025_05_16") ? SOURCE_SEED_2025 : SOURCE_SEED;
      RegistryReadResult result;
      try (InputStream in = BundledData.open(BundledData.REGISTRY, file)) {
        result = RegistrySeedReader.read(source, in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      files++;
      superseded += result.superseded();
      for (ServerEntry entry : result.entries()) {
        ServerEntry earlier = entries.putIfAbsent(entry.id(), entry);
        if (earlier != null) {
          superseded++;
          if (Versions.compare(entry.version(), earlier.version()) > 0) {
            entries.put(entry.id(), entry);
          }
        }
      }
      for (RejectedEntry r : result.rejected()) {
        rejected++;
        failures.add(
            new Failure(
                "registry",
                file + (r.index() >= 0 ? " entry #" + r.index() : ""),
                "REJECTED",
                r.reason()));
      }
    }
    lastResult =
        entries.size()
            + " servers from "
            + files
            + " bundled registry files ("
            + rejected
            + " entries rejected, "
            + superseded
            + " older versions superseded)";
    return entries;
  }

  // ---- stage 2: tools -------------------------------------------------------------------------

  private List<CrawlOutcome> readTools(Map<String, ServerEntry> entries) {
    Map<String, String> registryIdByNpmPackage = new HashMap<>();
    for (ServerEntry entry : entries.values()) {
      for (ServerPackage p : entry.packages()) {
        if ("npm".equals(p.registryType())) {
          registryIdByNpmPackage.putIfAbsent(p.identifier(), entry.id());
        }
      }
    }
    List<Snapshot> snapshots = readSnapshots();
    SnapshotMerger merger = new SnapshotMerger(registryIdByNpmPackage);
    for (Snapshot snapshot : snapshots) {
      if (snapshot.outcome().status() == CrawlStatus.SNAPSHOT_INVALID) {
        failures.add(
            new Failure(
                "tools",
                snapshot.fileName(),
                snapshot.outcome().status().name(),
                snapshot.outcome().reason()));
        continue;
      }
      merger.add(snapshot);
      entries.computeIfAbsent(
          merger.serverId(snapshot), id -> entryFromSnapshot(id, snapshot, SOURCE_SNAPSHOT));
    }
    List<CrawlOutcome> outcomes = new ArrayList<>(merger.outcomes());
    if (merger.differingDefinitions() > 0) {
      notes.add(
          merger.differingDefinitions()
              + " tool definitions differ between captures of the same server; the first capture"
              + " (stdio before HTTP, then by file name) is kept");
    }
    int recorded = outcomes.stream().mapToInt(o -> o.tools().size()).sum();
    List<CrawlOutcome> live = config.offline() ? List.of() : crawlLive(entries);
    outcomes.addAll(live);
    long liveOk = live.stream().filter(o -> o.status() == CrawlStatus.OK).count();
    lastResult =
        snapshots.size()
            + " recorded answers of "
            + merger.outcomes().size()
            + " servers ("
            + recorded
            + " tools); "
            + (config.offline()
                ? "live crawl off (--offline)"
                : liveOk + " of " + live.size() + " live stdio crawls OK");
    return outcomes;
  }

  private List<Snapshot> readSnapshots() {
    if (config.snapshotDir() != null) {
      try {
        return SnapshotReader.readDirectory(config.snapshotDir());
      } catch (IllegalArgumentException | UncheckedIOException e) {
        failures.add(
            new Failure(
                "tools", config.snapshotDir().toString(), "SNAPSHOT_INVALID", e.getMessage()));
        return List.of();
      }
    }
    List<Snapshot> snapshots = new ArrayList<>();
    for (String file : BundledData.list(BundledData.TOOLS_LIST)) {
      try (InputStream in = BundledData.open(BundledData.TOOLS_LIST, file)) {
        snapshots.add(SnapshotReader.read(file, in));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return snapshots;
  }

  private List<CrawlOutcome> crawlLive(Map<String, ServerEntry> entries) {
    Optional<Path> node = ReferenceServers.findNode();
    if (node.isEmpty()) {
      notes.add("node not found on PATH: live crawl skipped, recorded answers used");
      return List.of();
    }
    Sandbox sandbox = config.sandboxed() ? Sandbox.detect() : Sandbox.none();
    if (!sandbox.available()) {
      notes.add("live crawl skipped: " + sandbox.unavailableReason());
      return List.of();
    }
    if (!config.sandboxed()) {
      notes.add("live crawl ran WITHOUT a sandbox (--no-sandbox)");
    }
    InstallResult install = ReferenceServers.ensureInstalled(config.serversDir(), true);
    if (!install.ok()) {
      notes.add(
          "reference servers not installed in "
              + config.serversDir()
              + ": "
              + install.reason()
              + "; recorded answers used");
      return List.of();
    }
    Path scratch;
    try {
      Files.createDirectories(config.home());
      scratch = Files.createTempDirectory(config.home(), "live-");
    } catch (IOException e) {
      notes.add("live crawl skipped: cannot create a scratch folder in " + config.home());
      return List.of();
    }
    List<CrawlOutcome> outcomes = new ArrayList<>();
    try {
      for (StdioServerSpec spec : ReferenceServers.specs(config.serversDir(), scratch)) {
        CrawlOutcome outcome = StdioMcpClient.crawl(spec, config.limits(), sandbox);
        outcomes.add(outcome);
        if (!outcome.status().usable()) {
          failures.add(
              new Failure("tools", spec.serverId(), outcome.status().name(), outcome.reason()));
        }
        entries.computeIfAbsent(spec.serverId(), id -> entryFromLive(id, outcome));
      }
    } finally {
      FileTrees.deleteQuietly(scratch);
    }
    return outcomes;
  }

  private static ServerEntry entryFromSnapshot(String id, Snapshot snapshot, String source) {
    CrawlOutcome o = snapshot.outcome();
    List<ServerPackage> packages =
        snapshot.packageName() == null
            ? List.of()
            : List.of(
                new ServerPackage(
                    "npm",
                    snapshot.packageName(),
                    snapshot.packageVersion(),
                    "npx",
                    "stdio",
                    null,
                    List.of()));
    return new ServerEntry(
        id,
        snapshot.packageName() == null ? id : snapshot.packageName(),
        Json.text(o.serverInfo(), "title"),
        Json.text(o.serverInfo(), "description"),
        snapshot.packageVersion(),
        null,
        packages,
        List.of(),
        source,
        "active");
  }

  private static ServerEntry entryFromLive(String id, CrawlOutcome outcome) {
    String name = id.startsWith("npm:") ? id.substring("npm:".length()) : id;
    return new ServerEntry(
        id,
        name,
        Json.text(outcome.serverInfo(), "title"),
        Json.text(outcome.serverInfo(), "description"),
        Json.text(outcome.serverInfo(), "version"),
        null,
        List.of(new ServerPackage("npm", name, null, "npx", "stdio", null, List.of())),
        List.of(),
        SOURCE_LIVE,
        "active");
  }

  // ---- stage 3: store -------------------------------------------------------------------------

  private Void store(
      CatalogueStore store, long runId, Map<String, ServerEntry> entries, List<CrawlOutcome> crawls)
      throws StoreException {
    store.upsertServers(entries.values());
    for (CrawlOutcome crawl : crawls) {
      store.recordCrawl(runId, crawl);
    }
    lastResult = entries.size() + " servers, " + crawls.size() + " crawl results recorded";
    return null;
  }

  // ---- stage 4: classify ----------------------------------------------------------------------

  private List<CatalogueServer> classify(CatalogueStore store) throws StoreException {
    Classifier classifier = Classifier.loadDefault();
    List<StoredServer> stored = store.loadServers();
    Map<String, Assessment> fresh = new TreeMap<>();
    List<CatalogueServer> catalogue = new ArrayList<>(stored.size());
    int cached = 0;
    for (StoredServer server : stored) {
      ServerContext context =
          new ServerContext(server.entry().name(), server.entry().description());
      List<AssessedTool> tools = new ArrayList<>(server.tools().size());
      for (StoredTool tool : server.tools()) {
        Assessment assessment = fresh.get(tool.definitionHash());
        if (assessment == null) {
          Optional<Assessment> hit =
              store.findAssessment(tool.definitionHash(), classifier.version());
          if (hit.isPresent()) {
            assessment = hit.get();
            cached++;
          } else {
            assessment = classifier.classify(tool.definition(), context);
            fresh.put(tool.definitionHash(), assessment);
          }
        }
        ToolDefinition definition = tool.definition();
        tools.add(
            new AssessedTool(
                definition,
                tool.definitionHash(),
                tool.origin(),
                assessment,
                PolicyAdvisor.recommend(definition, assessment)));
      }
      tools.sort(Comparator.comparing(t -> t.tool().name()));
      catalogue.add(new CatalogueServer(server.entry(), server.latestCrawl(), tools));
    }
    store.saveAssessments(fresh);
    assessedNew = fresh.size();
    assessedCached = cached;
    lastResult = fresh.size() + " definitions classified, " + cached + " from cache";
    return catalogue;
  }

  // ---- stages 5 and 6: index and export ------------------------------------------------------

  private IndexStats index(List<CatalogueServer> catalogue) throws IOException {
    IndexStats stats = CatalogueIndexer.rebuild(config.indexDir(), catalogue);
    lastResult =
        stats.tools() + " tools and " + stats.servers() + " servers, " + stats.bytes() + " bytes";
    return stats;
  }

  private ExportStats export(List<CatalogueServer> catalogue) throws IOException {
    ExportStats stats =
        Exporter.writeAll(config.exportDir(), catalogue, clock.instant(), Classifier.VERSION);
    lastResult =
        "catalogue.json, "
            + stats.interceptFiles()
            + " Intercept and "
            + stats.policyLayerFiles()
            + " PolicyLayer files, "
            + stats.bytes()
            + " bytes";
    return stats;
  }

  // ---- summary --------------------------------------------------------------------------------

  private RunSummary summarize(
      long runId,
      Instant startedAt,
      List<CatalogueServer> catalogue,
      ExportStats exportStats,
      int storedTools) {
    Map<String, Integer> bySource = new TreeMap<>();
    Map<String, Integer> byOrigin = new TreeMap<>();
    Map<Category, Integer> categories = new EnumMap<>(Category.class);
    Map<RiskLevel, Integer> risks = new EnumMap<>(RiskLevel.class);
    for (Category c : Category.values()) {
      categories.put(c, 0);
    }
    for (RiskLevel r : RiskLevel.values()) {
      risks.put(r, 0);
    }
    int tools = 0;
    int withTools = 0;
    for (CatalogueServer server : catalogue) {
      bySource.merge(server.server().source(), 1, Integer::sum);
      if (!server.tools().isEmpty()) {
        withTools++;
      }
      for (AssessedTool tool : server.tools()) {
        tools++;
        byOrigin.merge(tool.origin(), 1, Integer::sum);
        categories.merge(tool.assessment().category(), 1, Integer::sum);
        risks.merge(tool.assessment().riskLevel(), 1, Integer::sum);
      }
    }
    if (tools != storedTools) {
      notes.add("store holds " + storedTools + " tools but " + tools + " were exported");
    }
    Map<String, Integer> categoryLabels = new LinkedHashMap<>();
    Category[] order = {
      Category.READ,
      Category.WRITE,
      Category.EXECUTE,
      Category.DESTRUCTIVE,
      Category.FINANCIAL,
      Category.OTHER
    };
    for (Category c : order) {
      categoryLabels.put(c.label(), categories.get(c));
    }
    Map<String, Integer> riskLabels = new LinkedHashMap<>();
    risks.forEach((k, v) -> riskLabels.put(k.label(), v));
    Path catalogueFile = config.exportDir().resolve("catalogue.json");
    long catalogueBytes;
    try {
      catalogueBytes = Files.size(catalogueFile);
    } catch (IOException e) {
      catalogueBytes = -1;
    }
    return new RunSummary(
        runId,
        "SUCCEEDED",
        config.home().toString(),
        startedAt.toString(),
        catalogue.size(),
        bySource,
        withTools,
        tools,
        byOrigin,
        categoryLabels,
        riskLabels,
        assessedNew,
        assessedCached,
        List.copyOf(stages),
        List.copyOf(failures),
        List.copyOf(notes),
        catalogueFile.toString(),
        catalogueBytes,
        exportStats.interceptFiles(),
        exportStats.policyLayerFiles());
  }

  // ---- stage bookkeeping ----------------------------------------------------------------------

  /** A stage body that may fail with the store's checked exception. */
  @FunctionalInterface
  private interface StoreStage<T> {
    T run() throws StoreException;
  }

  /** A stage body that may fail with an I/O error. */
  @FunctionalInterface
  private interface IoStage<T> {
    T run() throws IOException;
  }

  private <T> T stage(String name, Supplier<T> body) {
    long start = System.nanoTime();
    lastResult = "";
    T value = body.get();
    endStage(name, start);
    return value;
  }

  private <T> T storeStage(String name, StoreStage<T> body) throws StoreException {
    long start = System.nanoTime();
    lastResult = "";
    T value = body.run();
    endStage(name, start);
    return value;
  }

  private <T> T ioStage(String name, IoStage<T> body) throws IOException {
    long start = System.nanoTime();
    lastResult = "";
    T value = body.run();
    endStage(name, start);
    return value;
  }

  private void endStage(String name, long startNanos) {
    long millis = (System.nanoTime() - startNanos) / 1_000_000;
    stages.add(new StageTiming(name, millis, lastResult));
    progress.printf("[%d/6] %-8s %6d ms  %s%n", stages.size(), name, millis, lastResult);
    progress.flush();
  }
}
