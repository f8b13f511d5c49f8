package dev.mcprisk.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Splits an identifier (a tool name, a parameter, an enum value) into its words: snake_case,
 * kebab-case, camelCase, PascalCase with acronyms ({@code StartAHORunBatch} → Start, AHO, Run,
 * Batch), dotted and slashed namespaces ({@code github.issues/create}) and any other run of
 * separators ({@code API-post-page} → API, post, page).
 *
 * <p>Words break at a separator (any char that is not a word char), from lower to upper case
 * ({@code createIssue}), and before the last capital of an upper-case run that a lower-case letter
 * follows ({@code HTTPServer} → HTTP, Server). Three choices differ between the callers and are
 * options ({@link Characters}, {@link DigitRule}, {@link AcronymPlural}):
 *
 * <ul>
 *   <li>{@link #LEXICON}, for lexicon look-ups (the classifier): UTF-16 letters and digits, a digit
 *       run ends the word it closes ({@code s3Upload2} → s3, upload2; {@code oauth2token} → oauth2,
 *       token) so service names such as {@code s3}, {@code ec2}, {@code v2} stay whole, and {@code
 *       IDs} splits as I, Ds.
 *   <li>{@link #SEARCH}, for search tokens (the index): code points with combining marks, a digit
 *       run is a word of its own ({@code oauth2} → oauth, 2), and a plural {@code s} stays with its
 *       acronym ({@code IDs}, {@code URLs}).
 * </ul>
 *
 * <p>Thread-safe: immutable.
 */
public final class IdentifierSplitter {
  /** Which chars make words and how their case is read. */
  public enum Characters {
    /**
     * Each UTF-16 char on its own: {@link Character#isLetterOrDigit(char)} chars are word chars
     * (combining marks and supplementary characters separate words); lower and upper case as {@link
     * Character#isLowerCase(char)} and {@link Character#isUpperCase(char)}, so a letter without
     * case (CJK, titlecase) starts no word by its case.
     */
    UTF16_LETTERS_AND_DIGITS,
    /**
     * Code points: letters, combining marks ({@code Mn}, {@code Mc}, {@code Me}) and decimal digits
     * are word chars; upper case is {@link Character#isUpperCase(int)} or {@link
     * Character#isTitleCase(int)}, every other letter or mark counts as lower case.
     */
    CODE_POINTS_WITH_MARKS
  }

  /** Where digits break words. */
  public enum DigitRule {
    /**
     * A digit run stays with the letters before it and ends the word; a letter after a digit starts
     * a new word: {@code ec2StartInstance} → ec2, Start, Instance; {@code 2faVerify} → 2, fa,
     * Verify.
     */
    DIGITS_END_WORD,
    /** A digit run is a word of its own: {@code oauth2token} → oauth, 2, token. */
    DIGITS_APART
  }

  /** Whether a plural {@code s} after an acronym stays with it. */
  public enum AcronymPlural {
    /** {@code IDs} → I, Ds: the lone {@code s} is read as the start of a word. */
    SPLIT,
    /** {@code IDs}, {@code URLs} stay whole when the {@code s} closes the word. */
    KEEP
  }

  /**
   * The classifier's rules: UTF-16 letters and digits, digits end a word, acronym plurals split.
   */
  public static final IdentifierSplitter LEXICON =
      new IdentifierSplitter(
          Characters.UTF16_LETTERS_AND_DIGITS, DigitRule.DIGITS_END_WORD, AcronymPlural.SPLIT);

  /** The index's rules: code points with marks, digits apart, acronym plurals kept. */
  public static final IdentifierSplitter SEARCH =
      new IdentifierSplitter(
          Characters.CODE_POINTS_WITH_MARKS, DigitRule.DIGITS_APART, AcronymPlural.KEEP);

  private static final int DELIMITER = 0;
  private static final int LOWER = 1;
  private static final int UPPER = 2;
  private static final int DIGIT = 3;

  /** A letter without case: only {@link Characters#UTF16_LETTERS_AND_DIGITS} has it. */
  private static final int CASELESS = 4;

  private static final int ASCII = 0x80;

  private final Characters characters;
  private final DigitRule digitRule;
  private final AcronymPlural acronymPlural;
  private final boolean utf16;
  private final boolean digitsApart;
  private final boolean keepPlural;

  /**
   * A splitter with the given rules.
   *
   * @throws NullPointerException when an argument is null
   */
  public IdentifierSplitter(
      Characters characters, DigitRule digitRule, AcronymPlural acronymPlural) {
    this.characters = Objects.requireNonNull(characters, "characters == null");
    this.digitRule = Objects.requireNonNull(digitRule, "digitRule == null");
    this.acronymPlural = Objects.requireNonNull(acronymPlural, "acronymPlural == null");
    this.utf16 = characters == Characters.UTF16_LETTERS_AND_DIGITS;
    this.digitsApart = digitRule == DigitRule.DIGITS_APART;
    this.keepPlural = acronymPlural == AcronymPlural.KEEP;
  }

  public Characters characters() {
    return characters;
  }

  public DigitRule digitRule() {
    return digitRule;
  }

  public AcronymPlural acronymPlural() {
    return acronymPlural;
  }

  /**
   * The words of {@code identifier}, lower-cased with {@link Locale#ROOT}.
   *
   * @param identifier any text; may be null
   * @return the words in order, an immutable list; empty for null, blank or separator-only input
   */
  public List<String> words(CharSequence identifier) {
    if (identifier == null) {
      return List.of();
    }
    List<String> words = new ArrayList<>();
    scan(
        identifier,
        (start, end) ->
            words.add(identifier.subSequence(start, end).toString().toLowerCase(Locale.ROOT)));
    return List.copyOf(words);
  }

  /**
   * Where the words of {@code text} lie, as char ranges (case kept: the caller reads the chars).
   *
   * @param text any text; not null
   * @return the spans in order, an immutable list; empty when {@code text} has no word
   * @throws NullPointerException when {@code text} is null
   */
  public List<WordSpan> spans(CharSequence text) {
    Objects.requireNonNull(text, "text == null");
    List<WordSpan> spans = new ArrayList<>();
    scan(text, (start, end) -> spans.add(new WordSpan(start, end)));
    return List.copyOf(spans);
  }

  /** Receives each word's {@code [start, end)} chars, in order. */
  private interface WordSink {
    void word(int start, int end);
  }

  private void scan(CharSequence text, WordSink sink) {
    int length = text.length();
    int start = -1;
    int previous = DELIMITER;
    for (int i = 0; i < length; ) {
      int codePoint = Character.codePointAt(text, i);
      int next = i + Character.charCount(codePoint);
      int type = type(codePoint);
      if (type == DELIMITER) {
        if (start >= 0) {
          sink.word(start, i);
          start = -1;
        }
      } else if (start < 0) {
        start = i;
      } else if (isBreak(previous, type, text, next)) {
        sink.word(start, i);
        start = i;
      }
      previous = type;
      i = next;
    }
    if (start >= 0) {
      sink.word(start, length);
    }
  }

  /** Whether a word starts at a char of {@code type} after one of {@code previous}. */
  private boolean isBreak(int previous, int type, CharSequence text, int after) {
    if (digitsApart ? (previous == DIGIT) != (type == DIGIT) : previous == DIGIT && type != DIGIT) {
      return true;
    }
    if (previous == LOWER && type == UPPER) {
      return true;
    }
    return previous == UPPER
        && type == UPPER
        && after < text.length()
        && isLowerAt(text, after)
        && !(keepPlural && isPluralSuffix(text, after));
  }

  /** Whether the char (or code point) at {@code index} reads as lower case. */
  private boolean isLowerAt(CharSequence text, int index) {
    if (utf16) {
      return Character.isLowerCase(text.charAt(index));
    }
    return type(Character.codePointAt(text, index)) == LOWER;
  }

  /** A lone {@code s} closing the word, as in {@code IDs} or {@code URLs}. */
  private boolean isPluralSuffix(CharSequence text, int at) {
    if (text.charAt(at) != 's') {
      return false;
    }
    int after = at + 1;
    return after >= text.length() || !isLowerAt(text, after);
  }

  private int type(int codePoint) {
    if (codePoint < ASCII) {
      if (codePoint >= 'a' && codePoint <= 'z') {
        return LOWER;
      }
      if (codePoint >= 'A' && codePoint <= 'Z') {
        return UPPER;
      }
      return codePoint >= '0' && codePoint <= '9' ? DIGIT : DELIMITER;
    }
    return utf16 ? utf16Type(codePoint) : codePointType(codePoint);
  }

  private static int utf16Type(int codePoint) {
    if (Character.isSupplementaryCodePoint(codePoint) || !Character.isLetterOrDigit(codePoint)) {
      return DELIMITER;
    }
    if (Character.isDigit(codePoint)) {
      return DIGIT;
    }
    if (Character.isUpperCase(codePoint)) {
      return UPPER;
    }
    return Character.isLowerCase(codePoint) ? LOWER : CASELESS;
  }

  private static int codePointType(int codePoint) {
    if (Character.isDigit(codePoint)) {
      return DIGIT;
    }
    if (Character.isUpperCase(codePoint) || Character.isTitleCase(codePoint)) {
      return UPPER;
    }
    int category = Character.getType(codePoint);
    if (Character.isLetter(codePoint)
        || category == Character.NON_SPACING_MARK
        || category == Character.COMBINING_SPACING_MARK
        || category == Character.ENCLOSING_MARK) {
      return LOWER;
    }
    return DELIMITER;
  }
}
