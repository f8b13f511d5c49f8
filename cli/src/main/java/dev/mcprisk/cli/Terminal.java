package dev.mcprisk.cli;

/**
 * Makes text from strangers (server and tool names, descriptions, reasons) safe to print on a
 * terminal: control characters (C0, C1, DEL), bidi overrides and isolates, and zero-width
 * characters become {@code U+XXXX} escapes, so no escape sequence or reordering reaches the screen.
 */
final class Terminal {
  private Terminal() {}

  static String safe(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            cp -> {
              if (unsafe(cp)) {
                out.append(String.format("\\u%04X", cp));
              } else {
                out.appendCodePoint(cp);
              }
            });
    return out.toString();
  }

  private static boolean unsafe(int cp) {
    return cp < 0x20
        || (cp >= 0x7F && cp <= 0x9F)
        || (cp >= 0x200B && cp <= 0x200F)
        || (cp >= 0x202A && cp <= 0x202E)
        || (cp >= 0x2066 && cp <= 0x2069)
        || cp == 0xFEFF;
  }
}
