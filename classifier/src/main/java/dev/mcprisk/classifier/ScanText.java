package dev.mcprisk.classifier;

import java.util.BitSet;

/**
 * A text prepared once for many regex rules: the text, which gate needles of an index its
 * lower-case form holds ({@link NeedleIndex}, one pass per index), whether it holds any non-ASCII
 * char, and whether it holds a long run of base64 chars. Lets a rule skip its regex when the text
 * cannot match (see {@link SignalRules.Gated#find}).
 *
 * <p>Computes each view on first use; confined to one classification (not thread-safe).
 */
final class ScanText {
  private final String text;
  private NeedleIndex index;
  private BitSet found;
  private int nonAscii = UNKNOWN;

  private static final int UNKNOWN = -1;
  private static final char ASCII_LIMIT = 0x80;

  /**
   * Prepares {@code text} for the gates of rules.
   *
   * @param text the text the regexes run on
   */
  ScanText(String text) {
    this.text = text;
  }

  String text() {
    return text;
  }

  /**
   * Whether the lower-case text contains the needle at {@code needleIndex} of {@code needles}. The
   * needles found are kept for the last index asked about (the rules of a list share one).
   */
  boolean contains(NeedleIndex needles, int needleIndex) {
    if (needles != index) {
      index = needles;
      found = needles.find(text);
    }
    return found.get(needleIndex);
  }

  boolean hasNonAscii() {
    if (nonAscii == UNKNOWN) {
      nonAscii = 0;
      for (int i = 0; i < text.length(); i++) {
        if (text.charAt(i) >= ASCII_LIMIT) {
          nonAscii = 1;
          break;
        }
      }
    }
    return nonAscii == 1;
  }

  /**
   * Whether the text holds a run of at least {@code min} base64 chars. Probes every {@code min}-th
   * char and scans back from a base64 probe, so ordinary prose costs about one look per word.
   */
  boolean hasBase64Run(int min) {
    int n = text.length();
    int i = 0;
    while (i + min <= n) {
      int probe = i + min - 1;
      if (!isBase64(text.charAt(probe))) {
        i = probe + 1;
        continue;
      }
      int j = probe - 1;
      while (j >= i && isBase64(text.charAt(j))) {
        j--;
      }
      if (j < i) {
        return true;
      }
      i = j + 1;
    }
    return false;
  }

  private static boolean isBase64(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '+'
        || c == '/';
  }
}
