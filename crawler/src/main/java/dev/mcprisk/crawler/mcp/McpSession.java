package dev.mcprisk.crawler.mcp;

import dev.mcprisk.model.CrawlOutcome;
import dev.mcprisk.model.CrawlStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One MCP client session over any {@link McpTransport}, transport-independent: the sequence of a
 * crawl. {@link VersionNegotiation} agrees on a version (2026-07-28 {@code server/discover}, else
 * the legacy {@code initialize} and {@code notifications/initialized}); {@link Listing} then reads
 * {@code tools/list} through every {@code nextCursor} (page cap, tool cap, repeated cursor: {@code
 * TRUNCATED} with the tools kept) and, when the capabilities announce them, counts {@code
 * prompts/list}, {@code resources/list} and {@code resources/templates/list} (a failure of those is
 * noted in the reason and does not change the status). Every message goes through one {@link
 * JsonRpcChannel}, which also answers the server's requests and counts them.
 *
 * <p>Client capabilities: {@code initialize} (and, in 2026-07-28, every request's {@code _meta})
 * announces {@link ClientCapabilities#forVersion} for the version offered; what was sent last is in
 * {@link CrawlOutcome#clientCapabilities()}.
 *
 * <p>The result's reason: the verdict's reason, then (when the tools are usable) notes about
 * skipped tools, non-JSON lines, server requests left unanswered, a modern error to {@code
 * server/discover} and the counted lists, joined with {@code "; "}.
 *
 * <p>Time: the whole session ends by the crawl's total deadline ({@link CrawlLimits#totalTimeout()}
 * from {@code startNanos}).
 *
 * <p>Not thread-safe: one crawl thread runs a session, once.
 */
final class McpSession {

  /**
   * HTTP statuses of an answer to {@code initialize} that mean "try the legacy HTTP+SSE transport"
   * (https://modelcontextprotocol.io/specification/2025-03-26/basic/transports#backwards-compatibility).
   */
  private static final Set<Integer> SSE_FALLBACK_STATUSES = Set.of(400, 404, 405);

  private final String serverId;
  private final McpTransport transport;
  private final CrawlLimits limits;
  private final JsonRpcChannel channel;
  private final VersionNegotiation negotiation;
  private final ToolCollector tools;
  private final List<String> notes = new ArrayList<>();
  private Verdict verdict = Verdict.OK;
  private Negotiated server = Negotiated.NONE;
  private ListCount prompts = ListCount.NOT_LISTED;
  private ListCount resources = ListCount.NOT_LISTED;
  private ListCount resourceTemplates = ListCount.NOT_LISTED;

  /**
   * @param clientCapabilities what to announce to the server
   * @param mode how the session starts
   * @param startNanos {@link System#nanoTime()} when the crawl began; the total deadline counts
   *     from it
   */
  McpSession(
      String serverId,
      McpTransport transport,
      CrawlLimits limits,
      ClientCapabilities clientCapabilities,
      SessionMode mode,
      long startNanos) {
    this.serverId = serverId;
    this.transport = transport;
    this.limits = limits;
    this.channel =
        new JsonRpcChannel(transport, limits, startNanos + limits.totalTimeout().toNanos());
    this.negotiation = new VersionNegotiation(channel, transport, limits, clientCapabilities, mode);
    this.tools = new ToolCollector(limits.maxTools());
  }

  /** Runs the whole session; never throws for anything the server does. */
  void run() {
    try {
      negotiateAndList();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      verdict = Verdict.of(CrawlStatus.TIMEOUT, "interrupted");
    }
  }

  private void negotiateAndList() throws InterruptedException {
    Handshake handshake = negotiation.negotiate();
    server = handshake.negotiated();
    note(handshake.note());
    if (!goesOn(handshake.verdict()) || !goesOn(negotiation.confirm(server))) {
      return;
    }
    Listing listing = new Listing(channel, limits, server);
    if (!goesOn(listing.tools(tools))) {
      return;
    }
    prompts = count(listing, "prompts", "prompts/list", "prompts");
    if (prompts.lost()) {
      return;
    }
    resources = count(listing, "resources", "resources/list", "resources");
    if (resources.lost()) {
      return;
    }
    resourceTemplates =
        count(listing, "resources", "resources/templates/list", "resourceTemplates");
  }

  /** Takes {@code next} as the session's verdict; true when the session goes on. */
  private boolean goesOn(Verdict next) {
    verdict = next;
    return next.ok();
  }

  private ListCount count(Listing listing, String capability, String method, String field)
      throws InterruptedException {
    ListCount count = listing.count(capability, method, field);
    note(count.note());
    return count;
  }

  private void note(String note) {
    if (!note.isEmpty()) {
      notes.add(note);
    }
  }

  /**
   * True when {@code initialize} was answered with HTTP 400, 404 or 405: the spec's sign to try the
   * legacy HTTP+SSE transport.
   */
  boolean wantsSseFallback() {
    return !verdict.ok()
        && "initialize".equals(verdict.method())
        && SSE_FALLBACK_STATUSES.contains(verdict.httpStatus());
  }

  /** The session's result; tools only when the status is usable. */
  ProbeResult result(Instant at, long durationMs) {
    boolean usable = verdict.usable();
    CrawlOutcome outcome =
        new CrawlOutcome(
            serverId,
            verdict.status(),
            usable ? join(verdict.reason(), notes()) : verdict.reason(),
            at,
            transport.method(),
            server.protocolVersion(),
            server.serverInfo(),
            server.capabilities(),
            server.instructions(),
            usable ? tools.tools() : List.of(),
            tools.pages(),
            durationMs,
            transport.bytesRead(),
            channel.announced(),
            channel.serverRequests());
    AuthChallenge auth = verdict.auth();
    return new ProbeResult(
        outcome,
        verdict.status() == CrawlStatus.TRUNCATED,
        prompts.orNotListed(),
        resources.orNotListed(),
        resourceTemplates.orNotListed(),
        auth == null ? null : auth.resourceMetadata(),
        auth == null ? List.of() : auth.scopes(),
        tools.ttlMs().orElse(ProbeResult.NO_TTL));
  }

  private String notes() {
    List<String> all = new ArrayList<>();
    if (!tools.note().isEmpty()) {
      all.add(tools.note());
    }
    all.addAll(channel.notes());
    all.addAll(notes);
    return String.join("; ", all);
  }

  private static String join(String a, String b) {
    return a.isEmpty() ? b : b.isEmpty() ? a : a + "; " + b;
  }
}
