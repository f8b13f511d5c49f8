package dev.mcprisk.index;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Closes the position gaps a {@link org.apache.lucene.analysis.StopFilter} leaves, so that {@code
 * take a screenshot} becomes the positions of {@code take screenshot}.
 *
 * <p>Why: {@link IdentifierSplitFilter} makes a token graph, and Lucene's graph query building
 * ({@link org.apache.lucene.util.graph.GraphTokenStreamFiniteStrings}) does not follow paths across
 * holes, which would drop the words after a stop word. Query time only; the index keeps its stop
 * words and positions, so a quoted phrase with a stop word in it matches with a slop of one per
 * dropped word.
 *
 * <p>Not thread-safe (a token stream).
 */
final class CloseGapsFilter extends TokenFilter {
  private final PositionIncrementAttribute positionIncrement =
      addAttribute(PositionIncrementAttribute.class);

  CloseGapsFilter(TokenStream input) {
    super(input);
  }

  @Override
  public boolean incrementToken() throws IOException {
    if (!input.incrementToken()) {
      return false;
    }
    if (positionIncrement.getPositionIncrement() > 1) {
      positionIncrement.setPositionIncrement(1);
    }
    return true;
  }
}
