package dev.mcprisk.cli;

import dev.mcprisk.text.UntrustedText;

/**
 * Makes text from strangers (server and tool names, descriptions, reasons) safe to print on a
 * terminal: every unsafe character ({@link dev.mcprisk.text.UnsafeCharacter}: C0 and C1 controls
 * with NUL and ESC, DEL, U+2028/U+2029, bidi controls, zero-width, tag and other format characters,
 * unpaired surrogates) becomes a visible {@code \}{@code uXXXX} or {@code \}{@code UXXXXXXXX}
 * escape ({@link UntrustedText#escape}), so no escape sequence, line break or reordering reaches
 * the screen.
 */
final class Terminal {
  private Terminal() {}

  /** {@code text} escaped for a terminal; {@code ""} for null. */
  static String safe(String text) {
    return UntrustedText.escape(text);
  }
}
