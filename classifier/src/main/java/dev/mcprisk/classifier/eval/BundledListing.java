package dev.mcprisk.classifier.eval;

import dev.mcprisk.classifier.ServerContext;
import dev.mcprisk.model.ToolDefinition;
import java.util.Objects;

/**
 * One tool of a bundled {@code tools/list} capture.
 *
 * @param file the capture's file name, e.g. {@code stripe__mcp-0.2.5.json}
 * @param server the npm package of the capture ({@code package} field)
 * @param context the server's name and description (or {@code instructions})
 * @param tool the tool as listed
 */
public record BundledListing(
    String file, String server, ServerContext context, ToolDefinition tool) {
  public BundledListing {
    Objects.requireNonNull(file, "file == null");
    Objects.requireNonNull(server, "server == null");
    Objects.requireNonNull(context, "context == null");
    Objects.requireNonNull(tool, "tool == null");
  }
}
