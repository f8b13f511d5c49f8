package dev.mcprisk.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.management.OperatingSystemMXBean;
import dev.mcprisk.files.FileTrees;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.AssessedTool;
import dev.mcprisk.model.Assessment;
import dev.mcprisk.model.CatalogueServer;
import dev.mcprisk.model.CrawlStatus;
import dev.mcprisk.model.CrawlSummary;
import dev.mcprisk.model.PolicyAction;
import dev.mcprisk.model.PolicyRecommendation;
import dev.mcprisk.model.ServerEntry;
import dev.mcprisk.model.ToolDefinition;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

/**
 * Benchmark, not a test: times {@link Exporter#writeAll} over a synthetic catalogue of {@value
 * #DEFAULT_SERVERS} servers (about 500,000 tools) made from real assessed tools (the goal: export
 * at 43,000 servers in 30 s or less; BENCHMARKS.md).
 *
 * <p>Run: {@code java -Xmx1g -cp <test classpath> dev.mcprisk.export.ExportBenchmark [template]
 * [servers] [dir]}. {@code template} is a {@code catalogue.json} written by {@code mcprisk run
 * --offline} (the 302 bundled tools with the classifier's real assessments and rationales, which
 * dominate the size); {@code -} uses {@link TestCatalogue#bundled()} (short made-up rationales).
 * {@code dir} defaults to a temporary directory, deleted at the end.
 *
 * <p>Synthetic catalogue: server {@code i} copies template server {@code i mod T} (T = template
 * servers with tools) under the id {@code io.github.bench/s<i, 6 digits>-<template id>}, keeping
 * each tool with probability {@value #KEEP_PERCENT} % (a deterministic hash of server and tool
 * index). The servers are made lazily in id order and handed over as a plain {@link Iterable}, as
 * the pipeline's store cursor does, so only the export's own memory is measured. The tools are
 * shared objects, so making a server costs next to nothing.
 *
 * <p>Prints wall and process CPU seconds, heap used after a GC, and files and bytes per kind.
 */
public final class ExportBenchmark {
  static final int DEFAULT_SERVERS = 43_000;

  /** Share of a template server's tools kept per synthetic server, in percent. */
  static final int KEEP_PERCENT = 81;

  static final Instant GENERATED = Instant.parse("2026-11-21T02:00:00Z");

  private ExportBenchmark() {}

  public static void main(String[] args) throws IOException {
    String templateArg = args.length > 0 ? args[0] : "-";
    int servers = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_SERVERS;
    boolean temporary = args.length <= 2;
    Path dir = temporary ? Files.createTempDirectory("export-bench") : Path.of(args[2]);
    List<CatalogueServer> template =
        templateArg.equals("-") ? TestCatalogue.bundled() : readTemplate(Path.of(templateArg));
    template = template.stream().filter(s -> !s.tools().isEmpty()).toList();
    Iterable<CatalogueServer> catalogue = synthetic(template, servers);
    long tools = 0;
    for (CatalogueServer s : catalogue) {
      tools += s.tools().size();
    }
    System.out.printf(
        Locale.ROOT,
        "template %d servers; synthetic %d servers, %d tools; out %s%n",
        template.size(),
        servers,
        tools,
        dir);
    Path export = dir.resolve("export");
    try {
      long cpu0 = cpuNanos();
      long t0 = System.nanoTime();
      ExportStats stats = Exporter.writeAll(export, catalogue, GENERATED, "bench");
      double seconds = (System.nanoTime() - t0) / 1e9;
      double cpuSeconds = (cpuNanos() - cpu0) / 1e9;
      System.gc();
      long used = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory() >> 20;
      System.out.printf(
          Locale.ROOT,
          "export: %.1f s wall, %.1f s CPU, %d MiB heap used after GC; stats %s%n",
          seconds,
          cpuSeconds,
          used,
          stats);
      printKind(export.resolve(Exporter.CATALOGUE_FILE));
      printKind(export.resolve(Exporter.NDJSON_FILE));
      printKind(export.resolve(Exporter.INTERCEPT_DIR));
      printKind(export.resolve(Exporter.POLICYLAYER_DIR));
    } finally {
      if (temporary) {
        FileTrees.delete(dir);
      }
    }
  }

  private static void printKind(Path path) throws IOException {
    long files = 0;
    long bytes = 0;
    try (Stream<Path> all = Files.walk(path)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        if (Files.isRegularFile(p)) {
          files++;
          bytes += Files.size(p);
        }
      }
    }
    System.out.printf(
        Locale.ROOT, "  %-12s %,9d files %,15d bytes%n", path.getFileName(), files, bytes);
  }

  private static long cpuNanos() {
    return ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class).getProcessCpuTime();
  }

  /** The catalogue of {@code servers} servers copied from {@code template}, in id order. */
  static Iterable<CatalogueServer> synthetic(List<CatalogueServer> template, int servers) {
    return () ->
        new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < servers;
          }

          @Override
          public CatalogueServer next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            int i = next++;
            CatalogueServer base = template.get(i % template.size());
            List<AssessedTool> kept = new ArrayList<>();
            for (int t = 0; t < base.tools().size(); t++) {
              if (Math.floorMod(mix(i * 1_000_003L + t), 100) < KEEP_PERCENT) {
                kept.add(base.tools().get(t));
              }
            }
            ServerEntry e = base.server();
            String id = String.format(Locale.ROOT, "io.github.bench/s%06d-%s", i, e.id());
            ServerEntry entry =
                new ServerEntry(
                    id,
                    id,
                    e.title(),
                    e.description(),
                    e.version(),
                    e.repository(),
                    e.packages(),
                    e.remotes(),
                    e.source(),
                    e.status());
            return new CatalogueServer(entry, base.crawl(), kept);
          }
        };
  }

  private static long mix(long x) {
    x = (x ^ (x >>> 33)) * 0xff51afd7ed558ccdL;
    x = (x ^ (x >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return x ^ (x >>> 33);
  }

  /** The servers with tools of a {@code catalogue.json}, as catalogue records. */
  static List<CatalogueServer> readTemplate(Path file) throws IOException {
    List<ExportedServer> servers = new ArrayList<>();
    CatalogueHeader header =
        CatalogueJsonReader.forEachServer(
            file,
            s -> {
              if (!s.tools().isEmpty()) {
                servers.add(s);
              }
            });
    return servers.stream().map(s -> toCatalogue(s, header.classifierVersion())).toList();
  }

  private static CatalogueServer toCatalogue(ExportedServer s, String classifierVersion) {
    ServerEntry entry =
        new ServerEntry(
            s.id(),
            s.name(),
            null,
            s.description(),
            "1.0.0",
            null,
            s.packages(),
            s.remotes(),
            s.source(),
            "active");
    CrawlSummary crawl =
        s.crawl() == null
            ? null
            : new CrawlSummary(
                CrawlStatus.valueOf(s.crawl().status()),
                "",
                s.crawl().at(),
                "snapshot",
                s.crawl().protocolVersion());
    List<AssessedTool> tools = new ArrayList<>();
    for (ExportedTool t : s.tools()) {
      ObjectNode json = Json.object();
      json.put("name", t.name());
      if (t.title() != null) {
        json.put("title", t.title());
      }
      if (t.description() != null) {
        json.put("description", t.description());
      }
      if (t.inputSchema() != null) {
        json.set("inputSchema", t.inputSchema());
      }
      if (t.annotations() != null) {
        json.set("annotations", t.annotations());
      }
      ExportedAssessment a = t.assessment();
      ExportedPolicy p = t.policy();
      tools.add(
          new AssessedTool(
              ToolDefinition.of(json),
              t.definitionHash(),
              "snapshot",
              new Assessment(
                  a.category(),
                  a.riskLevel(),
                  a.score(),
                  a.confidence(),
                  a.signals(),
                  a.rationale(),
                  a.rules(),
                  classifierVersion),
              new PolicyRecommendation(
                  PolicyAction.valueOf(p.action().toUpperCase(Locale.ROOT)),
                  p.rule(),
                  p.rateLimit() == null ? 0 : p.rateLimit().max(),
                  p.rateLimit() == null ? null : p.rateLimit().window(),
                  p.requiredArguments(),
                  p.onDeny() == null ? "" : p.onDeny())));
    }
    return new CatalogueServer(entry, crawl, tools);
  }
}
