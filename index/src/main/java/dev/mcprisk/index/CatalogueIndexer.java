package dev.mcprisk.index;

import dev.mcprisk.model.CatalogueServer;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * Builds the catalogue index (field model: {@code package-info.java}) from scratch.
 *
 * <p>Atomic replace (shared/DESIGN.md, "Storage and files"): the new index is written and committed
 * in a sibling {@code <indexDir>.tmp-<uuid>}; then the current {@code indexDir} is renamed to
 * {@code <indexDir>.old-<uuid>}, the new one renamed into place ({@link
 * StandardCopyOption#ATOMIC_MOVE} where the file system supports it) and the old one deleted. A
 * crash while building leaves the last good index untouched; only a crash between the two renames
 * (microseconds) leaves it as the {@code .old-} sibling. Leftover {@code .tmp-} and {@code .old-}
 * siblings of earlier crashes are removed at the next rebuild. Open {@link CatalogueSearcher}s keep
 * reading the old files (on POSIX file systems deleted open files stay readable); where the old
 * directory cannot be deleted (Windows, open files) it is left for the next rebuild.
 *
 * <p>Thread-safety: stateless, but at most one rebuild of the same {@code indexDir} may run at a
 * time (the caller's job schedule ensures it); searches may run during a rebuild.
 */
public final class CatalogueIndexer {
  private static final String TMP_INFIX = ".tmp-";
  private static final String OLD_INFIX = ".old-";

  private CatalogueIndexer() {}

  /**
   * Replaces the index at {@code indexDir} by one holding exactly {@code servers} and their tools.
   *
   * @param indexDir the index directory; created with its parents if missing
   * @param servers the whole catalogue; no null elements
   * @return document counts, index size in bytes and elapsed milliseconds
   * @throws IOException when writing or renaming fails; the previous index is then still in place
   * @throws IllegalArgumentException when {@code servers} holds a null, or a document cannot be
   *     indexed (a keyword such as a server id over Lucene's 32,766-byte term limit); the previous
   *     index is then still in place
   * @throws NullPointerException when an argument is null
   */
  public static IndexStats rebuild(Path indexDir, List<CatalogueServer> servers)
      throws IOException {
    Objects.requireNonNull(indexDir, "indexDir == null");
    Objects.requireNonNull(servers, "servers == null");
    if (servers.stream().anyMatch(Objects::isNull)) {
      throw new IllegalArgumentException("servers holds a null");
    }
    long start = System.nanoTime();
    Path target = indexDir.toAbsolutePath().normalize();
    Path parent = target.getParent();
    Files.createDirectories(parent);
    deleteLeftovers(parent, target.getFileName().toString());
    Path fresh = sibling(target, TMP_INFIX);
    int tools;
    long bytes;
    try {
      tools = write(fresh, servers);
      bytes = sizeOf(fresh);
      swap(fresh, target);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(fresh);
      throw e;
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    return new IndexStats(servers.size(), tools, bytes, millis);
  }

  private static int write(Path dir, List<CatalogueServer> servers) throws IOException {
    IndexWriterConfig config = new IndexWriterConfig(IdentifierAnalyzer.forIndexing());
    config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
    config.setCommitOnClose(false);
    int tools = 0;
    try (Directory directory = FSDirectory.open(dir);
        IndexWriter writer = new IndexWriter(directory, config)) {
      for (CatalogueServer server : servers) {
        writer.addDocuments(CatalogueDocuments.all(server));
        tools += server.tools().size();
      }
      writer.setLiveCommitData(
          Map.of(IndexDefaults.FORMAT_VERSION_KEY, IndexDefaults.INDEX_FORMAT_VERSION).entrySet());
      writer.forceMerge(1);
      writer.commit();
    }
    return tools;
  }

  private static void swap(Path fresh, Path target) throws IOException {
    Path old = null;
    if (Files.exists(target)) {
      old = sibling(target, OLD_INFIX);
      move(target, old);
    }
    try {
      move(fresh, target);
    } catch (IOException e) {
      if (old != null) {
        try {
          move(old, target);
        } catch (IOException restore) {
          e.addSuppressed(restore);
        }
      }
      throw e;
    }
    if (old != null) {
      deleteQuietly(old);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  private static Path sibling(Path target, String infix) {
    return target.resolveSibling(target.getFileName() + infix + UUID.randomUUID());
  }

  private static void deleteLeftovers(Path parent, String name) throws IOException {
    try (DirectoryStream<Path> siblings =
        Files.newDirectoryStream(
            parent,
            p -> {
              String n = p.getFileName().toString();
              return n.startsWith(name + TMP_INFIX) || n.startsWith(name + OLD_INFIX);
            })) {
      for (Path leftover : siblings) {
        deleteQuietly(leftover);
      }
    }
  }

  private static long sizeOf(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      long total = 0;
      for (Path file : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(file)) {
          total += Files.size(file);
        }
      }
      return total;
    }
  }

  /** Best effort: an undeletable leftover is retried at the next rebuild. */
  private static void deleteQuietly(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(file);
      }
    } catch (IOException | RuntimeException e) {
      // left for the next rebuild's deleteLeftovers
    }
  }
}
