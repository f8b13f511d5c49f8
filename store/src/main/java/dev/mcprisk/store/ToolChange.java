package dev.mcprisk.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One change event: a tool of a server changed in a run.
 *
 * @param id event id, positive once stored; 0 for an event not yet stored
 * @param runId the run that found it
 * @param serverId the server's id
 * @param toolName the tool's name
 * @param kind what changed
 * @param at when the new state was observed (the crawl's or recorded capture's time)
 * @param oldValue the value before, as JSON (see {@link ChangeKind}); null when none
 * @param newValue the value after, as JSON; null when none
 * @param oldHash definition hash before; null for {@link ChangeKind#ADDED}
 * @param newHash definition hash after; null for {@link ChangeKind#REMOVED}
 * @param suspectedRugPull true when the change added a {@code tool-poisoning} signal or raised the
 *     risk level
 */
public record ToolChange(
    long id,
    long runId,
    String serverId,
    String toolName,
    ChangeKind kind,
    Instant at,
    JsonNode oldValue,
    JsonNode newValue,
    String oldHash,
    String newHash,
    boolean suspectedRugPull) {
  public ToolChange {
    Objects.requireNonNull(serverId, "serverId == null");
    Objects.requireNonNull(toolName, "toolName == null");
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(at, "at == null");
  }

  /** This event's tool. */
  public ToolKey key() {
    return new ToolKey(serverId, toolName);
  }
}
