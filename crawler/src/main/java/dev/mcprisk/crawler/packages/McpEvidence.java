package dev.mcprisk.crawler.packages;

import java.util.List;
import java.util.Objects;

/**
 * Whether a package is an MCP server, and why: the strongest signal found and every reason.
 *
 * @param strength the strongest signal; never null
 * @param serverName the MCP Registry server name the package claims ({@code mcpName} or {@code
 *     mcp-name:}), e.g. {@code io.github.upstash/context7}; null when it claims none
 * @param reasons one line per signal, e.g. {@code keyword "mcp"}; empty exactly when {@code
 *     strength} is {@link McpStrength#NONE}
 */
public record McpEvidence(McpStrength strength, String serverName, List<String> reasons) {
  public McpEvidence {
    Objects.requireNonNull(strength, "strength == null");
    reasons = List.copyOf(Objects.requireNonNull(reasons, "reasons == null"));
    if ((strength == McpStrength.NONE) != reasons.isEmpty()) {
      throw new IllegalArgumentException("strength " + strength + " with reasons " + reasons);
    }
    if (serverName != null && strength != McpStrength.STRONG) {
      throw new IllegalArgumentException("a claimed server name is strong evidence");
    }
  }

  /** True unless {@link #strength()} is {@link McpStrength#NONE}. */
  public boolean isMcpServer() {
    return strength != McpStrength.NONE;
  }
}
