package dev.mcprisk.crawler.packages;

/**
 * How strongly package metadata says the package is an MCP server (the ownership markers are the
 * MCP Registry's package verification, https://github.com/modelcontextprotocol/registry). Ordered:
 * a later constant is stronger.
 */
public enum McpStrength {
  /** Nothing in the metadata points to MCP. */
  NONE,
  /** MCP keywords or classifiers, or a dependency on an MCP SDK: likely an MCP server or client. */
  MEDIUM,
  /**
   * An ownership marker the MCP Registry verifies: npm {@code mcpName}, PyPI {@code mcp-name:} in
   * the description.
   */
  STRONG
}
