package dev.mcprisk.crawler.mcp;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to start one MCP server over stdio
 * (https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#stdio).
 *
 * <p>The child never inherits this JVM's environment: it gets {@link #environment()} plus {@code
 * PATH} and {@code HOME} (see {@link StdioMcpClient}). Inside the sandbox it sees only the system
 * folders, {@link #readOnlyPaths()} and {@link #writablePaths()}.
 *
 * @param serverId id of the server (see {@code ServerEntry.id()}), e.g. {@code
 *     npm:@modelcontextprotocol/server-memory}; never blank
 * @param command executable and arguments; never empty; an absolute executable path is best, else
 *     it is looked up on the child's {@code PATH} ({@code /usr/bin:/bin})
 * @param environment variables for the child, on top of the defaults; never null
 * @param workingDirectory the child's working directory; null means its temporary home
 * @param readOnlyPaths folders or files the sandboxed child may read (e.g. {@code node_modules},
 *     the node install); absolute
 * @param writablePaths folders the sandboxed child may write; absolute; must exist
 */
public record StdioServerSpec(
    String serverId,
    List<String> command,
    Map<String, String> environment,
    Path workingDirectory,
    List<Path> readOnlyPaths,
    List<Path> writablePaths) {

  public StdioServerSpec {
    Objects.requireNonNull(serverId, "serverId == null");
    if (serverId.isBlank()) {
      throw new IllegalArgumentException("serverId is blank");
    }
    command = List.copyOf(Objects.requireNonNull(command, "command == null"));
    if (command.isEmpty() || command.get(0).isBlank()) {
      throw new IllegalArgumentException("command is empty");
    }
    environment = Map.copyOf(environment == null ? Map.of() : environment);
    readOnlyPaths = absolute(readOnlyPaths, "readOnlyPaths");
    writablePaths = absolute(writablePaths, "writablePaths");
    if (workingDirectory != null && !workingDirectory.isAbsolute()) {
      throw new IllegalArgumentException("workingDirectory is not absolute: " + workingDirectory);
    }
  }

  private static List<Path> absolute(List<Path> paths, String name) {
    List<Path> copy = List.copyOf(paths == null ? List.of() : paths);
    for (Path path : copy) {
      if (!path.isAbsolute()) {
        throw new IllegalArgumentException(name + " holds a relative path: " + path);
      }
    }
    return copy;
  }
}
