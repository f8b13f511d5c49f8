package dev.mcprisk.export;

import dev.mcprisk.text.UnsafeCharacter;

/**
 * Safe YAML text: double-quoted scalars that any YAML 1.1 or 1.2 parser reads back exactly, and
 * comment text that can never end its line.
 *
 * <p>Source: YAML 1.2.2 §5.7 (escaped characters) and §7.3.1 (double-quoted style); YAML 1.1 also
 * treats U+0085, U+2028 and U+2029 as line breaks, so they are escaped too. Invisible and
 * direction-changing characters (every {@link UnsafeCharacter}, the rule of the terminal output,
 * and Unicode category Cf, e.g. U+202E, U+200B, tag characters) are escaped so a person reading the
 * file sees them.
 *
 * <p>Thread-safe: stateless.
 */
final class YamlText {
  /**
   * Longest quoted key written as an implicit key; longer keys use the explicit {@code ? key} form,
   * because YAML parsers (libyaml, go-yaml, SnakeYAML) refuse implicit keys over 1024 chars.
   */
  static final int MAX_IMPLICIT_KEY_CHARS = 1000;

  private YamlText() {}

  /** {@code text} as a double-quoted YAML scalar, including the quotes. */
  static String quote(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      int width = Character.charCount(cp);
      boolean loneSurrogate = width == 1 && Character.isSurrogate((char) cp);
      switch (cp) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (loneSurrogate || mustEscape(cp)) {
            out.append(escape(cp));
          } else {
            out.appendCodePoint(cp);
          }
        }
      }
      i += width;
    }
    return out.append('"').toString();
  }

  /**
   * Comment text: every character that {@link #quote} would escape (line breaks, controls,
   * invisible and direction-changing characters) becomes a space, runs of spaces collapse, and the
   * result is cut to {@code maxChars} code points with {@code "..."} appended when cut.
   */
  static String comment(String text, int maxChars) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    int kept = 0;
    boolean space = false;
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      int width = Character.charCount(cp);
      i += width;
      boolean loneSurrogate = width == 1 && Character.isSurrogate((char) cp);
      if (loneSurrogate || mustEscape(cp) || Character.isWhitespace(cp)) {
        space = out.length() > 0;
        continue;
      }
      if (kept >= maxChars) {
        return out.append("...").toString();
      }
      if (space) {
        out.append(' ');
        space = false;
      }
      out.appendCodePoint(cp);
      kept++;
    }
    return out.toString();
  }

  /**
   * {@code key} as a mapping key followed by its colon: implicit when short, explicit when long.
   */
  static String key(String key, String indent) {
    String quoted = quote(key);
    if (quoted.length() <= MAX_IMPLICIT_KEY_CHARS) {
      return indent + quoted + ":";
    }
    return indent + "? " + quoted + "\n" + indent + ":";
  }

  /** True for code points that must not appear literally in a scalar or a comment. */
  static boolean mustEscape(int cp) {
    if (cp >= 0x20 && cp < 0x7F) {
      return false;
    }
    if (UnsafeCharacter.isUnsafe(cp)) {
      return true;
    }
    if (cp <= 0x9F || cp == 0xFEFF || cp == 0xFFFE || cp == 0xFFFF) {
      return true;
    }
    return switch (Character.getType(cp)) {
      case Character.FORMAT,
              Character.CONTROL,
              Character.LINE_SEPARATOR,
              Character.PARAGRAPH_SEPARATOR,
              Character.SPACE_SEPARATOR,
              Character.PRIVATE_USE,
              Character.SURROGATE,
              Character.UNASSIGNED ->
          true;
      default -> false;
    };
  }

  private static String escape(int cp) {
    if (cp <= 0xFFFF) {
      return String.format("\\u%04X", cp);
    }
    return String.format("\\U%08X", cp);
  }
}
