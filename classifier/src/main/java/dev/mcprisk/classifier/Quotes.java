package dev.mcprisk.classifier;

import dev.mcprisk.text.UntrustedText;
import java.util.regex.Matcher;

/**
 * Quotes of a tool's text in a rationale or an evidence, cut between user-perceived characters
 * (never inside a surrogate pair or a grapheme cluster: {@link UntrustedText}). Thread-safe:
 * stateless.
 */
final class Quotes {
  /** Longest quote in a rationale or evidence, in chars. */
  static final int MAX_QUOTE_CHARS = 100;

  /** Chars of context on each side of a regex match quoted as evidence. */
  static final int QUOTE_CONTEXT_CHARS = 30;

  private Quotes() {}

  /**
   * {@code text} with white space collapsed, cut to at most {@link #MAX_QUOTE_CHARS} chars between
   * characters ({@link UntrustedText#prefix}), with {@code "..."} after a cut.
   */
  static String quote(String text) {
    String flat = ToolFacts.collapse(text);
    String cut = UntrustedText.prefix(flat, MAX_QUOTE_CHARS);
    return cut.length() == flat.length() ? flat : cut + "...";
  }

  /**
   * The match in single quotes with up to {@link #QUOTE_CONTEXT_CHARS} chars of context on each
   * side, the context ends moved to character boundaries so no surrogate pair or cluster is cut,
   * and {@code "..."} where the text goes on.
   */
  static String around(String text, Matcher m) {
    int start =
        Math.min(
            m.start(),
            UntrustedText.boundaryAtOrAfter(text, Math.max(0, m.start() - QUOTE_CONTEXT_CHARS)));
    int end =
        Math.max(
            m.end(),
            UntrustedText.boundaryAtOrBefore(
                text, Math.min(text.length(), m.end() + QUOTE_CONTEXT_CHARS)));
    String quoted =
        (start > 0 ? "..." : "") + text.substring(start, end) + (end < text.length() ? "..." : "");
    return "'" + quoted.strip() + "'";
  }
}
