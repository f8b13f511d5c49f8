package dev.mcprisk.index;

import dev.mcprisk.text.UntrustedText;

/**
 * Makes snippets plain, short and balanced.
 *
 * <p>Thread-safe: stateless.
 */
final class Snippets {
  /** How far back from the cut a word break is looked for: 30 chars. */
  private static final int WORD_BREAK_WINDOW_CHARS = 30;

  private static final String ELLIPSIS = "…";

  private Snippets() {}

  /**
   * White space collapsed and cut to at most {@code maxChars} chars (an ellipsis marks a cut, which
   * falls on a word break when one is near, and never inside a surrogate pair or grapheme cluster:
   * {@link UntrustedText#boundaryAtOrBefore}); a highlight left open by the cut is dropped.
   *
   * @return null when {@code text} is null or blank
   */
  static String cap(String text, int maxChars) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String plain = text.strip().replaceAll("\\s+", " ");
    if (plain.length() <= maxChars) {
      return plain;
    }
    int cut = UntrustedText.boundaryAtOrBefore(plain, maxChars - ELLIPSIS.length());
    int space = plain.lastIndexOf(' ', cut);
    if (space > 0 && cut - space <= WORD_BREAK_WINDOW_CHARS) {
      cut = space;
    }
    StringBuilder head = new StringBuilder(plain.substring(0, cut).stripTrailing());
    int open = head.lastIndexOf(IndexDefaults.HIGHLIGHT_OPEN);
    if (open >= 0 && open > head.lastIndexOf(IndexDefaults.HIGHLIGHT_CLOSE)) {
      head.deleteCharAt(open);
    }
    return head.append(ELLIPSIS).toString();
  }
}
