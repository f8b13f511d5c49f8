package dev.mcprisk.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The real jar started in the background, its output lines collected as they come, so a test can
 * wait for a line and then signal the process (SIGTERM via {@link Process#destroy()}).
 */
final class CliDaemon implements AutoCloseable {
  private final Process process;
  private final List<String> out = new ArrayList<>();
  private final List<String> err = new ArrayList<>();

  private CliDaemon(Process process) {
    this.process = process;
    pump(process.getInputStream(), out, "stdout");
    pump(process.getErrorStream(), err, "stderr");
  }

  static CliDaemon start(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(CliProcess.jar().toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().remove("MCPRISK_HOME");
    pb.environment().remove("MCPRISK_SERVERS_DIR");
    Process p = pb.start();
    p.getOutputStream().close();
    return new CliDaemon(p);
  }

  private void pump(InputStream in, List<String> into, String name) {
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  synchronized (this) {
                    into.add(line);
                    notifyAll();
                  }
                }
              } catch (IOException ignored) {
                // the process ended; what was read is kept
              }
            },
            "cli-daemon-" + name);
    t.setDaemon(true);
    t.start();
  }

  long pid() {
    return process.pid();
  }

  /** Waits for a line on stdout or stderr that matches; fails the test on timeout. */
  synchronized String awaitLine(Predicate<String> matches, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (List<String> lines : List.of(out, err)) {
        for (String line : lines) {
          if (matches.test(line)) {
            return line;
          }
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("no such line within " + timeout + "; output: " + output());
      }
      TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
    }
  }

  /** Sends SIGTERM. */
  void sigterm() {
    process.destroy();
  }

  /** Waits for the exit; fails the test when it takes longer than {@code timeout}. */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("did not exit within " + timeout + "; output: " + output());
    }
    return process.exitValue();
  }

  synchronized String output() {
    return "stdout:\n" + String.join("\n", out) + "\nstderr:\n" + String.join("\n", err);
  }

  synchronized String stderr() {
    return String.join("\n", err);
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
