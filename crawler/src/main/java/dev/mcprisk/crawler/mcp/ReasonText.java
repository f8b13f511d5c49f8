package dev.mcprisk.crawler.mcp;

import dev.mcprisk.text.UntrustedText;

/**
 * Server text as it is quoted in a crawl's reason: at most {@value #MAX_CHARS} characters (then
 * {@code ...}), so a hostile server cannot make a reason long.
 *
 * <p>Thread-safe: static functions only.
 */
final class ReasonText {

  /** Longest server text quoted in a reason, in characters (UTF-16 units, cut on a boundary). */
  static final int MAX_CHARS = 200;

  private ReasonText() {}

  /**
   * {@code text} when at most {@value #MAX_CHARS} characters long, else its first {@value
   * #MAX_CHARS} (never splitting a character, see {@link UntrustedText#prefix}) and {@code ...}.
   *
   * @throws NullPointerException when {@code text} is null
   */
  static String abbreviate(String text) {
    return text.length() <= MAX_CHARS ? text : UntrustedText.prefix(text, MAX_CHARS) + "...";
  }

  /** {@code text} with every run of white space made one blank, stripped; "null" for null. */
  static String oneLine(String text) {
    return String.valueOf(text).replaceAll("\\s+", " ").strip();
  }
}
