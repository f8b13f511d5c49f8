package dev.mcprisk.export;

/**
 * Finds a tool's {@link ToolDates} for the catalogue export, e.g. from the store's {@code
 * toolHistory()} map: {@code (server, tool) -> Optional.ofNullable(map.get(new ToolKey(server,
 * tool))).map(h -> new ToolDates(h.firstSeen(), h.lastChanged())).orElse(null)}. Optional: with
 * {@link #NONE} the export leaves {@code firstSeen} and {@code lastChanged} out.
 *
 * <p>The exporter calls it once per tool and catalogue file written, from one thread.
 */
@FunctionalInterface
public interface ToolHistoryLookup {
  /** Knows nothing: every tool's dates are absent. */
  ToolHistoryLookup NONE = (serverId, toolName) -> null;

  /**
   * The history of one tool.
   *
   * @param serverId the server's id
   * @param toolName the tool's exact name
   * @return its history, or null when unknown
   */
  ToolDates find(String serverId, String toolName);
}
