package dev.mcprisk.store;

import java.util.Objects;

/**
 * A tool's identity: (server id, tool name); its definitions are told apart by hash.
 *
 * @param serverId the server's id; never null
 * @param toolName the tool's name, case-sensitive; never null
 */
public record ToolKey(String serverId, String toolName) {
  public ToolKey {
    Objects.requireNonNull(serverId, "serverId == null");
    Objects.requireNonNull(toolName, "toolName == null");
  }
}
