package dev.mcprisk.crawler.mcp;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One request's answer as {@link JsonRpcChannel#request} read it, or why there is none. Exactly one
 * of these holds: {@code result} is non-null, {@code error} is non-null, {@code failure} is
 * non-null, or {@code timedOut} is true.
 *
 * <p>Thread-safety: immutable, but the JSON nodes are the parsed message's own mutable trees; it
 * stays on the crawl thread that read it.
 *
 * @param result the answer's {@code result}, a JSON object; else null
 * @param error the answer's {@code error}, a JSON object (a non-object {@code error} value arrives
 *     as {@code {"message": value}}); else null
 * @param failure why the transport could not send the request or deliver its answer, or why what it
 *     delivered is no answer ({@code PROTOCOL_ERROR}, {@code TOO_LARGE}); else null
 * @param timedOut true when no answer came before the deadline
 * @param total with {@code timedOut}: the deadline that passed was the crawl's total one ({@link
 *     CrawlLimits#totalTimeout()}), not the request's own
 */
record RpcReply(
    JsonNode result, JsonNode error, TransportFailure failure, boolean timedOut, boolean total) {

  /** A result answer; {@code result} is an object. */
  static RpcReply answered(JsonNode result) {
    return new RpcReply(result, null, null, false, false);
  }

  /** An error answer; {@code error} is an object. */
  static RpcReply refused(JsonNode error) {
    return new RpcReply(null, error, null, false, false);
  }

  /** No answer because of {@code failure}. */
  static RpcReply failed(TransportFailure failure) {
    return new RpcReply(null, null, failure, false, false);
  }

  /** No answer in time; {@code total} when the crawl's total deadline was the one that passed. */
  static RpcReply timedOut(boolean total) {
    return new RpcReply(null, null, null, true, total);
  }
}
