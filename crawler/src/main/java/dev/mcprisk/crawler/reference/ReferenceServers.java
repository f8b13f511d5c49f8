package dev.mcprisk.crawler.reference;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcprisk.crawler.mcp.StdioServerSpec;
import dev.mcprisk.crawler.packages.NodeRuntime;
import dev.mcprisk.crawler.packages.ProcessResult;
import dev.mcprisk.crawler.packages.Processes;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.ServerEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The four official MCP reference servers this project crawls live by default and in its tests
 * (https://github.com/modelcontextprotocol/servers), pinned to exact versions in the bundled {@code
 * package.json} and {@code package-lock.json} (resources of this package), so their answers stay
 * stable: tools listed with empty client capabilities are everything 13, filesystem 14, memory 9,
 * sequential-thinking 1.
 *
 * <p>Thread-safe: stateless; {@link #ensureInstalled} must not run twice on one folder at once.
 */
public final class ReferenceServers {

  /** The version every reference package is pinned to. */
  public static final String PINNED_VERSION = "2026.8.31";

  /** How long {@code npm ci} may take: 5 minutes. */
  public static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);

  /** Bytes of npm output kept for a failure reason: 8 KiB. */
  public static final int INSTALL_OUTPUT_BYTES = 8 * 1024;

  /** Name of the folder the filesystem server may read and write, under the scratch folder. */
  public static final String FILESYSTEM_DIR = "filesystem-allowed";

  /** Folder of the memory server's knowledge-graph file, under the scratch folder. */
  public static final String MEMORY_DIR = "memory";

  /** The memory server's file name (its own default name). */
  public static final String MEMORY_FILE = "memory.jsonl";

  /**
   * One pinned package.
   *
   * @param name npm package name
   * @param entry script to run, relative to the package folder
   */
  public record Pinned(String name, String entry) {}

  /**
   * The four pinned packages, in this order: everything, filesystem, memory, sequential-thinking.
   */
  public static final List<Pinned> PACKAGES =
      List.of(
          new Pinned("@modelcontextprotocol/server-everything", "dist/index.js"),
          new Pinned("@modelcontextprotocol/server-filesystem", "dist/index.js"),
          new Pinned("@modelcontextprotocol/server-memory", "dist/index.js"),
          new Pinned("@modelcontextprotocol/server-sequential-thinking", "dist/index.js"));

  private static final String RESOURCES = "/dev/mcprisk/crawler/reference/";
  private static final List<String> MANIFESTS = List.of("package.json", "package-lock.json");

  private ReferenceServers() {}

  /**
   * Makes sure the pinned packages are under {@code <serversDir>/node_modules}. When they are not
   * and {@code allowNetwork} is true and {@code npm} is on {@code PATH}, copies the bundled
   * manifests into {@code serversDir} and runs {@code npm ci --ignore-scripts --no-audit --no-fund}
   * there (install scripts never run), for at most {@link #INSTALL_TIMEOUT}. npm reads the user's
   * own registry configuration.
   *
   * @param serversDir folder holding (or to hold) {@code node_modules}; created when missing
   * @param allowNetwork whether npm may download
   * @return ok, or why not; never throws for a failed install
   */
  public static InstallResult ensureInstalled(Path serversDir, boolean allowNetwork) {
    Path dir = serversDir.toAbsolutePath().normalize();
    String missing = missingPackages(dir);
    if (missing.isEmpty()) {
      return new InstallResult(true, "reference servers " + PINNED_VERSION + " present in " + dir);
    }
    if (!allowNetwork) {
      return new InstallResult(false, missing + " (network not allowed, not installing)");
    }
    Optional<Path> npm = NodeRuntime.findNpm();
    if (npm.isEmpty()) {
      return new InstallResult(false, missing + "; npm is not on PATH");
    }
    try {
      Files.createDirectories(dir);
      for (String manifest : MANIFESTS) {
        try (InputStream in = ReferenceServers.class.getResourceAsStream(RESOURCES + manifest)) {
          if (in == null) {
            return new InstallResult(false, "bundled " + manifest + " is missing from the jar");
          }
          Files.copy(in, dir.resolve(manifest), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      String npmFailure =
          run(
              List.of(npm.get().toString(), "ci", "--ignore-scripts", "--no-audit", "--no-fund"),
              dir);
      if (npmFailure != null) {
        return new InstallResult(false, npmFailure);
      }
    } catch (IOException e) {
      return new InstallResult(false, "cannot install into " + dir + ": " + e.getMessage());
    }
    String after = missingPackages(dir);
    return after.isEmpty()
        ? new InstallResult(true, "installed reference servers " + PINNED_VERSION + " in " + dir)
        : new InstallResult(false, "npm ci finished but " + after);
  }

  /**
   * How to start each reference server over stdio, in {@link #PACKAGES} order. Creates {@code
   * <scratchDir>/filesystem-allowed} (the filesystem server's only allowed folder) and {@code
   * <scratchDir>/memory} (holding {@code MEMORY_FILE_PATH}); both are the only writable paths.
   *
   * @param serversDir folder holding {@code node_modules}
   * @param scratchDir folder for the servers' files; created when missing
   * @throws UncheckedIOException when the scratch folders cannot be created
   */
  public static List<StdioServerSpec> specs(Path serversDir, Path scratchDir) {
    Path servers = serversDir.toAbsolutePath().normalize();
    Path scratch = scratchDir.toAbsolutePath().normalize();
    Path allowed = scratch.resolve(FILESYSTEM_DIR);
    Path memory = scratch.resolve(MEMORY_DIR);
    try {
      Files.createDirectories(allowed);
      Files.createDirectories(memory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create scratch folders under " + scratch, e);
    }
    Optional<Path> node = findNode().map(NodeRuntime::realPath);
    String nodeCommand = node.map(Path::toString).orElse("node");
    List<Path> readOnly = new ArrayList<>();
    readOnly.add(servers);
    node.map(NodeRuntime::installRoot).ifPresent(readOnly::add);
    List<StdioServerSpec> specs = new ArrayList<>();
    for (Pinned pinned : PACKAGES) {
      List<String> command = new ArrayList<>();
      command.add(nodeCommand);
      command.add(
          servers
              .resolve("node_modules")
              .resolve(pinned.name())
              .resolve(pinned.entry())
              .toString());
      Map<String, String> environment = Map.of();
      List<Path> writable = List.of();
      switch (pinned.name()) {
        case "@modelcontextprotocol/server-everything" -> command.add("stdio");
        case "@modelcontextprotocol/server-filesystem" -> {
          command.add(allowed.toString());
          writable = List.of(allowed);
        }
        case "@modelcontextprotocol/server-memory" -> {
          environment = Map.of("MEMORY_FILE_PATH", memory.resolve(MEMORY_FILE).toString());
          writable = List.of(memory);
        }
        default -> {}
      }
      specs.add(
          new StdioServerSpec(
              ServerEntry.npmId(pinned.name()), command, environment, servers, readOnly, writable));
    }
    return List.copyOf(specs);
  }

  /** The first executable {@code node} on this JVM's {@code PATH}, as found (not resolved). */
  public static Optional<Path> findNode() {
    return NodeRuntime.findNode();
  }

  private static String missingPackages(Path dir) {
    List<String> problems = new ArrayList<>();
    for (Pinned pinned : PACKAGES) {
      Path manifest = dir.resolve("node_modules").resolve(pinned.name()).resolve("package.json");
      String version = installedVersion(manifest);
      if (version == null) {
        problems.add(pinned.name() + " is not installed");
      } else if (!PINNED_VERSION.equals(version)) {
        problems.add(pinned.name() + " is " + version + ", not " + PINNED_VERSION);
      }
    }
    return problems.isEmpty() ? "" : String.join("; ", problems) + " in " + dir;
  }

  private static String installedVersion(Path manifest) {
    try {
      if (!Files.isRegularFile(manifest) || Files.size(manifest) > 1024 * 1024) {
        return null;
      }
      JsonNode json = Json.parse(Files.readString(manifest));
      return Json.text(json, "version");
    } catch (IOException e) {
      return null;
    }
  }

  /** Runs a command in {@code dir}; null on success, else why it failed. */
  private static String run(List<String> command, Path dir) throws IOException {
    ProcessResult result = Processes.run(command, dir, null, INSTALL_TIMEOUT, INSTALL_OUTPUT_BYTES);
    if (result.timedOut()) {
      return "npm ci did not finish within " + INSTALL_TIMEOUT.toMinutes() + " min";
    }
    if (result.exitCode() != 0) {
      return "npm ci failed with exit code " + result.exitCode() + ": " + result.outputTail();
    }
    return null;
  }
}
