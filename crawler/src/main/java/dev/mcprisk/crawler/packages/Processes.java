package dev.mcprisk.crawler.packages;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short helper command (npm) with a deadline, stdin from {@code /dev/null} and its merged
 * output kept only as a tail, so a chatty or hanging command can neither fill memory nor block the
 * crawl.
 *
 * <p>Thread-safe: stateless; each call owns its process and a temporary log file (deleted after).
 */
public final class Processes {

  private Processes() {}

  /**
   * Runs {@code command} in {@code directory} and waits at most {@code timeout}; on the deadline
   * the process and its descendants are killed.
   *
   * @param command executable and arguments; never empty
   * @param directory working directory; must exist
   * @param environment the child's whole environment; null inherits this JVM's environment
   * @param timeout positive deadline
   * @param tailBytes bytes of output kept, from the end; positive
   * @return how it ended; never null
   * @throws IOException when the command cannot start or the log file cannot be written
   */
  public static ProcessResult run(
      List<String> command,
      Path directory,
      Map<String, String> environment,
      Duration timeout,
      int tailBytes)
      throws IOException {
    Objects.requireNonNull(command, "command == null");
    Objects.requireNonNull(directory, "directory == null");
    Objects.requireNonNull(timeout, "timeout == null");
    if (command.isEmpty()) {
      throw new IllegalArgumentException("command is empty");
    }
    if (tailBytes <= 0) {
      throw new IllegalArgumentException("tailBytes <= 0: " + tailBytes);
    }
    long start = System.nanoTime();
    Path log = Files.createTempFile("mcprisk-cmd-", ".log");
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      if (environment != null) {
        builder.environment().clear();
        builder.environment().putAll(environment);
      }
      Process process = builder.start();
      boolean ended;
      try {
        ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        ended = false;
      }
      if (!ended) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
          process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      long durationMs = (System.nanoTime() - start) / 1_000_000;
      return new ProcessResult(
          ended ? process.exitValue() : -1, !ended, tail(log, tailBytes), durationMs);
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static String tail(Path log, int tailBytes) throws IOException {
    long size = Files.size(log);
    try (InputStream in = Files.newInputStream(log)) {
      in.skipNBytes(Math.max(0, size - tailBytes));
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    }
  }
}
