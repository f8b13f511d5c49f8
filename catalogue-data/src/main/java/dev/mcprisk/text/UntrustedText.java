package dev.mcprisk.text;

/**
 * Text from strangers (server and tool names, descriptions, reasons) made safe to show, and cut
 * without breaking characters. Every text output of the project (terminal tables, log values,
 * quoted reasons) escapes through {@link #escape}, so one rule decides what reaches a screen.
 *
 * <p><b>Escaping</b>: every code point of an {@link UnsafeCharacter} kind (C0 and C1 controls
 * including NUL and ESC, DEL, U+2028 and U+2029, bidi controls, zero-width and blank characters,
 * tag characters U+E0000–U+E007F, other format characters, unpaired surrogates) becomes a visible
 * escape of fixed width: {@code \}{@code uXXXX} (four hex digits) in the Basic Multilingual Plane
 * and {@code \}{@code UXXXXXXXX} (eight hex digits) above it, the notation of YAML 1.2.2 §5.7, C
 * and Python. Fixed width keeps an escape unambiguous when hex digits follow it. Everything else,
 * letters of every script and emoji included, is kept; a backslash is kept as it is, so text that
 * already looks like an escape stays readable (the caller quotes backslashes when the output must
 * be parsed back, as log values do).
 *
 * <p><b>Cutting</b>: {@link #prefix} and the boundary methods never cut inside a surrogate pair,
 * and not between a character and what extends it (Unicode TR29 §3.1.1 rules GB3, GB9, GB9a, GB11,
 * GB12/13 in a simplified form: combining marks, ZERO WIDTH JOINER sequences, variation selectors,
 * emoji modifiers, tag sequences, regional-indicator pairs and CR LF stay whole). A cluster longer
 * than {@link #MAX_CLUSTER_BACKOFF_CHARS} is cut between code points instead, so a run of thousands
 * of combining marks cannot empty a quote.
 *
 * <p>Thread-safe: stateless.
 */
public final class UntrustedText {
  /**
   * Most chars a cut moves to keep a grapheme cluster whole: 32. Real clusters (an emoji family
   * sequence, a letter with a few marks) are shorter; beyond this the cut falls between code
   * points.
   */
  public static final int MAX_CLUSTER_BACKOFF_CHARS = 32;

  private static final int ZWJ = 0x200D;

  private UntrustedText() {}

  /**
   * {@code text} with every unsafe code point escaped (see the class comment).
   *
   * @param text any text; null gives {@code ""}
   * @return the escaped text, equal to {@code text} when nothing needed escaping
   */
  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    int first = firstUnsafe(text);
    if (first < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
    appendEscaped(out, text, first);
    return out.toString();
  }

  /**
   * Appends {@code text} from {@code start} to {@code out}, every unsafe code point escaped.
   *
   * @param out where to append; not null
   * @param text the text; not null
   * @param start index of the first char to append, 0 to {@code text.length()}
   */
  public static void appendEscaped(StringBuilder out, String text, int start) {
    int i = start;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      if (UnsafeCharacter.isUnsafe(cp)) {
        out.append(escapeCodePoint(cp));
      } else {
        out.appendCodePoint(cp);
      }
      i += Character.charCount(cp);
    }
  }

  /** Index of the first unsafe code point of {@code text}, or -1 when it has none. */
  public static int firstUnsafe(String text) {
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c >= 0x20 && c < 0x7F) {
        i++;
        continue;
      }
      int cp = text.codePointAt(i);
      if (UnsafeCharacter.isUnsafe(cp)) {
        return i;
      }
      i += Character.charCount(cp);
    }
    return -1;
  }

  /**
   * The visible escape of one code point: {@code \}{@code u202E}, {@code \}{@code U000E0041}.
   *
   * @param codePoint any code point, a lone surrogate included
   */
  public static String escapeCodePoint(int codePoint) {
    if (codePoint <= 0xFFFF) {
      return String.format("\\u%04X", codePoint);
    }
    return String.format("\\U%08X", codePoint);
  }

  /** {@code U+202E}, {@code U+E0041}: a code point's number as Unicode writes it. */
  public static String codePointNumber(int codePoint) {
    return String.format("U+%04X", codePoint);
  }

  /**
   * The longest prefix of {@code text} of at most {@code maxChars} chars that ends on a character
   * boundary (see the class comment).
   *
   * @param text the text; null gives {@code ""}
   * @param maxChars most UTF-16 chars kept, zero or more
   * @return {@code text} itself when it fits
   * @throws IllegalArgumentException when {@code maxChars} is negative
   */
  public static String prefix(String text, int maxChars) {
    if (maxChars < 0) {
      throw new IllegalArgumentException("maxChars < 0: " + maxChars);
    }
    if (text == null) {
      return "";
    }
    if (text.length() <= maxChars) {
      return text;
    }
    return text.substring(0, boundaryAtOrBefore(text, maxChars));
  }

  /**
   * The greatest character boundary at or before {@code index}: where a prefix may end.
   *
   * @param text the text; not null
   * @param index 0 to {@code text.length()}
   * @return an index from 0 to {@code index}
   */
  public static int boundaryAtOrBefore(CharSequence text, int index) {
    checkIndex(text, index);
    int i = index;
    while (i > 0 && index - i <= MAX_CLUSTER_BACKOFF_CHARS) {
      if (isClusterBoundary(text, i)) {
        return i;
      }
      i--;
    }
    return i == 0 ? 0 : isSplitPair(text, index) ? index - 1 : index;
  }

  /**
   * The least character boundary at or after {@code index}: where a suffix may start.
   *
   * @param text the text; not null
   * @param index 0 to {@code text.length()}
   * @return an index from {@code index} to {@code text.length()}
   */
  public static int boundaryAtOrAfter(CharSequence text, int index) {
    checkIndex(text, index);
    int i = index;
    while (i < text.length() && i - index <= MAX_CLUSTER_BACKOFF_CHARS) {
      if (isClusterBoundary(text, i)) {
        return i;
      }
      i++;
    }
    return i == text.length() ? i : isSplitPair(text, index) ? index + 1 : index;
  }

  private static boolean isSplitPair(CharSequence text, int index) {
    return index > 0
        && index < text.length()
        && Character.isHighSurrogate(text.charAt(index - 1))
        && Character.isLowSurrogate(text.charAt(index));
  }

  /** Whether a cut between {@code index - 1} and {@code index} keeps every cluster whole. */
  static boolean isClusterBoundary(CharSequence text, int index) {
    if (index <= 0 || index >= text.length()) {
      return true;
    }
    if (isSplitPair(text, index)) {
      return false;
    }
    int next = Character.codePointAt(text, index);
    int previous = Character.codePointBefore(text, index);
    if (previous == '\r' && next == '\n') {
      return false;
    }
    if (extendsPrevious(next)) {
      return false;
    }
    if (previous == ZWJ && isPictographic(next)) {
      return false;
    }
    if (isRegionalIndicator(previous) && isRegionalIndicator(next)) {
      int before = 0;
      int i = index;
      while (i > 0 && isRegionalIndicator(Character.codePointBefore(text, i))) {
        before++;
        i -= 2;
      }
      return before % 2 == 0;
    }
    return true;
  }

  /** Grapheme_Extend, SpacingMark, ZWJ, emoji modifiers and tags (TR29 GB9, GB9a). */
  private static boolean extendsPrevious(int cp) {
    if (cp < 0x300) {
      return false;
    }
    if (cp == ZWJ
        || (cp >= 0xFE00 && cp <= 0xFE0F)
        || (cp >= 0x1F3FB && cp <= 0x1F3FF)
        || (cp >= 0xE0020 && cp <= 0xE007F)
        || (cp >= 0xE0100 && cp <= 0xE01EF)) {
      return true;
    }
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK
        || type == Character.ENCLOSING_MARK
        || type == Character.COMBINING_SPACING_MARK;
  }

  /** Extended_Pictographic, approximately: the emoji and symbol blocks (TR29 GB11). */
  private static boolean isPictographic(int cp) {
    return (cp >= 0x2600 && cp <= 0x27BF)
        || (cp >= 0x2B00 && cp <= 0x2BFF)
        || (cp >= 0x1F000 && cp <= 0x1FAFF);
  }

  private static boolean isRegionalIndicator(int cp) {
    return cp >= 0x1F1E6 && cp <= 0x1F1FF;
  }

  private static void checkIndex(CharSequence text, int index) {
    if (index < 0 || index > text.length()) {
      throw new IllegalArgumentException(
          "index " + index + " outside 0.." + text.length() + " of the text");
    }
  }
}
