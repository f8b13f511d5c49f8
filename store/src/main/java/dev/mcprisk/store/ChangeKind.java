package dev.mcprisk.store;

/**
 * What changed about a tool between two runs (the change events).
 *
 * <p>Old and new values per kind: {@link #ADDED} none and the tool object; {@link #REMOVED} the
 * last tool object and none; {@link #DESCRIPTION_CHANGED} the description strings (null when
 * absent); {@link #SCHEMA_CHANGED} objects holding the {@code inputSchema} and {@code outputSchema}
 * present; {@link #ANNOTATIONS_CHANGED} the {@code annotations} objects (null when absent); {@link
 * #RISK_CHANGED} the risk level labels, e.g. {@code "Low"} and {@code "Critical"}.
 */
public enum ChangeKind {
  ADDED,
  REMOVED,
  DESCRIPTION_CHANGED,
  SCHEMA_CHANGED,
  ANNOTATIONS_CHANGED,
  RISK_CHANGED
}
