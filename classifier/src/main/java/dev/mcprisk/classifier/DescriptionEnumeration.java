package dev.mcprisk.classifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds the verbs a description's first sentence lists as alternatives: "list, create, close, or
 * select" or "open or close". A listed word is an exact lexicon verb that is no object word.
 *
 * <p>Thread-safe: immutable.
 */
final class DescriptionEnumeration {
  private final Lexicon lexicon;

  DescriptionEnumeration(Lexicon lexicon) {
    this.lexicon = lexicon;
  }

  /** The first list of verbs in {@code firstSentence}, in order; empty when there is none. */
  List<String> verbs(String firstSentence) {
    return enumeration(tokens(firstSentence));
  }

  /** Words as {@link ToolFacts#words} splits them, and each comma as a token of its own. */
  private static List<String> tokens(String firstSentence) {
    String text = firstSentence.toLowerCase(Locale.ROOT);
    List<String> tokens = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= text.length(); i++) {
      char c = i < text.length() ? text.charAt(i) : ' ';
      boolean wordChar = Character.isLetterOrDigit(c);
      if (wordChar && start < 0) {
        start = i;
      } else if (!wordChar && start >= 0) {
        tokens.add(text.substring(start, i));
        start = -1;
      }
      if (c == ',') {
        tokens.add(",");
      }
    }
    return tokens;
  }

  /** Verbs listed as "a, b, or c" / "a or b" in the tokens; empty when there is no such list. */
  private List<String> enumeration(List<String> tokens) {
    for (int i = 0; i < tokens.size(); i++) {
      if (!listable(tokens.get(i))) {
        continue;
      }
      List<String> items = new ArrayList<>(List.of(tokens.get(i)));
      int j = i;
      boolean closed = false;
      while (!closed) {
        if (j + 2 < tokens.size() && tokens.get(j + 1).equals(",") && listable(tokens.get(j + 2))) {
          items.add(tokens.get(j + 2));
          j += 2;
        } else if (j + 3 < tokens.size()
            && tokens.get(j + 1).equals(",")
            && lexicon.isConnector(tokens.get(j + 2))
            && listable(tokens.get(j + 3))) {
          items.add(tokens.get(j + 3));
          closed = true;
        } else if (j + 2 < tokens.size()
            && lexicon.isConnector(tokens.get(j + 1))
            && listable(tokens.get(j + 2))) {
          items.add(tokens.get(j + 2));
          closed = true;
        } else {
          break;
        }
      }
      if (closed) {
        return items;
      }
    }
    return List.of();
  }

  private boolean listable(String word) {
    return lexicon.exactVerb(word) != null && lexicon.tags(word).isEmpty();
  }
}
