package dev.mcprisk.crawler.mcp;

import dev.mcprisk.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One running stdio server process: a bounded reader thread on stdout feeding a bounded queue (and
 * keeping the tail of what is not a protocol message), a drain thread on stderr, writes to stdin,
 * and the shut-down escalation of the MCP lifecycle
 * (https://modelcontextprotocol.io/specification/2025-11-25/basic/lifecycle#stdio: "close stdin,
 * wait, SIGTERM, wait, SIGKILL", for the whole process tree).
 *
 * <p>Not thread-safe: one crawl thread uses it; its own two threads are internal.
 */
final class StdioConnection implements AutoCloseable {

  /** Wait after closing stdin before SIGTERM: 1 second. */
  static final Duration STDIN_CLOSE_GRACE = Duration.ofSeconds(1);

  /** Wait after SIGTERM before SIGKILL: 2 seconds. */
  static final Duration TERM_GRACE = Duration.ofSeconds(2);

  /** Wait for the kernel to reap after SIGKILL: 2 seconds. */
  static final Duration KILL_WAIT = Duration.ofSeconds(2);

  /** Wait for an exit code once stdout has ended: 2 seconds. */
  static final Duration EXIT_CODE_WAIT = Duration.ofSeconds(2);

  /** Interval between checks whether a process has ended: 10 milliseconds. */
  static final long EXIT_POLL_MILLIS = 10;

  /** Lines buffered between the stdout reader and the crawl thread: 64. */
  static final int QUEUE_CAPACITY = 64;

  /**
   * Bytes kept of the stdout lines that cannot start a JSON-RPC message (a usage message), for a
   * failure reason: the last 2 KiB.
   */
  static final int STDOUT_TAIL_BYTES = 2 * 1024;

  /** What the stdout reader saw. */
  enum Kind {
    LINE,
    EOF,
    LINE_TOO_LONG,
    TOTAL_TOO_LARGE,
    READ_FAILED
  }

  /** One item from the stdout reader. */
  record Event(Kind kind, String text) {}

  private final Process process;
  private final OutputStream stdin;
  private final BlockingQueue<Event> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
  private final OutputTail stderr;
  private final OutputTail stdoutNoise = new OutputTail(STDOUT_TAIL_BYTES);
  private final AtomicLong bytesRead = new AtomicLong();
  private final Thread stdoutThread;
  private final Thread stderrThread;
  private final Set<ProcessHandle> tree = new LinkedHashSet<>();

  private StdioConnection(
      Process process, String name, int maxLineBytes, long maxTotalBytes, int stderrBytes) {
    this.process = process;
    this.stderr = new OutputTail(stderrBytes);
    this.stdin = process.getOutputStream();
    this.stdoutThread =
        new Thread(() -> readStdout(maxLineBytes, maxTotalBytes), "mcp-stdout-" + name);
    this.stderrThread =
        new Thread(() -> stderr.drain(process.getErrorStream()), "mcp-stderr-" + name);
    stdoutThread.setDaemon(true);
    stderrThread.setDaemon(true);
    stdoutThread.start();
    stderrThread.start();
  }

  /**
   * Starts the process with exactly {@code environment} (nothing inherited).
   *
   * @throws IOException when the process cannot start
   */
  static StdioConnection start(
      String name,
      List<String> command,
      Map<String, String> environment,
      Path workingDirectory,
      int maxLineBytes,
      long maxTotalBytes,
      int stderrBytes)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().putAll(environment);
    if (workingDirectory != null) {
      builder.directory(workingDirectory.toFile());
    }
    Process process = builder.start();
    return new StdioConnection(process, name, maxLineBytes, maxTotalBytes, stderrBytes);
  }

  /** Writes one JSON-RPC message and a newline. */
  void send(Object message) throws IOException {
    byte[] bytes = (Json.write(message) + "\n").getBytes(StandardCharsets.UTF_8);
    stdin.write(bytes);
    stdin.flush();
  }

  /** The next stdout event, or null when {@code deadlineNanos} (System.nanoTime) passes first. */
  Event poll(long deadlineNanos) throws InterruptedException {
    long wait = deadlineNanos - System.nanoTime();
    return wait <= 0 ? queue.poll() : queue.poll(wait, TimeUnit.NANOSECONDS);
  }

  /** Stdout bytes read so far. */
  long bytesRead() {
    return bytesRead.get();
  }

  /** The process id (of bubblewrap when sandboxed). */
  long pid() {
    return process.pid();
  }

  /** The exit code once the process has ended within {@link #EXIT_CODE_WAIT}, else empty. */
  OptionalInt exitCode() throws InterruptedException {
    if (process.waitFor(EXIT_CODE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
      stderrThread.join(EXIT_CODE_WAIT.toMillis());
      return OptionalInt.of(process.exitValue());
    }
    return OptionalInt.empty();
  }

  /** The last bytes of stderr ({@link CrawlLimits#maxStderrBytes()}), sanitised. */
  String stderrTail() {
    return stderr.text();
  }

  /**
   * The last {@link #STDOUT_TAIL_BYTES} of the stdout lines that cannot start a JSON-RPC message
   * (their first visible character is neither <code>{</code> nor {@code [}), sanitised.
   */
  String stdoutTail() {
    return stdoutNoise.text();
  }

  /**
   * Ends the process and every descendant: close stdin, wait {@link #STDIN_CLOSE_GRACE}, SIGTERM
   * the tree, wait {@link #TERM_GRACE}, SIGKILL the tree. Descendants are recorded at every step
   * while the parent lives, so children orphaned by its exit are still killed.
   */
  @Override
  public void close() {
    boolean interrupted = Thread.interrupted();
    try {
      remember();
      try {
        stdin.close();
      } catch (IOException e) {
        // The pipe is already broken: the process is gone or going.
      }
      if (!waitFor(process.toHandle(), STDIN_CLOSE_GRACE)) {
        remember();
        signal(false);
        if (!waitFor(process.toHandle(), TERM_GRACE)) {
          remember();
          signal(true);
          waitFor(process.toHandle(), KILL_WAIT);
        }
      }
      killSurvivors();
    } finally {
      stdoutThread.interrupt();
      try {
        process.getInputStream().close();
        process.getErrorStream().close();
      } catch (IOException e) {
        // Closing a dead process's pipes cannot fail in a way that matters.
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void remember() {
    if (process.isAlive()) {
      process.descendants().forEach(tree::add);
    }
  }

  /** SIGTERM (or SIGKILL) children first, then the process itself. */
  private void signal(boolean force) {
    List<ProcessHandle> handles = new ArrayList<>(tree);
    java.util.Collections.reverse(handles);
    for (ProcessHandle handle : handles) {
      if (force) {
        handle.destroyForcibly();
      } else {
        handle.destroy();
      }
    }
    if (force) {
      process.destroyForcibly();
    } else {
      process.destroy();
    }
  }

  /** Descendants still alive after the parent ended (they ignored SIGTERM or were orphaned). */
  private void killSurvivors() {
    List<ProcessHandle> alive = tree.stream().filter(StdioConnection::running).toList();
    if (alive.isEmpty()) {
      return;
    }
    alive.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + TERM_GRACE.toNanos();
    for (ProcessHandle handle : alive) {
      waitFor(handle, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }
    for (ProcessHandle handle : alive) {
      if (running(handle)) {
        handle.destroyForcibly();
        waitFor(handle, KILL_WAIT);
      }
    }
  }

  /**
   * Polls rather than {@code onExit()}: for a process that is not our child the JDK polls with a
   * back-off that adds up to seconds, while these processes are usually already dying.
   */
  private static boolean waitFor(ProcessHandle handle, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (running(handle)) {
      if (System.nanoTime() >= deadline) {
        return false;
      }
      try {
        Thread.sleep(EXIT_POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return !running(handle);
      }
    }
    return true;
  }

  /**
   * Whether a process still runs. A zombie does not: {@link ProcessHandle#isAlive()} counts it
   * until its parent reaps it, and a process orphaned into a container whose init reaps slowly (as
   * bubblewrap's inner process is) can stay a zombie for seconds. Reads {@code /proc/<pid>/stat} on
   * Linux; elsewhere falls back to {@code isAlive()}.
   */
  static boolean running(ProcessHandle handle) {
    if (!handle.isAlive()) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(handle.pid()), "stat"));
      int close = stat.lastIndexOf(')');
      if (close < 0 || close + 2 >= stat.length()) {
        return true;
      }
      char state = stat.charAt(close + 2);
      return state != 'Z' && state != 'X';
    } catch (IOException | RuntimeException e) {
      return handle.isAlive();
    }
  }

  private static boolean startsJson(String line) {
    String text = line.strip();
    return text.isEmpty() || text.charAt(0) == '{' || text.charAt(0) == '[';
  }

  private void readStdout(int maxLineBytes, long maxTotalBytes) {
    BoundedLineReader reader = new BoundedLineReader(process.getInputStream(), maxLineBytes);
    try {
      while (true) {
        BoundedLineReader.Line line;
        try {
          line = reader.next();
        } catch (IOException e) {
          queue.put(new Event(Kind.READ_FAILED, Objects.toString(e.getMessage(), "")));
          return;
        }
        long total = bytesRead.addAndGet(line.bytes());
        if (line.kind() == BoundedLineReader.Kind.TOO_LONG) {
          queue.put(new Event(Kind.LINE_TOO_LONG, ""));
          return;
        }
        if (total > maxTotalBytes) {
          queue.put(new Event(Kind.TOTAL_TOO_LARGE, ""));
          return;
        }
        if (line.kind() == BoundedLineReader.Kind.EOF) {
          queue.put(new Event(Kind.EOF, ""));
          return;
        }
        if (!startsJson(line.text())) {
          stdoutNoise.line(line.text());
        }
        queue.put(new Event(Kind.LINE, line.text()));
      }
    } catch (InterruptedException e) {
      // close() interrupts a reader blocked on a full queue: nobody reads any more.
    }
  }
}
