package dev.mcprisk.crawler.mcp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Confines a stdio MCP server with <a
 * href="https://github.com/containers/bubblewrap">bubblewrap</a> ({@code bwrap}, Debian/Ubuntu
 * package {@code bubblewrap}): new user, PID, network, IPC and UTS namespaces (so no network at
 * all), an empty environment, read-only system folders, only the paths the {@link StdioServerSpec}
 * names, a private {@code /tmp}, and death with the parent.
 *
 * <p>Three kinds: {@link #detect()} gives a working bubblewrap sandbox or an unavailable one with a
 * reason (then {@link StdioMcpClient#crawl} answers {@code BLOCKED}, never running unconfined);
 * {@link #none()} runs the server directly, <b>unsafe</b>: the server can read this user's files
 * and use the network (for {@code --no-sandbox} only).
 *
 * <p>Immutable and thread-safe.
 */
public final class Sandbox {

  /** Name of the bubblewrap executable looked up on {@code PATH}. */
  public static final String BWRAP = "bwrap";

  /** How long the start-up probe of bubblewrap may take: 10 seconds. */
  public static final long PROBE_TIMEOUT_SECONDS = 10;

  /** System folders bound read-only when they exist. */
  static final List<Path> SYSTEM_READ_ONLY =
      List.of(
          Path.of("/usr"),
          Path.of("/lib"),
          Path.of("/lib64"),
          Path.of("/bin"),
          Path.of("/etc/ssl"));

  private final Path bwrap;
  private final boolean confined;
  private final String unavailableReason;

  private Sandbox(Path bwrap, boolean confined, String unavailableReason) {
    this.bwrap = bwrap;
    this.confined = confined;
    this.unavailableReason = unavailableReason;
  }

  /**
   * Finds {@code bwrap} on this JVM's {@code PATH} and checks that it can create namespaces here
   * (it cannot in some containers). Starts one short process; takes well under a second.
   *
   * @return a confining sandbox, {@link #available()} or not; never null
   */
  public static Sandbox detect() {
    Optional<Path> found = onPath(BWRAP);
    if (found.isEmpty()) {
      return new Sandbox(
          null, true, "bubblewrap ('bwrap') is not on PATH; install the package 'bubblewrap'");
    }
    return at(found.get());
  }

  /** A bubblewrap sandbox using the executable at {@code bwrap}, probed as {@link #detect()}. */
  static Sandbox at(Path bwrap) {
    return new Sandbox(bwrap, true, probe(bwrap));
  }

  /** No confinement at all: the server runs as this user with network access. Unsafe. */
  public static Sandbox none() {
    return new Sandbox(null, false, null);
  }

  /** True when servers can run: bubblewrap works here, or this is {@link #none()}. */
  public boolean available() {
    return unavailableReason == null;
  }

  /** Why bubblewrap cannot be used here; null when {@link #available()}. */
  public String unavailableReason() {
    return unavailableReason;
  }

  /** True unless this is {@link #none()}. */
  public boolean confines() {
    return confined;
  }

  /**
   * The command line that starts {@code spec}'s server: the spec's own command for {@link #none()},
   * else {@code bwrap <options> -- <command>}. Environment variables go in as {@code --setenv}; the
   * process running bwrap should get an empty environment.
   *
   * @param spec server to start; its environment should already hold every variable it gets
   * @throws IllegalStateException when the sandbox is not {@link #available()}
   */
  public List<String> wrap(StdioServerSpec spec) {
    Objects.requireNonNull(spec, "spec == null");
    if (!available()) {
      throw new IllegalStateException("sandbox unavailable: " + unavailableReason);
    }
    if (!confined) {
      return spec.command();
    }
    List<String> args = new ArrayList<>();
    args.add(bwrap.toString());
    args.add("--unshare-all");
    args.add("--die-with-parent");
    args.add("--new-session");
    args.add("--clearenv");
    for (Path system : SYSTEM_READ_ONLY) {
      if (Files.exists(system)) {
        add(args, "--ro-bind", system, system);
      }
    }
    // /tmp first: binds below may live under it and must not be hidden by the tmpfs.
    args.add("--tmpfs");
    args.add("/tmp");
    args.add("--proc");
    args.add("/proc");
    args.add("--dev");
    args.add("/dev");
    for (Path path : spec.readOnlyPaths()) {
      add(args, "--ro-bind", path, path);
    }
    for (Path path : spec.writablePaths()) {
      add(args, "--bind", path, path);
    }
    if (spec.workingDirectory() != null && !covered(spec, spec.workingDirectory())) {
      add(args, "--ro-bind", spec.workingDirectory(), spec.workingDirectory());
    }
    for (Map.Entry<String, String> e : new TreeMap<>(spec.environment()).entrySet()) {
      args.add("--setenv");
      args.add(e.getKey());
      args.add(e.getValue());
    }
    if (spec.workingDirectory() != null) {
      args.add("--chdir");
      args.add(spec.workingDirectory().toString());
    }
    args.add("--");
    args.addAll(spec.command());
    return List.copyOf(args);
  }

  @Override
  public String toString() {
    if (!confined) {
      return "Sandbox[none (unsafe)]";
    }
    return available()
        ? "Sandbox[bwrap " + bwrap + "]"
        : "Sandbox[unavailable: " + unavailableReason + "]";
  }

  private static boolean covered(StdioServerSpec spec, Path path) {
    for (Path p : spec.readOnlyPaths()) {
      if (path.startsWith(p)) {
        return true;
      }
    }
    for (Path p : spec.writablePaths()) {
      if (path.startsWith(p)) {
        return true;
      }
    }
    return SYSTEM_READ_ONLY.stream().anyMatch(path::startsWith);
  }

  private static void add(List<String> args, String option, Path source, Path target) {
    args.add(option);
    args.add(source.toString());
    args.add(target.toString());
  }

  /** Runs {@code bwrap --unshare-all ... true}; null when it worked, else the reason. */
  private static String probe(Path bwrap) {
    List<String> command = new ArrayList<>();
    command.add(bwrap.toString());
    command.add("--unshare-all");
    command.add("--die-with-parent");
    for (Path system : SYSTEM_READ_ONLY) {
      if (Files.exists(system)) {
        command.add("--ro-bind");
        command.add(system.toString());
        command.add(system.toString());
      }
    }
    command.add("--");
    command.add("true");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().clear();
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      boolean ended = process.waitFor(PROBE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (!ended) {
        process.destroyForcibly();
        return "bubblewrap probe did not finish within " + PROBE_TIMEOUT_SECONDS + " s";
      }
      byte[] output = process.getInputStream().readNBytes(2048);
      if (process.exitValue() != 0) {
        return "bubblewrap cannot create a sandbox here (exit "
            + process.exitValue()
            + "): "
            + new String(output, java.nio.charset.StandardCharsets.UTF_8).strip();
      }
      return null;
    } catch (IOException e) {
      return "bubblewrap cannot start: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted while probing bubblewrap";
    }
  }

  /** The first executable file named {@code name} on this JVM's {@code PATH}. */
  static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate.toAbsolutePath());
      }
    }
    return Optional.empty();
  }
}
