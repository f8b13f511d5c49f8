package dev.mcprisk.index;

import dev.mcprisk.files.FileTrees;
import dev.mcprisk.model.CatalogueServer;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LogByteSizeMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;

/**
 * Builds the catalogue index (field model: {@code package-info.java}) from scratch ({@link
 * #rebuild}) or updates it in place by server ({@link #update}).
 *
 * <p>Atomic replace (docs/design.md, "Storage and files"): the new index is written and committed
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
 * time (the caller's job schedule ensures it); searches may run during a rebuild. A rebuild runs
 * {@link IndexDefaults#REBUILD_THREADS} indexing threads of its own (daemon threads named {@code
 * mcprisk-index-N}, ended before it returns) besides Lucene's merge threads; the iterable is walked
 * on the caller's thread only.
 */
public final class CatalogueIndexer {
  private static final String TMP_INFIX = ".tmp-";
  private static final String OLD_INFIX = ".old-";
  private static final String PART_INFIX = "-part";

  private CatalogueIndexer() {}

  /**
   * Replaces the index at {@code indexDir} by one holding exactly {@code servers} and their tools:
   * {@link #rebuild(Path, Iterable)} over the list.
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
    return rebuild(indexDir, (Iterable<CatalogueServer>) servers);
  }

  /**
   * Replaces the index at {@code indexDir} by one holding exactly the servers {@code servers}
   * yields and their tools, streaming: the iterable is walked once, and each server is indexed and
   * dropped before the next is asked for, so the catalogue is never held in memory as a whole (the
   * pipeline pages servers out of the store). Memory is bounded by the IndexWriter's RAM buffer
   * ({@link IndexDefaults#REBUILD_RAM_BUFFER_MB}) plus the servers in flight.
   *
   * <p>The new index is written beside the old one and swapped in only when complete (see the class
   * comment): when the iterable throws, yields a null, or a server cannot be indexed, the previous
   * index stays in place and the partial one is deleted.
   *
   * @param indexDir the index directory; created with its parents if missing
   * @param servers the whole catalogue, walked once on the calling thread; no null elements
   * @return document counts, index size in bytes and elapsed milliseconds
   * @throws IOException when writing or renaming fails
   * @throws IllegalArgumentException when {@code servers} yields a null ("servers holds a null"),
   *     or a document cannot be indexed (a keyword such as a server id over Lucene's 32,766-byte
   *     term limit)
   * @throws NullPointerException when an argument is null
   * @throws RuntimeException whatever the iterable throws, unchanged
   */
  public static IndexStats rebuild(Path indexDir, Iterable<CatalogueServer> servers)
      throws IOException {
    Objects.requireNonNull(indexDir, "indexDir == null");
    Objects.requireNonNull(servers, "servers == null");
    long start = System.nanoTime();
    Path target = indexDir.toAbsolutePath().normalize();
    Path parent = target.getParent();
    Files.createDirectories(parent);
    deleteLeftovers(parent, target.getFileName().toString());
    Path fresh = sibling(target, TMP_INFIX);
    Counts counts;
    long bytes;
    try {
      counts = write(fresh, servers);
      bytes = FileTrees.size(fresh);
      swap(fresh, target);
    } catch (IOException | RuntimeException e) {
      FileTrees.deleteQuietly(fresh);
      throw e;
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    return new IndexStats(counts.servers(), counts.tools(), bytes, millis);
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
    Objects.requireNonNull(changed, "changed == null");
    if (changed.stream().anyMatch(Objects::isNull)) {
      throw new IllegalArgumentException("changed holds a null");
    }
    return update(indexDir, (Iterable<CatalogueServer>) changed, removedServerIds);
  }

  /**
   * {@link #update(Path, List, Set)} with the changed servers streamed: {@code changed} is walked
   * once on the calling thread and each server is written and dropped before the next is asked for.
   * A null element, an exception from the iterable or a document that cannot be indexed aborts the
   * update before its commit, so the last commit stays in place.
   *
   * @param indexDir an index written by {@link #rebuild} with this field model version
   * @param changed servers to add or replace, whole (entry and every tool); no null elements
   * @param removedServerIds ids of servers to delete; ids not in the index are ignored
   * @return servers and tools written, index size in bytes after the commit, elapsed milliseconds
   * @throws IOException as {@link #update(Path, List, Set)}
   * @throws IllegalArgumentException when {@code changed} yields a null ("changed holds a null"),
   *     {@code removedServerIds} holds a null, or a document cannot be indexed
   * @throws NullPointerException when an argument is null
   * @throws RuntimeException whatever the iterable throws, unchanged
   */
  public static IndexStats update(
      Path indexDir, Iterable<CatalogueServer> changed, Set<String> removedServerIds)
      throws IOException {
    Objects.requireNonNull(indexDir, "indexDir == null");
    Objects.requireNonNull(changed, "changed == null");
    Objects.requireNonNull(removedServerIds, "removedServerIds == null");
    if (removedServerIds.stream().anyMatch(Objects::isNull)) {
      throw new IllegalArgumentException("removedServerIds holds a null");
    }
    long start = System.nanoTime();
    Path path = indexDir.toAbsolutePath().normalize();
    if (!Files.isDirectory(path)) {
      throw new IOException("no index at " + path + ": run `mcprisk run` first");
    }
    int servers = 0;
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
          if (server == null) {
            throw new IllegalArgumentException("changed holds a null");
          }
          servers++;
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
    return new IndexStats(servers, tools, FileTrees.size(path), millis);
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

  /** Servers and tools written. */
  private record Counts(int servers, int tools) {}

  /** A server handed to an indexing thread; {@link #END} tells the thread to stop. */
  private record Work(CatalogueServer server) {}

  private static final Work END = new Work(null);

  /**
   * Writes the index into {@code dir}: {@link IndexDefaults#REBUILD_THREADS} threads each fill
   * their own IndexWriter (the first in {@code dir}, the others in sibling part directories) with
   * every {@code n}-th chunk of {@link IndexDefaults#REBUILD_CHUNK_SERVERS} servers; then the parts
   * are added to the first writer in thread order and merged down to {@link
   * IndexDefaults#REBUILD_MAX_SEGMENTS} segment with a merge policy that merges only adjacent
   * segments. A single thread per writer and in-order merges make the document order, which breaks
   * score ties, a function of the catalogue's order alone.
   */
  private static Counts write(Path dir, Iterable<CatalogueServer> servers) throws IOException {
    int threads = IndexDefaults.REBUILD_THREADS;
    List<Path> paths = new ArrayList<>();
    paths.add(dir);
    for (int i = 1; i < threads; i++) {
      paths.add(dir.resolveSibling(dir.getFileName() + PART_INFIX + i));
    }
    List<Directory> directories = new ArrayList<>();
    List<IndexWriter> writers = new ArrayList<>();
    try {
      for (Path path : paths) {
        Directory directory = FSDirectory.open(path);
        directories.add(directory);
        writers.add(new IndexWriter(directory, rebuildConfig(threads)));
      }
      Counts counts = feed(writers, servers);
      for (int i = 1; i < threads; i++) {
        writers.get(i).commit();
        writers.get(i).close();
      }
      IndexWriter writer = writers.get(0);
      writer.addIndexes(directories.subList(1, threads).toArray(new Directory[0]));
      writer.setLiveCommitData(formatCommitData().entrySet());
      writer.forceMerge(IndexDefaults.REBUILD_MAX_SEGMENTS);
      writer.commit();
      return counts;
    } finally {
      IOUtils.closeWhileHandlingException(writers);
      IOUtils.closeWhileHandlingException(directories);
      for (Path part : paths.subList(1, paths.size())) {
        FileTrees.deleteQuietly(part);
      }
    }
  }

  /**
   * One rebuild writer: its share of the RAM buffer, plain files instead of compound files (a
   * one-off build need not save file handles), and a merge policy that merges only adjacent
   * segments, {@value IndexDefaults#REBUILD_MERGE_FACTOR} at a time, so merging keeps document
   * order and the final merge is one pass.
   */
  private static IndexWriterConfig rebuildConfig(int threads) {
    IndexWriterConfig config = new IndexWriterConfig(IdentifierAnalyzer.forIndexing());
    config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
    config.setCommitOnClose(false);
    config.setRAMBufferSizeMB(IndexDefaults.REBUILD_RAM_BUFFER_MB / threads);
    config.setUseCompoundFile(false);
    LogByteSizeMergePolicy merges = new LogByteSizeMergePolicy();
    merges.setNoCFSRatio(0);
    merges.setMergeFactor(IndexDefaults.REBUILD_MERGE_FACTOR);
    config.setMergePolicy(merges);
    return config;
  }

  /**
   * Walks {@code servers} on the calling thread and hands chunk {@code k} of {@link
   * IndexDefaults#REBUILD_CHUNK_SERVERS} servers to thread {@code k mod writers}, each fed through
   * its own bounded queue and writing to its own writer. The first failure, of the iterable or of
   * an indexing thread, stops the others and is rethrown as it was.
   */
  private static Counts feed(List<IndexWriter> writers, Iterable<CatalogueServer> servers)
      throws IOException {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<BlockingQueue<Work>> queues = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < writers.size(); i++) {
      BlockingQueue<Work> queue = new ArrayBlockingQueue<>(IndexDefaults.REBUILD_QUEUE_SERVERS);
      IndexWriter writer = writers.get(i);
      Thread thread = new Thread(() -> index(writer, queue, failure), "mcprisk-index-" + (i + 1));
      thread.setDaemon(true);
      thread.start();
      queues.add(queue);
      threads.add(thread);
    }
    int serverCount = 0;
    int tools = 0;
    try {
      for (CatalogueServer server : servers) {
        if (server == null) {
          throw new IllegalArgumentException("servers holds a null");
        }
        int chunk = serverCount / IndexDefaults.REBUILD_CHUNK_SERVERS;
        if (!put(queues.get(chunk % queues.size()), new Work(server), failure)) {
          break;
        }
        serverCount++;
        tools += server.tools().size();
      }
    } catch (RuntimeException | Error e) {
      failure.compareAndSet(null, e);
    } finally {
      stop(queues, threads, failure);
    }
    Throwable failed = failure.get();
    if (failed instanceof IOException io) {
      throw io;
    } else if (failed instanceof RuntimeException runtime) {
      throw runtime;
    } else if (failed instanceof Error error) {
      throw error;
    } else if (failed != null) {
      throw new IllegalStateException(failed);
    }
    return new Counts(serverCount, tools);
  }

  /** One indexing thread: takes servers until {@link #END}, or until any failure. */
  private static void index(
      IndexWriter writer, BlockingQueue<Work> queue, AtomicReference<Throwable> failure) {
    try {
      while (failure.get() == null) {
        Work work = queue.take();
        if (work == END) {
          return;
        }
        writer.addDocuments(CatalogueDocuments.all(work.server()));
      }
    } catch (InterruptedException e) {
      failure.compareAndSet(null, e);
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException | Error e) {
      failure.compareAndSet(null, e);
    }
  }

  /**
   * Waits for room in the queue; false when an indexing thread has failed or the caller was
   * interrupted (the failure is then recorded).
   */
  private static boolean put(
      BlockingQueue<Work> queue, Work work, AtomicReference<Throwable> failure) {
    try {
      while (failure.get() == null) {
        if (queue.offer(work, IndexDefaults.REBUILD_QUEUE_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
          return true;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure.compareAndSet(null, new InterruptedIOException("rebuild interrupted"));
    }
    return false;
  }

  /** Ends the indexing threads (after their queues drain, or at once on failure), joins them. */
  private static void stop(
      List<BlockingQueue<Work>> queues, List<Thread> threads, AtomicReference<Throwable> failure) {
    boolean interrupted = false;
    for (BlockingQueue<Work> queue : queues) {
      while (true) {
        if (failure.get() != null) {
          queue.clear();
        }
        try {
          if (queue.offer(END, IndexDefaults.REBUILD_QUEUE_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
            break;
          }
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    for (Thread thread : threads) {
      while (true) {
        try {
          thread.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
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
