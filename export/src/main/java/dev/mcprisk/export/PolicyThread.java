package dev.mcprisk.export;

import dev.mcprisk.model.CatalogueServer;
import dev.mcprisk.model.ServerEntry;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The policy files of {@link Exporter#writeAll}, written on a thread of their own beside the
 * catalogue files, through a bounded queue.
 *
 * <p>Thread-safety: stateless; each call starts one daemon thread and ends it before it returns.
 */
final class PolicyThread {
  /** Called with each server before its policy files are written. */
  @FunctionalInterface
  interface ServerCallback {
    /**
     * Takes one server, on the reading thread.
     *
     * @throws IOException when writing it fails
     */
    void accept(CatalogueServer server) throws IOException;
  }

  /** Servers handed from the reading thread to the policy thread, at most; bounds the memory. */
  static final int POLICY_QUEUE_SERVERS = 256;

  /** How long the reading thread waits for room in the queue before checking the policy thread. */
  private static final long QUEUE_POLL_MILLIS = 100;

  /** Marks the end of the servers in the policy queue. */
  private static final CatalogueServer END =
      new CatalogueServer(
          new ServerEntry("end", "end", null, null, null, null, null, null, "export", null),
          null,
          List.of());

  /**
   * Writes the files of every server of {@code servers} with {@code writer} on a second thread
   * (named {@code export-policies}), while this thread reads the servers and passes each to {@code
   * eachServer} (the catalogue files): on two cores the rendering, validation and writing of 86,000
   * small files overlaps the catalogue's JSON. The servers go through a queue of {@value
   * #POLICY_QUEUE_SERVERS} servers at most, in order. Every Intercept file the writer validates is
   * validated before this returns; the first failure on either thread ends both and is thrown here.
   *
   * @return the writer's counts ({@link PolicyFileWriter#finish})
   * @throws IOException when {@code eachServer} or the writer fails to write
   * @throws java.io.InterruptedIOException when this thread is interrupted
   * @throws IllegalStateException when a generated Intercept file is invalid (a bug)
   */
  static PolicyFiles write(
      PolicyFileWriter writer, Iterable<CatalogueServer> servers, ServerCallback eachServer)
      throws IOException {
    BlockingQueue<CatalogueServer> queue = new ArrayBlockingQueue<>(POLICY_QUEUE_SERVERS);
    ExecutorService thread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "export-policies");
              t.setDaemon(true);
              return t;
            });
    try {
      Future<PolicyFiles> done =
          thread.submit(
              () -> {
                for (CatalogueServer next = queue.take(); next != END; next = queue.take()) {
                  writer.write(next);
                }
                return writer.finish();
              });
      for (CatalogueServer server : servers) {
        eachServer.accept(server);
        hand(queue, server, done);
      }
      hand(queue, END, done);
      return done.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while writing the policy files");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    } finally {
      thread.shutdownNow();
      try {
        thread.awaitTermination(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Puts {@code server} into the queue, waiting for room; when the policy thread has ended (it
   * failed), gets its outcome, which throws.
   */
  private static void hand(
      BlockingQueue<CatalogueServer> queue, CatalogueServer server, Future<PolicyFiles> done)
      throws InterruptedException, ExecutionException {
    while (!queue.offer(server, QUEUE_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
      if (done.isDone()) {
        done.get();
        throw new IllegalStateException("the policy thread ended before the last server");
      }
    }
  }

  private PolicyThread() {}
}
