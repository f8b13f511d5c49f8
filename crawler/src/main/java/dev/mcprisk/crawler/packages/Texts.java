package dev.mcprisk.crawler.packages;

import dev.mcprisk.text.UntrustedText;

/** Small text helpers for package metadata: bounded quoting and UTF-8 truncation. */
final class Texts {

  private Texts() {}

  /**
   * {@code text} quoted for a message, cut to at most {@code maxChars} chars between characters
   * ({@link UntrustedText#prefix}) and with unsafe characters (controls, line separators, bidi,
   * zero-width and tag characters) as visible escapes ({@link UntrustedText#escape}), so untrusted
   * text cannot forge or hide in log lines.
   */
  static String quote(String text, int maxChars) {
    String cut = UntrustedText.prefix(text, maxChars);
    return "'" + UntrustedText.escape(cut) + (cut.length() < text.length() ? "..." : "") + "'";
  }

  /**
   * The longest prefix of {@code text} whose UTF-8 encoding is at most {@code maxBytes} bytes,
   * never splitting a code point (a surrogate pair stays whole or goes whole).
   *
   * @param text text to cut; never null
   * @param maxBytes zero or more
   */
  static String truncateUtf8(String text, int maxBytes) {
    if (text.length() * 3L <= maxBytes) {
      return text;
    }
    int bytes = 0;
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (bytes + size > maxBytes) {
        return text.substring(0, i);
      }
      bytes += size;
      i += Character.charCount(cp);
    }
    return text;
  }
}
