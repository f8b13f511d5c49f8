package dev.mcprisk.index;

import java.io.IOException;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.util.ArrayUtil;

/**
 * The tokenizer of {@link IdentifierAnalyzer}: emits exactly the matches of {@link
 * IdentifierAnalyzer#TOKEN_PATTERN} ({@code [\p{L}\p{M}\p{N}]+(?:[._\-/:][\p{L}\p{M}\p{N}]+)*}),
 * with the same offsets, as Lucene's {@code PatternTokenizer} with that pattern and group 0 would,
 * but with a hand-written scan instead of a regular expression (the regex was about a tenth of the
 * rebuild's CPU time at 500,000 tools). {@code IdentifierTokenizerTest} checks the equivalence.
 *
 * <p>Like {@code PatternTokenizer} it reads the whole input on {@link #reset()}; inputs are field
 * values (names, descriptions), not documents of unbounded size.
 *
 * <p>Not thread-safe (a token stream); an {@link org.apache.lucene.analysis.Analyzer} makes one per
 * thread.
 */
final class IdentifierTokenizer extends Tokenizer {
  private static final int INITIAL_BUFFER_CHARS = 256;

  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);

  private char[] text = new char[INITIAL_BUFFER_CHARS];
  private int length;
  private int position;

  @Override
  public boolean incrementToken() {
    clearAttributes();
    int i = position;
    while (i < length) {
      int codePoint = Character.codePointAt(text, i, length);
      if (isWordChar(codePoint)) {
        break;
      }
      i += Character.charCount(codePoint);
    }
    if (i >= length) {
      position = length;
      return false;
    }
    int start = i;
    i = skipWord(i);
    while (i + 1 < length
        && isJoiner(text[i])
        && isWordChar(Character.codePointAt(text, i + 1, length))) {
      i = skipWord(i + 1);
    }
    position = i;
    term.copyBuffer(text, start, i - start);
    offset.setOffset(correctOffset(start), correctOffset(i));
    return true;
  }

  /** The index after the run of word chars starting at {@code from}. */
  private int skipWord(int from) {
    int i = from;
    while (i < length) {
      int codePoint = Character.codePointAt(text, i, length);
      if (!isWordChar(codePoint)) {
        break;
      }
      i += Character.charCount(codePoint);
    }
    return i;
  }

  /** {@code [._\-/:]}: joins the words of one identifier. */
  private static boolean isJoiner(char c) {
    return c == '.' || c == '_' || c == '-' || c == '/' || c == ':';
  }

  /** {@code [\p{L}\p{M}\p{N}]}: a letter, mark or number, with an ASCII fast path. */
  static boolean isWordChar(int codePoint) {
    if (codePoint < 0x80) {
      return (codePoint >= 'a' && codePoint <= 'z')
          || (codePoint >= 'A' && codePoint <= 'Z')
          || (codePoint >= '0' && codePoint <= '9');
    }
    return switch (Character.getType(codePoint)) {
      case Character.UPPERCASE_LETTER,
              Character.LOWERCASE_LETTER,
              Character.TITLECASE_LETTER,
              Character.MODIFIER_LETTER,
              Character.OTHER_LETTER,
              Character.NON_SPACING_MARK,
              Character.ENCLOSING_MARK,
              Character.COMBINING_SPACING_MARK,
              Character.DECIMAL_DIGIT_NUMBER,
              Character.LETTER_NUMBER,
              Character.OTHER_NUMBER ->
          true;
      default -> false;
    };
  }

  @Override
  public void end() throws IOException {
    super.end();
    int finalOffset = correctOffset(length);
    offset.setOffset(finalOffset, finalOffset);
  }

  @Override
  public void reset() throws IOException {
    super.reset();
    length = 0;
    position = 0;
    while (true) {
      if (length == text.length) {
        text = ArrayUtil.grow(text, length + 1);
      }
      int read = input.read(text, length, text.length - length);
      if (read == -1) {
        break;
      }
      length += read;
    }
  }

  @Override
  public void close() throws IOException {
    super.close();
    if (text.length > INITIAL_BUFFER_CHARS * 64) {
      text = new char[INITIAL_BUFFER_CHARS];
    }
  }
}
