package dev.mcprisk.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Identifier styles and word substitution for synthetic tools.
 *
 * <p>Thread-safe: stateless.
 */
final class Words {

  /** How a server spells its identifiers. */
  enum Style {
    SNAKE,
    CAMEL,
    KEBAB;

    /** {@code words} (lower case) joined in this style. */
    String join(List<String> words) {
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < words.size(); i++) {
        String word = words.get(i);
        switch (this) {
          case SNAKE -> out.append(i == 0 ? "" : "_").append(word);
          case KEBAB -> out.append(i == 0 ? "" : "-").append(word);
          case CAMEL -> out.append(i == 0 ? word : capitalise(word));
        }
      }
      return out.toString();
    }
  }

  private Words() {}

  static String capitalise(String word) {
    return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }

  /** Words capitalised and joined with spaces ("Create Issue"). */
  static String title(List<String> words) {
    StringBuilder out = new StringBuilder();
    for (String word : words) {
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append(capitalise(word));
    }
    return out.toString();
  }

  /**
   * {@code text} with every whole word found (lower-cased, also with a plural {@code s}) in {@code
   * replacements} replaced, keeping the original's capitalisation.
   */
  static String substitute(String text, Map<String, String> replacements) {
    if (replacements.isEmpty()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    int i = 0;
    int length = text.length();
    while (i < length) {
      if (!isAsciiLetter(text.charAt(i))) {
        out.append(text.charAt(i++));
        continue;
      }
      int end = i;
      while (end < length && isAsciiLetter(text.charAt(end))) {
        end++;
      }
      String word = text.substring(i, end);
      out.append(replace(word, replacements));
      i = end;
    }
    return out.toString();
  }

  private static String replace(String word, Map<String, String> replacements) {
    String lower = word.toLowerCase(Locale.ROOT);
    String replacement = replacements.get(lower);
    String plural = "";
    if (replacement == null && lower.length() > 3 && lower.endsWith("s")) {
      replacement = replacements.get(lower.substring(0, lower.length() - 1));
      plural = "s";
    }
    if (replacement == null) {
      return word;
    }
    replacement += plural;
    if (word.length() > 1 && word.equals(word.toUpperCase(Locale.ROOT))) {
      return replacement.toUpperCase(Locale.ROOT);
    }
    return Character.isUpperCase(word.charAt(0)) ? capitalise(replacement) : replacement;
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
