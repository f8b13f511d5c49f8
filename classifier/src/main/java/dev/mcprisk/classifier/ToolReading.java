package dev.mcprisk.classifier;

import dev.mcprisk.text.IdentifierSplitter;
import java.util.List;

/**
 * One tool as one classification reads it: its {@link ToolFacts} and the words several steps share,
 * the costlier ones computed on first use.
 *
 * <p>Not thread-safe: made for one {@link Classifier#classify} call and confined to its thread.
 */
final class ToolReading {
  private final ToolFacts facts;
  private final Lexicon lexicon;
  private final List<String> firstSentenceWords;
  private List<String> serverWords;
  private List<String> serverNameWords;
  private Boolean financialContext;

  ToolReading(ToolFacts facts, Lexicon lexicon) {
    this.facts = facts;
    this.lexicon = lexicon;
    this.firstSentenceWords = facts.firstSentenceWords();
  }

  ToolFacts facts() {
    return facts;
  }

  /** Lower-case words of the description's first sentence. */
  List<String> firstSentenceWords() {
    return firstSentenceWords;
  }

  /** The server's words, computed on first use. */
  List<String> serverWords() {
    if (serverWords == null) {
      serverWords = facts.serverWords();
    }
    return serverWords;
  }

  /** Lower-case words of the server's name, computed on first use; empty without a name. */
  List<String> serverNameWords() {
    if (serverNameWords == null) {
      String name = facts.server().name();
      serverNameWords = name == null ? List.of() : IdentifierSplitter.LEXICON.words(name);
    }
    return serverNameWords;
  }

  /** Whether the server or the description speaks of payments; computed on first use. */
  boolean financialContext() {
    if (financialContext == null) {
      boolean money = false;
      for (List<String> words : List.of(serverWords(), facts.descriptionWords())) {
        for (String word : words) {
          if (lexicon.isFinancialContextWord(word)) {
            money = true;
            break;
          }
        }
      }
      financialContext = money;
    }
    return financialContext;
  }
}
