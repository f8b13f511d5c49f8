package dev.mcprisk.crawler.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What one {@link PoliteFetcher#get} made of a URL. Never thrown: every outcome is data.
 *
 * @param url the URL the answer came from (the last redirect hop); never null
 * @param httpStatus the last HTTP status seen; 0 when no response arrived
 * @param body the body read, whole, when {@link FetchOutcome#success()}; else empty (error bodies
 *     are not kept); never null. Not copied: do not modify
 * @param contentType the {@code Content-Type} of the answer; empty when unknown, never null
 * @param outcome how it ended; never null
 * @param reason why it failed, for a person; empty on {@link FetchOutcome#OK}; never null
 * @param attempts HTTP attempts made (retries included, redirect hops not); 0 when refused before
 *     any
 * @param durationMs wall time of the whole fetch including waits, in milliseconds
 * @param fromCache true when the body came from the HTTP cache (fresh copy or 304 revalidation)
 */
public record FetchResult(
    URI url,
    int httpStatus,
    byte[] body,
    String contentType,
    FetchOutcome outcome,
    String reason,
    int attempts,
    long durationMs,
    boolean fromCache) {
  public FetchResult {
    Objects.requireNonNull(url, "url == null");
    Objects.requireNonNull(outcome, "outcome == null");
    body = body == null ? new byte[0] : body;
    contentType = contentType == null ? "" : contentType;
    reason = reason == null ? "" : reason;
    if (attempts < 0 || durationMs < 0) {
      throw new IllegalArgumentException("negative attempts or durationMs");
    }
  }

  /** True when the fetch produced a body ({@link FetchOutcome#success()}). */
  public boolean ok() {
    return outcome.success();
  }

  /** The body as UTF-8 text. */
  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
