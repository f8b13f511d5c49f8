package dev.mcprisk.classifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a tool identifier into lower-case words.
 *
 * <p>Handles snake_case, kebab-case, camelCase, PascalCase with acronyms ({@code StartAHORunBatch}
 * → start, aho, run, batch), dotted and slashed namespaces ({@code github.issues/create}), and any
 * other run of non-alphanumeric separators ({@code API-post-page} → api, post, page).
 *
 * <p>Digits: a digit run stays with the letters before it and ends the word, so {@code s3Upload2} →
 * s3, upload2 and {@code ec2StartInstance} → ec2, start, instance; a letter after a digit starts a
 * new word ({@code oauth2token} → oauth2, token). Keeping {@code s3}, {@code ec2}, {@code v2} whole
 * keeps service names recognisable; the lexicon strips trailing digits when it looks a word up, so
 * {@code upload2} still reads as the verb upload.
 *
 * <p>Letters are split at lower→upper boundaries and before the last capital of an upper-case run
 * that is followed by a lower-case letter. Non-ASCII letters count as letters. Thread-safe:
 * stateless.
 */
public final class IdentifierTokenizer {
  private IdentifierTokenizer() {}

  /**
   * Splits {@code identifier} into words.
   *
   * @param identifier a tool name or any identifier; may be null
   * @return lower-case words in order (Locale.ROOT), never null; empty for null or blank input
   */
  public static List<String> split(String identifier) {
    List<String> words = new ArrayList<>();
    if (identifier == null || identifier.isBlank()) {
      return List.of();
    }
    StringBuilder word = new StringBuilder();
    int length = identifier.length();
    for (int i = 0; i < length; i++) {
      char c = identifier.charAt(i);
      if (!Character.isLetterOrDigit(c)) {
        flush(word, words);
        continue;
      }
      if (word.length() > 0 && startsNewWord(identifier, i)) {
        flush(word, words);
      }
      word.append(c);
    }
    flush(word, words);
    return List.copyOf(words);
  }

  private static boolean startsNewWord(String s, int i) {
    char prev = s.charAt(i - 1);
    char c = s.charAt(i);
    if (!Character.isLetterOrDigit(prev)) {
      return false;
    }
    if (Character.isDigit(prev) && Character.isLetter(c)) {
      return true;
    }
    if (Character.isLowerCase(prev) && Character.isUpperCase(c)) {
      return true;
    }
    boolean nextIsLower = i + 1 < s.length() && Character.isLowerCase(s.charAt(i + 1));
    return Character.isUpperCase(prev) && Character.isUpperCase(c) && nextIsLower;
  }

  private static void flush(StringBuilder word, List<String> words) {
    if (word.length() > 0) {
      words.add(word.toString().toLowerCase(Locale.ROOT));
      word.setLength(0);
    }
  }
}
