package dev.mcprisk.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionLengthAttribute;

/**
 * Splits an identifier token into its words and keeps the whole identifier: {@code
 * StartAHORunBatch} gives {@code StartAHORunBatch} (spanning 4 positions) then {@code Start},
 * {@code AHO}, {@code Run}, {@code Batch}. Word breaks are: any non-letter-or-digit ({@code _ - . /
 * :}), lower to upper case ({@code createEntities}), the last upper of an upper-case run followed
 * by a lower ({@code AHORun}, but not a plural {@code IDs}), and letter to digit ({@code oauth2}).
 *
 * <p>The output is a valid token graph: the whole identifier has position length = number of parts,
 * the parts have length 1, so query-time graph parsing works and index time needs no flattening
 * (positions are already linear). A token with one part passes through unchanged.
 *
 * <p>Not thread-safe (a token stream); {@link IdentifierAnalyzer} makes one per thread.
 */
final class IdentifierSplitFilter extends TokenFilter {
  private static final int DELIMITER = 0;
  private static final int LOWER = 1;
  private static final int UPPER = 2;
  private static final int DIGIT = 3;

  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
  private final PositionIncrementAttribute positionIncrement =
      addAttribute(PositionIncrementAttribute.class);
  private final PositionLengthAttribute positionLength =
      addAttribute(PositionLengthAttribute.class);
  private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);

  private List<int[]> parts = List.of();
  private int nextPart;
  private char[] whole = new char[0];
  private int wholeStartOffset;
  private boolean offsetsMatchTerm;
  private State wholeState;

  IdentifierSplitFilter(TokenStream input) {
    super(input);
  }

  @Override
  public boolean incrementToken() throws IOException {
    if (nextPart < parts.size()) {
      restoreState(wholeState);
      int[] part = parts.get(nextPart);
      term.copyBuffer(whole, part[0], part[1] - part[0]);
      if (offsetsMatchTerm) {
        offset.setOffset(wholeStartOffset + part[0], wholeStartOffset + part[1]);
      }
      positionIncrement.setPositionIncrement(nextPart == 0 ? 0 : 1);
      positionLength.setPositionLength(1);
      keyword.setKeyword(false);
      nextPart++;
      return true;
    }
    if (!input.incrementToken()) {
      return false;
    }
    List<int[]> split = split(term.buffer(), term.length());
    nextPart = 0;
    if (split.size() <= 1) {
      parts = List.of();
      return true;
    }
    parts = split;
    whole = Arrays.copyOf(term.buffer(), term.length());
    wholeStartOffset = offset.startOffset();
    offsetsMatchTerm = offset.endOffset() - offset.startOffset() == term.length();
    positionLength.setPositionLength(split.size());
    keyword.setKeyword(true);
    wholeState = captureState();
    return true;
  }

  @Override
  public void reset() throws IOException {
    super.reset();
    parts = List.of();
    nextPart = 0;
    wholeState = null;
  }

  /**
   * The words of an identifier as {@code [start, end)} char ranges of {@code text}, in order.
   *
   * @param text the identifier's chars
   * @param length how many chars of {@code text} to read
   */
  static List<int[]> split(char[] text, int length) {
    List<int[]> parts = new ArrayList<>();
    int start = -1;
    int previous = DELIMITER;
    for (int i = 0; i < length; ) {
      int codePoint = Character.codePointAt(text, i, length);
      int next = i + Character.charCount(codePoint);
      int type = type(codePoint);
      if (type == DELIMITER) {
        if (start >= 0) {
          parts.add(new int[] {start, i});
          start = -1;
        }
      } else if (start < 0) {
        start = i;
      } else if (isBreak(previous, type, text, next, length)) {
        parts.add(new int[] {start, i});
        start = i;
      }
      previous = type;
      i = next;
    }
    if (start >= 0) {
      parts.add(new int[] {start, length});
    }
    return parts;
  }

  private static boolean isBreak(int previous, int type, char[] text, int after, int length) {
    if ((previous == DIGIT) != (type == DIGIT)) {
      return true;
    }
    if (previous == LOWER && type == UPPER) {
      return true;
    }
    return previous == UPPER
        && type == UPPER
        && after < length
        && type(Character.codePointAt(text, after, length)) == LOWER
        && !isPluralSuffix(text, after, length);
  }

  /** A lone {@code s} closing the word, as in {@code IDs} or {@code URLs}. */
  private static boolean isPluralSuffix(char[] text, int at, int length) {
    if (text[at] != 's') {
      return false;
    }
    int after = at + 1;
    return after >= length || type(Character.codePointAt(text, after, length)) != LOWER;
  }

  private static int type(int codePoint) {
    if (Character.isDigit(codePoint)) {
      return DIGIT;
    }
    if (Character.isUpperCase(codePoint) || Character.isTitleCase(codePoint)) {
      return UPPER;
    }
    if (Character.isLetter(codePoint)
        || Character.getType(codePoint) == Character.NON_SPACING_MARK
        || Character.getType(codePoint) == Character.COMBINING_SPACING_MARK
        || Character.getType(codePoint) == Character.ENCLOSING_MARK) {
      return LOWER;
    }
    return DELIMITER;
  }
}
