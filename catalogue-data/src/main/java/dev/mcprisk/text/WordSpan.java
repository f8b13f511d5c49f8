package dev.mcprisk.text;

/**
 * Where one word of an identifier lies: the chars {@code [start, end)} of the text it was split
 * from ({@link IdentifierSplitter#spans}).
 *
 * @param start index of the word's first char, at least 0
 * @param end index after the word's last char, greater than {@code start}
 */
public record WordSpan(int start, int end) {
  /**
   * @throws IllegalArgumentException when {@code start} is negative or {@code end} is not greater
   */
  public WordSpan {
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException("not a word span: [" + start + ", " + end + ")");
    }
  }

  /** The number of chars, {@code end - start}. */
  public int length() {
    return end - start;
  }
}
