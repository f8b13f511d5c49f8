package dev.mcprisk.text;

import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of character that must not reach a terminal, a log line or a person's eyes raw, because
 * they control the terminal, break lines, reorder or hide text, or are not text at all.
 *
 * <p>Sources: Unicode Technical Report #36 "Unicode Security Considerations" §2 (bidi and invisible
 * characters, https://www.unicode.org/reports/tr36/), Unicode Technical Standard #39 "Unicode
 * Security Mechanisms" §3.1 and the Default_Ignorable_Code_Point property
 * (https://www.unicode.org/reports/tr39/), Trojan Source, CVE-2021-42574 (bidi controls,
 * https://trojansource.codes/), and ECMA-48 §5 (C0 and C1 controls, ESC and CSI start terminal
 * control sequences).
 *
 * <p>Thread-safe: immutable.
 */
public enum UnsafeCharacter {
  /** U+0000, which ends C strings and so can cut a name short in other tools. */
  NUL("NUL character"),
  /** U+001B ESC and U+009B CSI, which start ANSI/ECMA-48 terminal control sequences. */
  TERMINAL_ESCAPE("escape character"),
  /** Every other C0 control (U+0001–U+001F), DEL (U+007F) and C1 control (U+0080–U+009F). */
  CONTROL("control character"),
  /** U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR, line breaks to many readers. */
  LINE_SEPARATOR("line or paragraph separator"),
  /**
   * Bidirectional controls: embeddings and overrides U+202A–U+202E, isolates U+2066–U+2069, marks
   * U+200E, U+200F and U+061C (Trojan Source, CVE-2021-42574).
   */
  BIDI_CONTROL("bidirectional control"),
  /**
   * Zero-width and blank characters that make one name look like another: U+200B–U+200D, U+2060–
   * U+2064, U+FEFF, U+180E, U+034F and the Hangul fillers U+115F, U+1160, U+3164, U+FFA0.
   */
  INVISIBLE("invisible character"),
  /** Unicode tag characters U+E0000–U+E007F, invisible and able to smuggle ASCII text. */
  TAG("tag character"),
  /** A high or low surrogate without its other half: not a character at all. */
  UNPAIRED_SURROGATE("unpaired surrogate"),
  /** Any other format character (general category Cf), such as U+00AD SOFT HYPHEN. */
  FORMAT("format character");

  private static final int ESC = 0x1B;
  private static final int CSI = 0x9B;
  private static final int DEL = 0x7F;
  private static final int LAST_C1 = 0x9F;

  private final String label;

  UnsafeCharacter(String label) {
    this.label = label;
  }

  /** A short lower-case noun for the kind, such as {@code "bidirectional control"}. */
  public String label() {
    return label;
  }

  /**
   * The kind of {@code codePoint}, or empty when it is safe to show as it is.
   *
   * @param codePoint a code point as {@link String#codePointAt} returns it: a lone surrogate comes
   *     back as its own value and is {@link #UNPAIRED_SURROGATE}
   */
  public static Optional<UnsafeCharacter> of(int codePoint) {
    return Optional.ofNullable(kind(codePoint));
  }

  /** Whether {@code codePoint} is of any unsafe kind; the fast form of {@link #of}. */
  public static boolean isUnsafe(int codePoint) {
    if (codePoint >= 0x20 && codePoint < DEL) {
      return false;
    }
    return kind(codePoint) != null;
  }

  /**
   * A description of {@code codePoint} for a person: its Unicode name in lower case, or for
   * controls the kind, then its number, e.g. {@code "right-to-left override (U+202E)"}, {@code
   * "escape character (U+001B)"}, {@code "tag latin capital letter a (U+E0041)"}.
   */
  public static String describe(int codePoint) {
    UnsafeCharacter kind = kind(codePoint);
    String name;
    if (codePoint == CSI) {
      name = "control sequence introducer";
    } else if (kind == NUL || kind == TERMINAL_ESCAPE || kind == CONTROL) {
      name = kind.label;
    } else if (kind == UNPAIRED_SURROGATE) {
      name = kind.label;
    } else {
      String unicode = Character.isValidCodePoint(codePoint) ? Character.getName(codePoint) : null;
      if (unicode != null && Character.getType(codePoint) != Character.UNASSIGNED) {
        name = unicode.toLowerCase(Locale.ROOT);
      } else {
        name = kind == null ? "character" : kind.label;
      }
    }
    return name + " (" + UntrustedText.codePointNumber(codePoint) + ")";
  }

  private static UnsafeCharacter kind(int cp) {
    if (cp < 0x20 || (cp >= DEL && cp <= LAST_C1)) {
      if (cp == 0) {
        return NUL;
      }
      return cp == ESC || cp == CSI ? TERMINAL_ESCAPE : CONTROL;
    }
    if (cp < 0xA0) {
      return null;
    }
    if (cp == 0x2028 || cp == 0x2029) {
      return LINE_SEPARATOR;
    }
    if ((cp >= 0x202A && cp <= 0x202E)
        || (cp >= 0x2066 && cp <= 0x2069)
        || cp == 0x200E
        || cp == 0x200F
        || cp == 0x061C) {
      return BIDI_CONTROL;
    }
    if ((cp >= 0x200B && cp <= 0x200D)
        || (cp >= 0x2060 && cp <= 0x2064)
        || cp == 0xFEFF
        || cp == 0x180E
        || cp == 0x034F
        || cp == 0x115F
        || cp == 0x1160
        || cp == 0x3164
        || cp == 0xFFA0) {
      return INVISIBLE;
    }
    if (cp >= 0xE0000 && cp <= 0xE007F) {
      return TAG;
    }
    if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
      return UNPAIRED_SURROGATE;
    }
    return Character.getType(cp) == Character.FORMAT ? FORMAT : null;
  }
}
