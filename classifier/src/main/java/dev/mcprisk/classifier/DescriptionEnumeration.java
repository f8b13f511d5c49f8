package dev.mcprisk.classifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds the verbs a description lists as alternatives: "list, create, close, or select", "open or
 * close", "copy/move/delete", "listing, adding, updating, and removing", "(INSERT, UPDATE, DELETE)"
 * (three or more need no closing connector). A listed word is a lexicon verb in its base or -ing
 * form that is no object word; a list right after a negator ("without creating or deleting") is
 * skipped.
 *
 * <p>Thread-safe: immutable.
 */
final class DescriptionEnumeration {
  private final Lexicon lexicon;

  DescriptionEnumeration(Lexicon lexicon) {
    this.lexicon = lexicon;
  }

  /** The first list of verbs in {@code text}, in order; empty when there is none. */
  List<String> verbs(String text) {
    return enumeration(tokens(text));
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
      if (c == ',' || c == '/') {
        tokens.add(",");
      }
    }
    return tokens;
  }

  /** Verbs listed as "a, b, or c" / "a or b" in the tokens; empty when there is no such list. */
  private List<String> enumeration(List<String> tokens) {
    for (int i = 0; i < tokens.size(); i++) {
      if (!listable(tokens.get(i)) || (i > 0 && lexicon.isNegator(tokens.get(i - 1)))) {
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
      // "(INSERT, UPDATE, DELETE)" or "copy/move/delete": three or more need no connector.
      if (closed || items.size() >= MIN_UNJOINED_ITEMS) {
        return items;
      }
    }
    return List.of();
  }

  /** A verb in its base or -ing form ("listing, adding, and removing") that is no object word. */
  private boolean listable(String word) {
    if (!lexicon.tags(word).isEmpty()) {
      return false;
    }
    return lexicon.baseVerb(word) != null
        || (word.endsWith(GERUND) && lexicon.verb(word) != null && !lexicon.isNounVerb(word));
  }

  private static final String GERUND = "ing";

  /** Fewest verbs that make a list without a closing "or"/"and". */
  static final int MIN_UNJOINED_ITEMS = 3;
}
