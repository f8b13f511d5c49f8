package dev.mcprisk.crawler.mcp;

import java.util.Objects;

/**
 * How many items one counted list ({@code prompts/list}, {@code resources/list}, {@code
 * resources/templates/list}) has, or why it has no count.
 *
 * <p>Thread-safe: immutable.
 *
 * @param state never null
 * @param items for {@link State#COUNTED} the items on the pages read, zero or more; else 0
 * @param note what the crawl's reason should mention (why the count is missing or may be short);
 *     never null, empty for nothing
 */
record ListCount(State state, int items, String note) {

  /** Why there is, or is not, a count. */
  enum State {
    /** Not asked: the server did not announce the capability, or the crawl ended before. */
    NOT_LISTED,
    /** Counted; perhaps short of the whole list (repeated cursor, page cap: then noted). */
    COUNTED,
    /** The server answered with an error or an unusable page; later lists are still asked. */
    FAILED,
    /** No answer (transport failure, timeout): the connection is not usable for later lists. */
    LOST
  }

  /** Not asked. */
  static final ListCount NOT_LISTED = new ListCount(State.NOT_LISTED, 0, "");

  ListCount {
    Objects.requireNonNull(state, "state == null");
    Objects.requireNonNull(note, "note == null");
    if (items < 0 || (items > 0 && state != State.COUNTED)) {
      throw new IllegalArgumentException(state + " with " + items + " items");
    }
  }

  static ListCount counted(int items, String note) {
    return new ListCount(State.COUNTED, items, note);
  }

  static ListCount failed(String note) {
    return new ListCount(State.FAILED, 0, note);
  }

  static ListCount lost(String note) {
    return new ListCount(State.LOST, 0, note);
  }

  /** True when later lists should not be asked: the connection failed. */
  boolean lost() {
    return state == State.LOST;
  }

  /**
   * The count as {@link ProbeResult} gives it: {@link #items()}, else {@link
   * ProbeResult#NOT_LISTED}.
   */
  int orNotListed() {
    return state == State.COUNTED ? items : ProbeResult.NOT_LISTED;
  }
}
