package dev.mcprisk.export;

import dev.mcprisk.model.CatalogueServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes the whole export folder: {@code catalogue.json}, {@code intercept/<stem>.yaml} and {@code
 * policylayer/<stem>.json} for every server with tools, stems from {@link ExportFileNames}.
 *
 * <p>Atomicity (shared/DESIGN.md, "Storage and files"): everything is written and forced to disk in
 * a sibling folder {@code .<name>.writing-<nanos>}; then the old folder is renamed aside, the new
 * one renamed into place, and the old one deleted. The export folder is thus never half-written:
 * readers see the old export or the new one (between the two renames, which take microseconds, the
 * folder is briefly absent). Leftovers of a crashed run are removed by the next one. {@code
 * catalogue.json} and the folders are forced to disk; the per-server policy files are not forced
 * one by one (about 10 ms per fsync, minutes for 43,000 servers): a process crash cannot tear them,
 * but after a power loss the newest export's policy files may be incomplete until the next run.
 *
 * <p>Thread-safe: stateless, but two concurrent runs on the same folder are not supported.
 */
public final class Exporter {
  /** Name of the catalogue document inside the export folder. */
  public static final String CATALOGUE_FILE = "catalogue.json";

  /** Folder of Intercept policy files. */
  public static final String INTERCEPT_DIR = "intercept";

  /** Folder of PolicyLayer policy files. */
  public static final String POLICYLAYER_DIR = "policylayer";

  private static final String WRITING = ".writing-";
  private static final String PREVIOUS = ".previous-";

  private Exporter() {}

  /**
   * Replaces {@code exportDir} with a fresh export.
   *
   * @param exportDir the export folder, e.g. {@code ~/.mcprisk/export}; its parent is created when
   *     missing
   * @param servers the catalogue
   * @param generatedAt when the catalogue was generated; its UTC date dates the policies
   * @param classifierVersion version of the classifier whose assessments are included
   * @return what was written
   * @throws IOException when writing fails; the previous export is then left in place
   * @throws IllegalStateException when a generated Intercept file fails {@link
   *     InterceptPolicyValidator} or two servers map to one file name (both are bugs)
   */
  public static ExportStats writeAll(
      Path exportDir, List<CatalogueServer> servers, Instant generatedAt, String classifierVersion)
      throws IOException {
    Objects.requireNonNull(exportDir, "exportDir == null");
    Objects.requireNonNull(servers, "servers == null");
    Path target = exportDir.toAbsolutePath().normalize();
    Path parent = target.getParent();
    Files.createDirectories(parent);
    String name = target.getFileName().toString();
    removeLeftovers(parent, name);
    Path temp = parent.resolve("." + name + WRITING + System.nanoTime());
    try {
      ExportStats stats = writeInto(temp, servers, generatedAt, classifierVersion);
      swap(temp, target, parent.resolve("." + name + PREVIOUS + System.nanoTime()));
      return stats;
    } catch (IOException | RuntimeException e) {
      deleteTree(temp);
      throw e;
    }
  }

  private static ExportStats writeInto(
      Path dir, List<CatalogueServer> servers, Instant generatedAt, String classifierVersion)
      throws IOException {
    Path intercept = Files.createDirectories(dir.resolve(INTERCEPT_DIR));
    Path policyLayer = Files.createDirectories(dir.resolve(POLICYLAYER_DIR));
    byte[] catalogue = CatalogueJsonWriter.render(servers, generatedAt, classifierVersion);
    AtomicFiles.writeDurably(dir.resolve(CATALOGUE_FILE), catalogue);
    long bytes = catalogue.length;
    int files = 0;
    LocalDate date = LocalDate.ofInstant(generatedAt, ZoneOffset.UTC);
    Map<String, String> idByStem = new HashMap<>();
    for (CatalogueServer server : servers) {
      if (server.tools().isEmpty()) {
        continue;
      }
      String id = server.server().id();
      String stem = ExportFileNames.forServer(id);
      String other = idByStem.putIfAbsent(stem, id);
      if (other != null) {
        throw new IllegalStateException(
            "servers '" + other + "' and '" + id + "' map to the same file name stem " + stem);
      }
      String yaml = InterceptPolicyWriter.render(server, date);
      List<String> violations = InterceptPolicyValidator.validate(yaml);
      if (!violations.isEmpty()) {
        throw new IllegalStateException(
            "generated Intercept policy for '" + id + "' is invalid: " + violations);
      }
      bytes += write(intercept.resolve(stem + ".yaml"), yaml);
      bytes += write(policyLayer.resolve(stem + ".json"), PolicyLayerWriter.render(server));
      files++;
    }
    AtomicFiles.forceDirectory(intercept);
    AtomicFiles.forceDirectory(policyLayer);
    AtomicFiles.forceDirectory(dir);
    return new ExportStats(servers.size(), files, files, bytes);
  }

  private static long write(Path file, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    Files.write(file, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    return bytes.length;
  }

  private static void swap(Path fresh, Path target, Path previous) throws IOException {
    boolean hadOld = Files.exists(target);
    if (hadOld) {
      Files.move(target, previous, StandardCopyOption.ATOMIC_MOVE);
    }
    try {
      Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      if (hadOld) {
        Files.move(previous, target, StandardCopyOption.ATOMIC_MOVE);
      }
      throw e;
    }
    AtomicFiles.forceDirectory(target.getParent());
    if (hadOld) {
      deleteTree(previous);
    }
  }

  private static void removeLeftovers(Path parent, String name) throws IOException {
    try (DirectoryStream<Path> siblings =
        Files.newDirectoryStream(
            parent, p -> p.getFileName().toString().startsWith("." + name + "."))) {
      for (Path sibling : siblings) {
        String rest = sibling.getFileName().toString().substring(name.length() + 1);
        if (rest.startsWith(WRITING) || rest.startsWith(PREVIOUS)) {
          if (rest.startsWith(PREVIOUS) && !Files.exists(parent.resolve(name))) {
            // A crash between the two renames: the previous export is the last good one.
            Files.move(sibling, parent.resolve(name), StandardCopyOption.ATOMIC_MOVE);
          } else {
            deleteTree(sibling);
          }
        }
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
