package dev.mcprisk.classifier;

/**
 * What the classifier knows about the server that lists a tool: context, not evidence of the tool's
 * action. A payments server (name or description mentions payments, billing, Stripe...) makes
 * ambiguous objects such as {@code subscription} or {@code price} read as financial.
 *
 * @param name the server's name (registry name or {@code serverInfo.name}); may be null
 * @param description the server's description or {@code instructions}; may be null
 */
public record ServerContext(String name, String description) {
  /** No server context at all. */
  public static final ServerContext NONE = new ServerContext(null, null);
}
