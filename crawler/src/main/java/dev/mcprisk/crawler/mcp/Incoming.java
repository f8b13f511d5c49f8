package dev.mcprisk.crawler.mcp;

/**
 * One item a transport delivers: the text of one JSON-RPC message or batch (a stdio line, an SSE
 * event's data, an HTTP body), or a failure. Exactly one of the two is non-null.
 *
 * @param whole true when {@code text} is the whole answer to a request (an HTTP JSON body), so text
 *     that is not JSON cannot be noise before the answer: it is the answer, broken
 */
record Incoming(String text, TransportFailure failure, boolean whole) {

  static Incoming message(String text) {
    return new Incoming(text, null, false);
  }

  /** The whole answer to a request: an HTTP body of type {@code application/json}. */
  static Incoming answer(String text) {
    return new Incoming(text, null, true);
  }

  static Incoming failed(TransportFailure failure) {
    return new Incoming(null, failure, false);
  }
}
