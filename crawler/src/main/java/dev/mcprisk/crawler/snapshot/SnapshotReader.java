package dev.mcprisk.crawler.snapshot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.CrawlOutcome;
import dev.mcprisk.model.CrawlStatus;
import dev.mcprisk.model.Origins;
import dev.mcprisk.model.ServerEntry;
import dev.mcprisk.model.ToolDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Reads recorded {@code initialize} + {@code tools/list} answers (the format of the bundled
 * captures, catalogue-data's {@code dev/mcprisk/bundled/tools-list/}, read through {@code
 * BundledData.TOOLS_LIST}) into {@link CrawlOutcome}s, so the catalogue can be built without
 * starting any server.
 *
 * <p>File format (one JSON object): {@code package} (npm name, required), {@code version}, {@code
 * transport} (absent means {@code stdio}), {@code captured_at} (RFC 3339 instant, required), {@code
 * initialize} ({@code {protocolVersion, capabilities, serverInfo, instructions?}}, required),
 * {@code tools_list} ({@code {tools: [...], nextCursor?}}, required; the tools of every page),
 * {@code tools_list_pages} (pages read; absent means 1). Other fields ({@code command}, {@code
 * stderr_tail}, ...) are ignored.
 *
 * <p>The outcome: server id {@code npm:<package>} (or {@code snapshot:<fileName>} when the package
 * is unknown), method {@code snapshot}, {@code at} = {@code captured_at}, duration 0. A tool that
 * is not an object with a name is skipped and counted in the reason; a broken file gives {@code
 * SNAPSHOT_INVALID} with the reason (and {@code at} = the time it was read). Never throws for bad
 * data. Thread-safe: stateless.
 */
public final class SnapshotReader {

  /** Largest snapshot file read: 16 MiB (the largest real capture is 140 KB). */
  public static final int MAX_FILE_BYTES = 16 * 1024 * 1024;

  /** Most files read from one folder: 100,000. */
  public static final int MAX_FILES = 100_000;

  /** Value of {@link CrawlOutcome#method()} for a recorded answer. */
  public static final String METHOD = Origins.SNAPSHOT;

  /** Transport when the file does not name one. */
  public static final String DEFAULT_TRANSPORT = "stdio";

  private SnapshotReader() {}

  /**
   * Reads one snapshot.
   *
   * @param fileName the file's name, for ids and reasons; never null
   * @param in the file; read to its end (at most {@link #MAX_FILE_BYTES} + 1 bytes), not closed
   * @return the snapshot; never null
   */
  public static Snapshot read(String fileName, InputStream in) {
    Objects.requireNonNull(fileName, "fileName == null");
    Objects.requireNonNull(in, "in == null");
    byte[] bytes;
    try {
      bytes = in.readNBytes(MAX_FILE_BYTES + 1);
    } catch (IOException e) {
      return invalid(fileName, null, null, DEFAULT_TRANSPORT, "cannot read: " + e.getMessage());
    }
    if (bytes.length > MAX_FILE_BYTES) {
      return invalid(
          fileName,
          null,
          null,
          DEFAULT_TRANSPORT,
          "file is over the limit of " + MAX_FILE_BYTES + " bytes");
    }
    JsonNode root;
    try {
      root = Json.parse(new String(bytes, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      return invalid(
          fileName, null, null, DEFAULT_TRANSPORT, "not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      return invalid(fileName, null, null, DEFAULT_TRANSPORT, "not a JSON object");
    }
    return parse(fileName, root);
  }

  /**
   * Reads every {@code *.json} regular file directly in {@code dir}, sorted by file name. A file
   * that cannot be read becomes a {@code SNAPSHOT_INVALID} snapshot; files over {@link
   * #MAX_FILE_BYTES} are not opened.
   *
   * @param dir folder of snapshot files
   * @return one snapshot per file, sorted by file name; never null
   * @throws IllegalArgumentException when {@code dir} is not a folder
   * @throws UncheckedIOException when the folder cannot be listed
   */
  public static List<Snapshot> readDirectory(Path dir) {
    Objects.requireNonNull(dir, "dir == null");
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("not a folder: " + dir);
    }
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.json")) {
      for (Path file : stream) {
        if (Files.isRegularFile(file)) {
          if (files.size() == MAX_FILES) {
            throw new IllegalArgumentException(
                "folder " + dir + " holds more than " + MAX_FILES + " snapshot files");
          }
          files.add(file);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    files.sort(Comparator.comparing(p -> p.getFileName().toString()));
    List<Snapshot> snapshots = new ArrayList<>();
    for (Path file : files) {
      snapshots.add(readFile(file));
    }
    return List.copyOf(snapshots);
  }

  private static Snapshot readFile(Path file) {
    String name = file.getFileName().toString();
    try {
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        return invalid(
            name,
            null,
            null,
            DEFAULT_TRANSPORT,
            "file is " + size + " bytes, over the limit of " + MAX_FILE_BYTES);
      }
      try (InputStream in = Files.newInputStream(file)) {
        return read(name, in);
      }
    } catch (IOException e) {
      return invalid(name, null, null, DEFAULT_TRANSPORT, "cannot read: " + e.getMessage());
    }
  }

  private static Snapshot parse(String fileName, JsonNode root) {
    String packageName = text(root, "package");
    String version = text(root, "version");
    String transport = text(root, "transport");
    if (transport == null) {
      transport = DEFAULT_TRANSPORT;
    }
    if (packageName == null) {
      return invalid(fileName, null, version, transport, "no 'package' name");
    }
    Instant at;
    try {
      String captured = text(root, "captured_at");
      if (captured == null) {
        return invalid(fileName, packageName, version, transport, "no 'captured_at'");
      }
      at = Instant.parse(captured);
    } catch (DateTimeParseException e) {
      return invalid(
          fileName, packageName, version, transport, "'captured_at' is not an RFC 3339 instant");
    }
    JsonNode initialize = root.get("initialize");
    if (initialize == null || !initialize.isObject()) {
      return invalid(fileName, packageName, version, transport, "no 'initialize' object");
    }
    JsonNode page = root.path("tools_list").get("tools");
    if (page == null || !page.isArray()) {
      return invalid(fileName, packageName, version, transport, "no 'tools_list.tools' array");
    }
    List<ToolDefinition> tools = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (int i = 0; i < page.size(); i++) {
      try {
        tools.add(ToolDefinition.of(page.get(i)));
      } catch (IllegalArgumentException e) {
        skipped.add("#" + i + ": " + e.getMessage());
      }
    }
    String reason =
        skipped.isEmpty()
            ? ""
            : "skipped " + skipped.size() + " invalid tool(s): " + String.join("; ", skipped);
    JsonNode pages = root.get("tools_list_pages");
    CrawlOutcome outcome =
        new CrawlOutcome(
            ServerEntry.npmId(packageName),
            CrawlStatus.OK,
            reason,
            at,
            METHOD,
            text(initialize, "protocolVersion"),
            initialize.get("serverInfo"),
            initialize.get("capabilities"),
            text(initialize, "instructions"),
            tools,
            pages != null && pages.canConvertToInt() && pages.asInt() > 0 ? pages.asInt() : 1,
            0,
            0);
    return new Snapshot(fileName, packageName, version, transport, outcome);
  }

  private static Snapshot invalid(
      String fileName, String packageName, String version, String transport, String reason) {
    String serverId = packageName != null ? ServerEntry.npmId(packageName) : "snapshot:" + fileName;
    CrawlOutcome outcome =
        CrawlOutcome.failed(
            serverId, CrawlStatus.SNAPSHOT_INVALID, reason, Instant.now(), METHOD, 0);
    return new Snapshot(fileName, packageName, version, transport, outcome);
  }

  private static String text(JsonNode node, String field) {
    String value = Json.text(node, field);
    return value == null || value.isBlank() ? null : value.strip();
  }
}
