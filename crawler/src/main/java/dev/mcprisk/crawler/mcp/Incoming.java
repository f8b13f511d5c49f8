package dev.mcprisk.crawler.mcp;

/**
 * One item a transport delivers: the text of one JSON-RPC message (a stdio line, an SSE event's
 * data, an HTTP body), or a failure. Exactly one of the two is non-null.
 */
record Incoming(String text, TransportFailure failure) {

  static Incoming message(String text) {
    return new Incoming(text, null);
  }

  static Incoming failed(TransportFailure failure) {
    return new Incoming(null, failure);
  }
}
