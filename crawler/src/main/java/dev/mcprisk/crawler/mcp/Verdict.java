package dev.mcprisk.crawler.mcp;

import dev.mcprisk.model.CrawlStatus;
import java.util.Objects;

/**
 * How one session stands: {@code OK} while it goes on, else why it ended early. It becomes {@link
 * dev.mcprisk.model.CrawlOutcome#status()} and the head of its {@code reason}.
 *
 * <p>Thread-safe: immutable.
 *
 * @param status never null; {@code OK} and {@code TRUNCATED} keep the tools read
 * @param reason for a person, without secrets; never null, empty when there is nothing to say (an
 *     {@code OK} verdict may still say something, such as why there are no tools)
 * @param auth for {@code AUTH_REQUIRED}: the parsed {@code WWW-Authenticate} challenge; else null
 * @param method the request or notification whose failure ended the session, when a transport
 *     failure, an error answer or a timeout did; else null
 * @param httpStatus the HTTP status code of the answer whose transport failure ended the session;
 *     else 0
 */
record Verdict(
    CrawlStatus status, String reason, AuthChallenge auth, String method, int httpStatus) {

  /** The session goes on, nothing to say. */
  static final Verdict OK = new Verdict(CrawlStatus.OK, "", null, null, 0);

  Verdict {
    Objects.requireNonNull(status, "status == null");
    Objects.requireNonNull(reason, "reason == null");
  }

  /** A verdict of {@code status} for {@code reason}, not tied to one request's failure. */
  static Verdict of(CrawlStatus status, String reason) {
    return new Verdict(status, reason, null, null, 0);
  }

  /** True while the session goes on: status {@code OK}. */
  boolean ok() {
    return status == CrawlStatus.OK;
  }

  /** True when the tools read are kept: status {@code OK} or {@code TRUNCATED}. */
  boolean usable() {
    return status == CrawlStatus.OK || status == CrawlStatus.TRUNCATED;
  }
}
