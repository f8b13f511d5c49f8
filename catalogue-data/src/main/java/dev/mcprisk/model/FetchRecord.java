package dev.mcprisk.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One HTTP fetch of a registry source (MCP Registry API, npm, PyPI, a README page), as written to
 * the crawl log: one record per fetch, after its retries.
 *
 * <p>Redacted on construction, so no secret reaches the log: user info in {@code url} (and in any
 * URL inside {@code reason}) becomes {@value #MASK}, and so does the value of every query parameter
 * whose name suggests a credential ({@code token}, {@code key}, {@code secret}, {@code password},
 * {@code auth}, {@code sig}, {@code signature}, {@code session}, {@code code}, alone or as the last
 * part of a name such as {@code access_token}, {@code api_key} or {@code X-Amz-Signature}). Both
 * texts are cut to {@link #MAX_URL_CHARS} and {@link #MAX_REASON_CHARS}.
 *
 * @param at when the fetch started (UTC instant); never null
 * @param source the registry source that fetched, e.g. {@code registry-api}, {@code npm}; never
 *     blank, at most {@link #MAX_SOURCE_CHARS} chars
 * @param url the URL first requested (redacted); never blank
 * @param httpStatus the final HTTP status, or 0 when no response arrived
 * @param bytes body bytes read, {@code >= 0}
 * @param durationMs wall time of the fetch including retries and waits, in milliseconds, {@code >=
 *     0}
 * @param outcome the fetch outcome's name, e.g. {@code OK}, {@code RATE_LIMITED}; never blank
 * @param reason why it failed, for a person (redacted); empty on success, never null
 * @param attempts HTTP attempts made, {@code >= 0} (0 when refused before any attempt)
 * @param fromCache true when the answer came from the HTTP cache (a fresh cached copy, or a 304
 *     revalidation)
 */
public record FetchRecord(
    @JsonProperty("at") Instant at,
    @JsonProperty("source") String source,
    @JsonProperty("url") String url,
    @JsonProperty("httpStatus") int httpStatus,
    @JsonProperty("bytes") long bytes,
    @JsonProperty("durationMs") long durationMs,
    @JsonProperty("outcome") String outcome,
    @JsonProperty("reason") String reason,
    @JsonProperty("attempts") int attempts,
    @JsonProperty("fromCache") boolean fromCache) {

  /** What a secret becomes. */
  public static final String MASK = "[REDACTED]";

  /** Longest URL kept, in chars (the log column holds 2048). */
  public static final int MAX_URL_CHARS = 2048;

  /** Longest reason kept, in chars. */
  public static final int MAX_REASON_CHARS = 1000;

  /** Longest source name, in chars (the log column holds 64). */
  public static final int MAX_SOURCE_CHARS = 64;

  /** Longest outcome name, in chars (the log column holds 32). */
  public static final int MAX_OUTCOME_CHARS = 32;

  /**
   * How many times its column's length a URL or reason may be when it is redacted: 4. Longer text
   * is cut first, so the redaction's work is bounded; what the cut drops is past the column anyway.
   */
  static final int REDACTED_INPUT_FACTOR = 4;

  // A scheme (RFC 3986 section 3.1) of at most 32 chars: unbounded, every letter of a long run of
  // "a.a.a..." started a scan to the run's end, quadratic in the text's length.
  private static final Pattern USER_INFO =
      Pattern.compile("(?i)(\\b[a-z][a-z0-9+.-]{0,31}://)[^/?#@\\s]+@");

  // The name's prefix is one character class, not a repeated group: Java matches a repeated group
  // by recursion, so 4,000 chars of "&a.a.a..." overflowed the stack.
  private static final Pattern SECRET_PARAM =
      Pattern.compile(
          "(?i)([?&;](?:[a-z0-9_.-]*[_.-])?(?:token|key|apikey|secret|password|passwd|auth"
              + "|sig|signature|session|code|credential|credentials)=)[^&#\\s]*");

  public FetchRecord {
    Objects.requireNonNull(at, "at == null");
    Objects.requireNonNull(source, "source == null");
    Objects.requireNonNull(url, "url == null");
    Objects.requireNonNull(outcome, "outcome == null");
    if (source.isBlank() || source.length() > MAX_SOURCE_CHARS) {
      throw new IllegalArgumentException("source is blank or over " + MAX_SOURCE_CHARS + " chars");
    }
    if (url.isBlank()) {
      throw new IllegalArgumentException("url is blank");
    }
    if (outcome.isBlank() || outcome.length() > MAX_OUTCOME_CHARS) {
      throw new IllegalArgumentException(
          "outcome is blank or over " + MAX_OUTCOME_CHARS + " chars");
    }
    if (httpStatus < 0 || httpStatus > 999) {
      throw new IllegalArgumentException("httpStatus out of 0..999: " + httpStatus);
    }
    if (bytes < 0 || durationMs < 0 || attempts < 0) {
      throw new IllegalArgumentException(
          "negative bytes, durationMs or attempts: " + bytes + ", " + durationMs + ", " + attempts);
    }
    url = cut(redact(cut(url, REDACTED_INPUT_FACTOR * MAX_URL_CHARS)), MAX_URL_CHARS);
    reason =
        reason == null
            ? ""
            : cut(redact(cut(reason, REDACTED_INPUT_FACTOR * MAX_REASON_CHARS)), MAX_REASON_CHARS);
  }

  /** True unless the outcome is {@code OK} or {@code NOT_MODIFIED}: a fetch worth a look. */
  public boolean failed() {
    return !outcome.equals("OK") && !outcome.equals("NOT_MODIFIED");
  }

  /**
   * {@code text} with user info of URLs and credential-like query parameter values replaced by
   * {@link #MASK}.
   */
  public static String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = USER_INFO.matcher(text).replaceAll("$1" + MASK + "@");
    return SECRET_PARAM.matcher(out).replaceAll("$1" + MASK);
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
