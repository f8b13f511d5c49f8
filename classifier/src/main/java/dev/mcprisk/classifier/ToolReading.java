package dev.mcprisk.classifier;

import dev.mcprisk.text.IdentifierSplitter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
  private Map<String, List<String>> firstSentenceTags;
  private Map<String, List<String>> nameTags;

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

  /**
   * The words of the description's first sentence that carry {@code tag}, in order, each once; an
   * index built on first use, so the verb rules do not scan the sentence once per rule.
   */
  List<String> firstSentenceTagged(String tag) {
    if (firstSentenceTags == null) {
      firstSentenceTags = tagIndex(firstSentenceWords);
    }
    return firstSentenceTags.getOrDefault(tag, List.of());
  }

  /** The name words that carry {@code tag}, in order, each once; indexed on first use. */
  List<String> nameTagged(String tag) {
    if (nameTags == null) {
      nameTags = tagIndex(facts.nameWords());
    }
    return nameTags.getOrDefault(tag, List.of());
  }

  private Map<String, List<String>> tagIndex(List<String> words) {
    Map<String, List<String>> index = new HashMap<>();
    for (String word : words) {
      for (String tag : lexicon.tags(word)) {
        List<String> tagged = index.computeIfAbsent(tag, t -> new ArrayList<>(2));
        if (!tagged.contains(word)) {
          tagged.add(word);
        }
      }
    }
    return index;
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
