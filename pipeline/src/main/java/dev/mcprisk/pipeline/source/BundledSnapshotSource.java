package dev.mcprisk.pipeline.source;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.mcprisk.bundled.BundledData;
import dev.mcprisk.crawler.snapshot.Snapshot;
import dev.mcprisk.crawler.snapshot.SnapshotReader;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.CrawlOutcome;
import dev.mcprisk.model.CrawlStatus;
import dev.mcprisk.model.Origins;
import dev.mcprisk.model.ServerEntry;
import dev.mcprisk.model.ServerPackage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Recorded {@code initialize} + {@code tools/list} answers ({@link SnapshotReader}'s format): the
 * ones bundled with the jar ({@link BundledData#TOOLS_LIST}), or every {@code *.json} file of a
 * folder ({@code --snapshot DIR}).
 *
 * <p>A capture lands on the registry entry that names its npm package, else on {@code
 * npm:<package>} with an entry of source {@value dev.mcprisk.model.Origins#SNAPSHOT}. Several
 * captures of one server are merged ({@link SnapshotMerger}). A server with a usable outcome from
 * an earlier source in this run (the live crawl) is skipped.
 *
 * <p>Memory: two passes over the files. The first reads only each file's {@code package} to group
 * the files by server (a file name per capture is kept); the second reads one server's captures at
 * a time, merges them and hands the outcome on. So a folder of 43,000 captures is never in memory
 * at once.
 *
 * <p>Counts: {@code recordedAnswers} files, {@code recordedServers} servers and {@code
 * recordedTools} tools in them (including servers skipped for a live answer). A file that cannot be
 * read is a {@code SNAPSHOT_INVALID} failure of the tools stage.
 *
 * <p>Thread-safe: stateless (the folder is read on the caller's thread).
 */
public final class BundledSnapshotSource implements ToolSource {
  /** This source's name. */
  public static final String NAME = "recorded";

  private final Path snapshotDir;

  /**
   * @param snapshotDir folder of recorded answers; null for the bundled ones
   */
  public BundledSnapshotSource(Path snapshotDir) {
    this.snapshotDir = snapshotDir;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void crawl(SourceContext ctx, Map<String, ServerEntry> entries, ToolSink sink)
      throws IOException {
    Map<String, String> registryIdByNpmPackage = new HashMap<>();
    for (ServerEntry entry : entries.values()) {
      for (ServerPackage p : entry.packages()) {
        if ("npm".equals(p.registryType())) {
          registryIdByNpmPackage.putIfAbsent(p.identifier(), entry.id());
        }
      }
    }
    List<String> files;
    try {
      files = fileNames();
    } catch (IllegalArgumentException | UncheckedIOException e) {
      sink.failed(snapshotDir.toString(), CrawlStatus.SNAPSHOT_INVALID.name(), e.getMessage());
      return;
    }
    SnapshotMerger grouping = new SnapshotMerger(registryIdByNpmPackage);
    Map<String, List<String>> filesByServer = new TreeMap<>();
    for (String file : files) {
      String pkg = packageOf(file);
      String id = pkg == null ? "snapshot:" + file : grouping.serverIdOfPackage(pkg);
      filesByServer.computeIfAbsent(id, k -> new ArrayList<>()).add(file);
    }
    sink.count(SourceCount.RECORDED_ANSWERS, files.size());
    sink.count(SourceCount.RECORDED_SERVERS, 0);
    sink.count(SourceCount.RECORDED_TOOLS, 0);
    int differing = 0;
    for (List<String> group : filesByServer.values()) {
      if (ctx.stop().stopRequested()) {
        return;
      }
      SnapshotMerger merger = new SnapshotMerger(registryIdByNpmPackage);
      for (String file : group) {
        Snapshot snapshot = read(file, sink);
        if (snapshot == null) {
          continue;
        }
        if (snapshot.outcome().status() == CrawlStatus.SNAPSHOT_INVALID) {
          sink.failed(
              snapshot.fileName(), snapshot.outcome().status().name(), snapshot.outcome().reason());
          continue;
        }
        merger.add(snapshot);
        // the sink keeps a registry entry and the first recorded one, but replaces a live one
        sink.addEntry(entryFromSnapshot(merger.serverId(snapshot), snapshot));
      }
      for (CrawlOutcome outcome : merger.outcomes()) {
        sink.count(SourceCount.RECORDED_SERVERS, 1);
        sink.count(SourceCount.RECORDED_TOOLS, outcome.tools().size());
        if (!sink.hasUsable(outcome.serverId())) {
          sink.accept(outcome);
        }
      }
      differing += merger.differingDefinitions();
    }
    if (differing > 0) {
      sink.note(
          differing
              + " tool definitions differ between captures of the same server; the first capture"
              + " (stdio before HTTP, then by file name) is kept");
    }
  }

  /** The files to read, sorted by name. */
  private List<String> fileNames() {
    if (snapshotDir == null) {
      return BundledData.list(BundledData.TOOLS_LIST);
    }
    if (!Files.isDirectory(snapshotDir)) {
      throw new IllegalArgumentException("not a folder: " + snapshotDir);
    }
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(snapshotDir, "*.json")) {
      for (Path file : stream) {
        if (Files.isRegularFile(file)) {
          if (names.size() == SnapshotReader.MAX_FILES) {
            throw new IllegalArgumentException(
                "folder "
                    + snapshotDir
                    + " holds more than "
                    + SnapshotReader.MAX_FILES
                    + " snapshot files");
          }
          names.add(file.getFileName().toString());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + snapshotDir, e);
    }
    names.sort(null);
    return names;
  }

  private InputStream open(String file) throws IOException {
    return snapshotDir == null
        ? BundledData.open(BundledData.TOOLS_LIST, file)
        : Files.newInputStream(snapshotDir.resolve(file));
  }

  /**
   * The file's top-level {@code package} (stripped), read with a streaming parser that stops there;
   * null when it has none or cannot be read (the second pass reports why).
   */
  private String packageOf(String file) {
    try (InputStream in = open(file);
        JsonParser parser = Json.MAPPER.getFactory().createParser(in)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if ("package".equals(field)) {
          if (value != JsonToken.VALUE_STRING || parser.getText().isBlank()) {
            return null;
          }
          return parser.getText().strip();
        }
        parser.skipChildren();
      }
      return null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * One capture (at most {@link SnapshotReader#MAX_FILE_BYTES} are read), or null after reporting a
   * file that cannot be opened.
   */
  private Snapshot read(String file, ToolSink sink) {
    try (InputStream in = open(file)) {
      return SnapshotReader.read(file, in);
    } catch (IOException e) {
      sink.failed(file, CrawlStatus.SNAPSHOT_INVALID.name(), "cannot read: " + e.getMessage());
      return null;
    }
  }

  static ServerEntry entryFromSnapshot(String id, Snapshot snapshot) {
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
        Origins.SNAPSHOT,
        "active");
  }
}
