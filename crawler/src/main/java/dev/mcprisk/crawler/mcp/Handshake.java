package dev.mcprisk.crawler.mcp;

import java.util.Objects;

/**
 * What {@link VersionNegotiation#negotiate} ended with.
 *
 * <p>Thread-safety: as {@link Negotiated}; it stays on the crawl thread.
 *
 * @param negotiated the version and the server's announcement; {@link Negotiated#NONE} when the
 *     negotiation failed; never null
 * @param note something the crawl's reason should mention although the negotiation succeeded (a
 *     modern error answering {@code server/discover}); never null, empty for nothing
 * @param verdict {@link Verdict#OK} when the session goes on, else why it ends; never null
 */
record Handshake(Negotiated negotiated, String note, Verdict verdict) {

  Handshake {
    Objects.requireNonNull(negotiated, "negotiated == null");
    Objects.requireNonNull(note, "note == null");
    Objects.requireNonNull(verdict, "verdict == null");
  }

  /** Negotiated, nothing to note. */
  static Handshake agreed(Negotiated negotiated) {
    return new Handshake(negotiated, "", Verdict.OK);
  }

  /** Not negotiated, for the reason in {@code verdict} (never {@code OK}). */
  static Handshake failed(Verdict verdict) {
    return new Handshake(Negotiated.NONE, "", verdict);
  }
}
