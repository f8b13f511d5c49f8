package dev.mcprisk.index;

import dev.mcprisk.text.IdentifierSplitter;
import dev.mcprisk.text.WordSpan;
import java.io.IOException;
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
 * {@code AHO}, {@code Run}, {@code Batch}. The words are those of {@link
 * IdentifierSplitter#SEARCH}: breaks at any non-letter-or-digit ({@code _ - . / :}), lower to upper
 * case ({@code createEntities}), the last upper of an upper-case run followed by a lower ({@code
 * AHORun}, but not a plural {@code IDs}), and between letters and digits ({@code oauth2}).
 *
 * <p>The output is a valid token graph: the whole identifier has position length = number of parts,
 * the parts have length 1, so query-time graph parsing works and index time needs no flattening
 * (positions are already linear). A token with one part passes through unchanged.
 *
 * <p>Not thread-safe (a token stream); {@link IdentifierAnalyzer} makes one per thread.
 */
final class IdentifierSplitFilter extends TokenFilter {
  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
  private final PositionIncrementAttribute positionIncrement =
      addAttribute(PositionIncrementAttribute.class);
  private final PositionLengthAttribute positionLength =
      addAttribute(PositionLengthAttribute.class);
  private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);

  private List<WordSpan> parts = List.of();
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
      WordSpan part = parts.get(nextPart);
      term.copyBuffer(whole, part.start(), part.length());
      if (offsetsMatchTerm) {
        offset.setOffset(wholeStartOffset + part.start(), wholeStartOffset + part.end());
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
    List<WordSpan> split = IdentifierSplitter.SEARCH.spans(term);
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
}
