package dev.mcprisk.crawler.packages;

/** Small text helpers for package metadata: bounded quoting and UTF-8 truncation. */
final class Texts {

  private Texts() {}

  /**
   * {@code text} quoted for a message, cut to {@code maxChars} characters and with control
   * characters replaced by {@code ?}, so untrusted text cannot forge log lines.
   */
  static String quote(String text, int maxChars) {
    StringBuilder out = new StringBuilder("'");
    int end = Math.min(text.length(), maxChars);
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      out.append(Character.isISOControl(c) ? '?' : c);
    }
    if (text.length() > maxChars) {
      out.append("...");
    }
    return out.append('\'').toString();
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
