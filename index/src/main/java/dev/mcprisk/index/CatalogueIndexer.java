package dev.mcprisk.index;

import dev.mcprisk.files.FileTrees;
import dev.mcprisk.model.CatalogueServer;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * Builds the catalogue index (field model: {@code package-info.java}) from scratch ({@link
 * #rebuild}) or updates it in place by server ({@link #update}).
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
      bytes = FileTrees.size(fresh);
      swap(fresh, target);
    } catch (IOException | RuntimeException e) {
      FileTrees.deleteQuietly(fresh);
      throw e;
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    return new IndexStats(servers.size(), tools, bytes, millis);
  }

  /**
   * Updates the index at {@code indexDir} in place for the nightly job: each changed server's
   * documents (the server and all its tools) are replaced as one block with {@link
   * IndexWriter#updateDocuments} keyed by {@link IndexFields#SERVER_ID}, so tools the server no
   * longer lists disappear; removed servers' documents are deleted with {@link
   * IndexWriter#deleteDocuments}. One commit at the end.
   *
   * <p>Crash safety: Lucene commits are atomic; a crash before the commit leaves the previous
   * commit readable and the update can simply be run again (it is idempotent). Lucene's write lock
   * refuses a second writer on the same directory ({@link
   * org.apache.lucene.store.LockObtainFailedException}, an {@link IOException}); searches may run
   * during an update.
   *
   * <p>Searchers: an open {@link CatalogueSearcher} keeps its point-in-time view. A long-running
   * server refreshes without downtime the way Lucene's {@code SearcherManager} does: {@code
   * DirectoryReader.openIfChanged} on the same directory after the commit, swap, then close the old
   * reader once its in-flight searches end; with this class that is {@link CatalogueSearcher#open}
   * of the same directory, swap the reference, close the old one. After a {@link #rebuild} the
   * directory itself was replaced, so only a new {@link CatalogueSearcher#open} sees it.
   *
   * @param indexDir an index written by {@link #rebuild} with this field model version
   * @param changed servers to add or replace, whole (entry and every tool); no null elements
   * @param removedServerIds ids of servers to delete; ids not in the index are ignored
   * @return servers and tools written, index size in bytes after the commit, elapsed milliseconds
   * @throws IOException when there is no index at {@code indexDir} ("no index at ...: run `mcprisk
   *     run` first"), it has another field model version ("... has format ..., this version writes
   *     ...: rebuild it"), another writer holds the lock, or writing fails; the last commit is then
   *     still in place
   * @throws IllegalArgumentException when {@code changed} or {@code removedServerIds} holds a null,
   *     or a document cannot be indexed
   * @throws NullPointerException when an argument is null
   */
  public static IndexStats update(
      Path indexDir, List<CatalogueServer> changed, Set<String> removedServerIds)
      throws IOException {
    Objects.requireNonNull(indexDir, "indexDir == null");
    Objects.requireNonNull(changed, "changed == null");
    Objects.requireNonNull(removedServerIds, "removedServerIds == null");
    if (changed.stream().anyMatch(Objects::isNull)) {
      throw new IllegalArgumentException("changed holds a null");
    }
    if (removedServerIds.stream().anyMatch(Objects::isNull)) {
      throw new IllegalArgumentException("removedServerIds holds a null");
    }
    long start = System.nanoTime();
    Path path = indexDir.toAbsolutePath().normalize();
    if (!Files.isDirectory(path)) {
      throw new IOException("no index at " + path + ": run `mcprisk run` first");
    }
    int tools = 0;
    try (Directory directory = FSDirectory.open(path)) {
      if (!DirectoryReader.indexExists(directory)) {
        throw new IOException("no index at " + path + ": run `mcprisk run` first");
      }
      checkFormat(directory, path);
      IndexWriterConfig config = new IndexWriterConfig(IdentifierAnalyzer.forIndexing());
      config.setOpenMode(IndexWriterConfig.OpenMode.APPEND);
      config.setCommitOnClose(false);
      try (IndexWriter writer = new IndexWriter(directory, config)) {
        for (String removed : removedServerIds) {
          writer.deleteDocuments(new Term(IndexFields.SERVER_ID, removed));
        }
        for (CatalogueServer server : changed) {
          writer.updateDocuments(
              new Term(IndexFields.SERVER_ID, server.server().id()),
              CatalogueDocuments.all(server));
          tools += server.tools().size();
        }
        writer.setLiveCommitData(formatCommitData().entrySet());
        writer.commit();
      }
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    return new IndexStats(changed.size(), tools, FileTrees.size(path), millis);
  }

  private static void checkFormat(Directory directory, Path path) throws IOException {
    try (DirectoryReader reader = DirectoryReader.open(directory)) {
      String format = reader.getIndexCommit().getUserData().get(IndexDefaults.FORMAT_VERSION_KEY);
      if (!IndexDefaults.INDEX_FORMAT_VERSION.equals(format)) {
        throw new IOException(
            "index at "
                + path
                + " has format "
                + format
                + ", this version writes "
                + IndexDefaults.INDEX_FORMAT_VERSION
                + ": rebuild it with `mcprisk run`");
      }
    }
  }

  private static Map<String, String> formatCommitData() {
    return Map.of(IndexDefaults.FORMAT_VERSION_KEY, IndexDefaults.INDEX_FORMAT_VERSION);
  }

  private static int write(Path dir, List<CatalogueServer> servers) throws IOException {
    IndexWriterConfig config = new IndexWriterConfig(IdentifierAnalyzer.forIndexing());
    config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
    config.setCommitOnClose(false);
    config.setRAMBufferSizeMB(IndexDefaults.REBUILD_RAM_BUFFER_MB);
    int tools = 0;
    try (Directory directory = FSDirectory.open(dir);
        IndexWriter writer = new IndexWriter(directory, config)) {
      for (CatalogueServer server : servers) {
        writer.addDocuments(CatalogueDocuments.all(server));
        tools += server.tools().size();
      }
      writer.setLiveCommitData(formatCommitData().entrySet());
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
      FileTrees.deleteQuietly(old);
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
        FileTrees.deleteQuietly(leftover);
      }
    }
  }
}
