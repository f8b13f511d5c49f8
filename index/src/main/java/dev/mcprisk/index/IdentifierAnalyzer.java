package dev.mcprisk.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.miscellaneous.LengthFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The analyzer of every text field: tool names, titles, descriptions, parameters, server names.
 *
 * <p>Chain: {@link IdentifierTokenizer} (the matches of {@link #TOKEN_PATTERN}, scanned without a
 * regex: letters, marks and digits, joined by {@code _ - . / :} so {@code delete_entities}, {@code
 * API-post-page}, {@code browser.click} and {@code @scope/server-x} stay one token, while sentence
 * punctuation is dropped) → at query time only, {@link StopFilter} with {@link
 * IndexDefaults#QUERY_STOP_WORDS} and {@link CloseGapsFilter} → {@link IdentifierSplitFilter}
 * (whole identifier plus its words) → {@link LengthFilter} (1..{@value
 * IndexDefaults#MAX_TOKEN_CHARS} chars) → {@link LowerCaseFilter} → {@link KStemFilter} → at query
 * time only, {@link SynonymExpansionFilter} with {@link #SYNONYM_GROUPS}.
 *
 * <p>Why an own splitter instead of {@code WordDelimiterGraphFilter}: WDGF does not split an
 * acronym from the next word ({@code StartAHORunBatch} gives {@code ahorun}, not {@code aho run}),
 * which is the case docs/design.md names ("Classification evidence").
 *
 * <p>Why KStem (Krovetz): it is a light, dictionary-checked stemmer that folds inflections ({@code
 * deletes}, {@code deleted} → {@code delete}; {@code entities} → {@code entity}; {@code
 * directories} → {@code directory}) into real words, so the synonym groups can be written as plain
 * words. EnglishMinimalStemFilter only folds plurals (misses {@code deleted}); Porter
 * over-conflates and produces non-words ({@code delet}, {@code gener} for general/generate). KStem
 * leaves tokens with non-letters alone, so a whole identifier such as {@code delete_entities} is
 * kept as typed.
 *
 * <p>Why synonyms only at query time: the index stays small and the synonym list can change without
 * a rebuild; a synonym weighs {@value IndexDefaults#SYNONYM_BOOST} of the typed word so that {@code
 * delete} ranks {@code delete_*} tools above {@code remove_*} ones.
 *
 * <p>Thread-safe: an {@link Analyzer} reuses token streams per thread.
 */
public final class IdentifierAnalyzer extends Analyzer {
  /** Token pattern: runs of letters, marks or digits, joined by single {@code _ - . / :}. */
  public static final Pattern TOKEN_PATTERN =
      Pattern.compile("[\\p{L}\\p{M}\\p{N}]+(?:[._\\-/:][\\p{L}\\p{M}\\p{N}]+)*");

  /**
   * Verb and noun synonym groups of the MCP tool vocabulary; every word of a group expands to the
   * others. Source: the verbs that name tools in the bundled {@code tools/list} captures.
   */
  public static final List<List<String>> SYNONYM_GROUPS =
      List.of(
          List.of("delete", "remove", "drop", "destroy", "purge"),
          List.of("create", "add", "new", "insert"),
          List.of("run", "execute", "invoke", "start", "trigger", "launch"),
          List.of("get", "fetch", "read", "retrieve", "list", "describe"),
          List.of("folder", "directory"),
          List.of("search", "find", "lookup"),
          List.of("move", "rename"));

  private static final Map<String, List<String>> SYNONYMS = buildSynonyms();

  private static final CharArraySet STOP_WORDS =
      CharArraySet.unmodifiableSet(new CharArraySet(IndexDefaults.QUERY_STOP_WORDS, true));

  private final boolean dropStopWords;
  private final boolean expandSynonyms;

  private IdentifierAnalyzer(boolean dropStopWords, boolean expandSynonyms) {
    this.dropStopWords = dropStopWords;
    this.expandSynonyms = expandSynonyms;
  }

  /** The index-time analyzer: every word kept, no synonyms. */
  public static IdentifierAnalyzer forIndexing() {
    return new IdentifierAnalyzer(false, false);
  }

  /**
   * The query-time analyzer: drops {@link IndexDefaults#QUERY_STOP_WORDS} that stand alone (not
   * inside an identifier) and adds {@link #SYNONYM_GROUPS} at a lower weight.
   */
  public static IdentifierAnalyzer forQuery() {
    return new IdentifierAnalyzer(true, true);
  }

  /** As {@link #forQuery()} without synonyms: the words a user typed, for fuzzy matching. */
  static IdentifierAnalyzer forQueryWords() {
    return new IdentifierAnalyzer(true, false);
  }

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    Tokenizer tokenizer = new IdentifierTokenizer();
    TokenStream stream = tokenizer;
    if (dropStopWords) {
      stream = new CloseGapsFilter(new StopFilter(stream, STOP_WORDS));
    }
    stream = new IdentifierSplitFilter(stream);
    stream = new LengthFilter(stream, 1, IndexDefaults.MAX_TOKEN_CHARS);
    stream = new LowerCaseFilter(stream);
    stream = new KStemFilter(stream);
    if (expandSynonyms) {
      stream = new SynonymExpansionFilter(stream, SYNONYMS, IndexDefaults.SYNONYM_BOOST);
    }
    return new TokenStreamComponents(tokenizer, stream);
  }

  @Override
  protected TokenStream normalize(String fieldName, TokenStream in) {
    return new LowerCaseFilter(in);
  }

  private static Map<String, List<String>> buildSynonyms() {
    Map<String, Set<String>> expansions = new LinkedHashMap<>();
    try (Analyzer stemmer = new StemOnlyAnalyzer()) {
      for (List<String> group : SYNONYM_GROUPS) {
        List<String> stems = new ArrayList<>();
        for (String word : group) {
          stems.add(stem(stemmer, word));
        }
        for (String stem : stems) {
          Set<String> others = expansions.computeIfAbsent(stem, k -> new LinkedHashSet<>());
          stems.stream().filter(other -> !other.equals(stem)).forEach(others::add);
        }
      }
    }
    Map<String, List<String>> result = new LinkedHashMap<>();
    expansions.forEach((word, others) -> result.put(word, List.copyOf(others)));
    return Map.copyOf(result);
  }

  private static String stem(Analyzer stemmer, String word) {
    try (TokenStream stream = stemmer.tokenStream("", word)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      String stem = stream.incrementToken() ? term.toString() : word;
      stream.end();
      return stem;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Lower-case and KStem on the whole input, to normalize synonym words like indexed text. */
  private static final class StemOnlyAnalyzer extends Analyzer {
    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer tokenizer = new KeywordTokenizer();
      return new TokenStreamComponents(tokenizer, new KStemFilter(new LowerCaseFilter(tokenizer)));
    }
  }
}
