package dev.mcprisk.model;

/**
 * How one crawl of one server ended. Outcomes are data, never exceptions across stages.
 *
 * <p>{@link #OK} and {@link #AUTH_REQUIRED} are not failures; every other value is, and comes with
 * a reason a person can act on.
 */
public enum CrawlStatus {
  /** Every tools/list page was read. */
  OK,
  /** The server wants credentials (HTTP 401, or 403 with WWW-Authenticate). Not a failure. */
  AUTH_REQUIRED,
  /** A deadline passed (start-up, a request, or the whole crawl). */
  TIMEOUT,
  /** The process could not start or the connection was refused. */
  CONNECT_FAILED,
  /** An HTTP status other than success or auth. */
  HTTP_ERROR,
  /** The server broke JSON-RPC or MCP (bad JSON, wrong id, error answer, unknown version). */
  PROTOCOL_ERROR,
  /** A message or the whole answer was over its byte limit. */
  TOO_LARGE,
  /** Paging stopped at the page cap; the tools read so far are kept. */
  TRUNCATED,
  /** The stdio server exited before it answered. */
  PROCESS_EXITED,
  /** Policy forbade the request (private address, disallowed package). */
  BLOCKED,
  /** The runtime or the package is not installed here (node, npm package). */
  NOT_INSTALLED,
  /** A recorded snapshot file could not be read. */
  SNAPSHOT_INVALID;

  /** True for {@link #OK}, {@link #AUTH_REQUIRED} and {@link #TRUNCATED} (tools are usable). */
  public boolean usable() {
    return this == OK || this == TRUNCATED || this == AUTH_REQUIRED;
  }
}
