package dev.mcprisk.store;

import dev.mcprisk.model.ToolDefinition;
import java.util.Objects;

/**
 * A tool of a server's current tool set, as stored.
 *
 * @param definition the tool object as listed; never null
 * @param definitionHash {@link ToolDefinition#definitionHash()} at the time it was stored (64
 *     lower-case hex chars); never null
 * @param origin {@code snapshot} (a recorded answer), {@code live} (a live crawl) or {@code readme}
 *     (documented in the package README); never null
 */
public record StoredTool(ToolDefinition definition, String definitionHash, String origin) {
  public StoredTool {
    Objects.requireNonNull(definition, "definition == null");
    Objects.requireNonNull(definitionHash, "definitionHash == null");
    Objects.requireNonNull(origin, "origin == null");
  }
}
