package dev.mcprisk.store;

import dev.mcprisk.model.ToolDefinition;
import java.util.Objects;

/**
 * A current tool without a cached assessment under the classifier version asked for ({@link
 * CatalogueStore#assessmentPage}).
 *
 * @param serverId the server's id; never null
 * @param serverName the server's name from its entry; never null
 * @param serverDescription the server's description from its entry; may be null
 * @param definitionHash the stored definition hash (64 lower-case hex chars); never null
 * @param definition the tool as stored; never null
 */
public record ToolToAssess(
    String serverId,
    String serverName,
    String serverDescription,
    String definitionHash,
    ToolDefinition definition) {
  public ToolToAssess {
    Objects.requireNonNull(serverId, "serverId == null");
    Objects.requireNonNull(serverName, "serverName == null");
    Objects.requireNonNull(definitionHash, "definitionHash == null");
    Objects.requireNonNull(definition, "definition == null");
  }
}
