package dev.mcprisk.index;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.search.BoostAttribute;

/**
 * Adds single-word synonyms at the position of a word, each with a {@link BoostAttribute} below 1.0
 * so that {@link org.apache.lucene.util.QueryBuilder} builds a {@link
 * org.apache.lucene.search.SynonymQuery} in which the typed word outweighs its synonyms.
 *
 * <p>Why not {@code SynonymGraphFilter}: it cannot consume a token graph, and {@link
 * IdentifierSplitFilter} produces one (a whole identifier spanning its parts). Single-word synonyms
 * copy the position length of the word, which keeps the graph valid.
 *
 * <p>Not thread-safe (a token stream).
 */
final class SynonymExpansionFilter extends TokenFilter {
  private final Map<String, List<String>> synonyms;
  private final float synonymBoost;
  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final PositionIncrementAttribute positionIncrement =
      addAttribute(PositionIncrementAttribute.class);
  private final BoostAttribute boost = addAttribute(BoostAttribute.class);

  private List<String> pending = List.of();
  private int nextPending;
  private State wordState;

  /**
   * @param synonyms word → its synonyms, all already analyzed (lower-case, stemmed)
   * @param synonymBoost weight of a synonym, (0, 1]
   */
  SynonymExpansionFilter(
      TokenStream input, Map<String, List<String>> synonyms, float synonymBoost) {
    super(input);
    this.synonyms = synonyms;
    this.synonymBoost = synonymBoost;
  }

  @Override
  public boolean incrementToken() throws IOException {
    if (nextPending < pending.size()) {
      restoreState(wordState);
      term.setEmpty().append(pending.get(nextPending++));
      positionIncrement.setPositionIncrement(0);
      boost.setBoost(synonymBoost);
      return true;
    }
    if (!input.incrementToken()) {
      return false;
    }
    List<String> found = synonyms.get(term.toString());
    nextPending = 0;
    if (found == null) {
      pending = List.of();
    } else {
      pending = found;
      wordState = captureState();
    }
    return true;
  }

  @Override
  public void reset() throws IOException {
    super.reset();
    pending = List.of();
    nextPending = 0;
    wordState = null;
  }
}
