package dev.mcprisk.crawler.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcprisk.model.CrawlOutcome;
import dev.mcprisk.model.CrawlStatus;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of one live crawl of one server: the {@link CrawlOutcome} (status, reason, server
 * facts, tools) and what the outcome record has no place for.
 *
 * @param outcome the crawl's outcome; never null. From {@link McpProbe#probe} no part of the result
 *     holds a secret value ({@link Redactor})
 * @param truncated true when a cap (pages, tools, a repeated cursor) cut the tool list; the tools
 *     read before the cut are in {@code outcome.tools()}
 * @param prompts prompts listed by {@code prompts/list}; {@value #NOT_LISTED} when not listed
 *     (capability not announced, the list failed, or the crawl ended before)
 * @param resources resources listed by {@code resources/list}; {@value #NOT_LISTED} when not listed
 * @param resourceTemplates templates listed by {@code resources/templates/list}; {@value
 *     #NOT_LISTED} when not listed
 * @param authResourceMetadata for {@code AUTH_REQUIRED}: the RFC 9728 protected-resource metadata
 *     URL from {@code WWW-Authenticate}, else null
 * @param authScopes for {@code AUTH_REQUIRED}: the scopes the server asked for; never null
 * @param toolsTtlMs 2026-07-28 only: the first {@code tools/list} page's {@code ttlMs} (how long
 *     the list may be cached, in milliseconds); {@value #NO_TTL} when not given
 */
public record ProbeResult(
    CrawlOutcome outcome,
    boolean truncated,
    int prompts,
    int resources,
    int resourceTemplates,
    String authResourceMetadata,
    List<String> authScopes,
    long toolsTtlMs) {

  /**
   * {@link #prompts()}, {@link #resources()} or {@link #resourceTemplates()} of a list not counted:
   * -1 (kept as a number for the JSON of {@code mcprisk probe}).
   */
  public static final int NOT_LISTED = -1;

  /** {@link #toolsTtlMs()} when the server gave none: -1. */
  public static final long NO_TTL = -1;

  public ProbeResult {
    Objects.requireNonNull(outcome, "outcome == null");
    authScopes = List.copyOf(Objects.requireNonNull(authScopes, "authScopes == null"));
  }

  /** A result with only an outcome: nothing listed beyond it, no challenge. */
  static ProbeResult of(CrawlOutcome outcome) {
    return new ProbeResult(
        outcome,
        outcome.status() == CrawlStatus.TRUNCATED,
        NOT_LISTED,
        NOT_LISTED,
        NOT_LISTED,
        null,
        List.of(),
        NO_TTL);
  }

  /**
   * Shorthand for {@code outcome().clientCapabilities()}: what this client announced (see {@link
   * ClientCapabilities#forVersion}); null when nothing was sent.
   */
  public JsonNode clientCapabilities() {
    return outcome.clientCapabilities();
  }

  /**
   * Shorthand for {@code outcome().serverRequests()}: the requests the server sent, by method, all
   * answered without acting on them.
   */
  public Map<String, Integer> serverRequests() {
    return outcome.serverRequests();
  }

  /** Shorthand for {@code outcome().status()}. */
  public CrawlStatus status() {
    return outcome.status();
  }

  /**
   * The exit code {@code mcprisk probe} should end with: 0 when every tool was read ({@code OK}), 3
   * otherwise (the server could not be fully crawled).
   */
  public int exitCode() {
    return outcome.status() == CrawlStatus.OK ? 0 : 3;
  }
}
