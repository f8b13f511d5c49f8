package dev.mcprisk.crawler.mcp;

import java.util.Locale;

/** How {@link McpProbe} talks to a server ({@code mcprisk probe --transport}). */
public enum ProbeTransport {
  /**
   * URL targets: Streamable HTTP, falling back to HTTP+SSE when {@code initialize} gets 400, 404 or
   * 405 (the spec's backwards-compatibility rule).
   */
  AUTO,
  /** A command run as a child process, messages on stdin and stdout. */
  STDIO,
  /** Streamable HTTP only. */
  HTTP,
  /** The legacy HTTP+SSE transport only. */
  SSE;

  /**
   * Parses a CLI value: {@code auto}, {@code stdio}, {@code http} (also {@code streamable-http}),
   * {@code sse}; case-insensitive.
   *
   * @throws IllegalArgumentException for any other value, naming the accepted ones
   */
  public static ProbeTransport parse(String value) {
    return switch (value == null ? "" : value.toLowerCase(Locale.ROOT)) {
      case "auto" -> AUTO;
      case "stdio" -> STDIO;
      case "http", "streamable-http", "streamablehttp" -> HTTP;
      case "sse" -> SSE;
      default ->
          throw new IllegalArgumentException(
              "transport '" + value + "' is not one of auto, stdio, http, sse");
    };
  }
}
