package dev.mcprisk.crawler.mcp;

import dev.mcprisk.model.CrawlStatus;
import java.util.Objects;

/**
 * Why a transport could not send a message or deliver the next one.
 *
 * @param status the crawl status this failure means; never null, never {@code OK}
 * @param reason for a person, without secrets; never null
 * @param httpStatus the HTTP status code when an HTTP answer caused it, else 0
 * @param body the first bytes of that HTTP answer's body (at most {@link
 *     HttpEndpoint#ERROR_BODY_BYTES}), else empty; read only to tell protocol versions apart
 * @param auth the parsed {@code WWW-Authenticate} challenge for {@code AUTH_REQUIRED}, else null
 */
record TransportFailure(
    CrawlStatus status, String reason, int httpStatus, String body, AuthChallenge auth) {

  TransportFailure {
    Objects.requireNonNull(status, "status == null");
    if (status == CrawlStatus.OK) {
      throw new IllegalArgumentException("a failure cannot be OK");
    }
    reason = reason == null ? "" : reason;
    body = body == null ? "" : body;
  }

  static TransportFailure of(CrawlStatus status, String reason) {
    return new TransportFailure(status, reason, 0, "", null);
  }
}
