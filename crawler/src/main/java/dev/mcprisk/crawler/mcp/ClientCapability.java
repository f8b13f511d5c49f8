package dev.mcprisk.crawler.mcp;

import java.util.Locale;

/**
 * An optional MCP client capability the crawler can announce (the {@code ClientCapabilities} type
 * of each version's {@code schema.ts} in modelcontextprotocol/modelcontextprotocol). Announcing one
 * makes servers that register tools conditionally list them; the crawler still honours no server
 * request that would read a file or call a model (see {@link JsonRpcChannel}).
 */
public enum ClientCapability {
  /** {@code roots}: the client can list roots; answered with an empty list, never a real path. */
  ROOTS,
  /** {@code sampling}: the client can sample an LLM; every request is refused with an error. */
  SAMPLING,
  /**
   * {@code elicitation} (2025-06-18 on): the client can ask its user; every request is declined.
   */
  ELICITATION;

  /** The capability's key in {@code capabilities}: {@code roots}, {@code sampling}, ... */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
