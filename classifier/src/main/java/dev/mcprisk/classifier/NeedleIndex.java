package dev.mcprisk.classifier;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds which of many short lower-case needles occur in a text, ignoring case, in one pass: at
 * every position, the needles whose first three chars hash like the text's next three (folded to
 * lower case) are compared there; needles shorter than {@value #PREFIX_CHARS} chars, or not
 * starting with three ASCII chars, are looked up once each (in an ASCII-only text, the usual case,
 * without a lower-case copy, and only those made of ASCII chars, as no other can occur). Used for
 * the cheap gates of {@link SignalRules.TextRule}, so a rule's regex runs only on texts that can
 * match it.
 *
 * <p>Immutable and thread-safe after construction.
 */
final class NeedleIndex {
  private static final int PREFIX_CHARS = 3;
  private static final int ASCII = 128;

  /** Buckets of the prefix hash table (a prime, so prefix codes spread evenly). */
  private static final int BUCKETS = 8191;

  private static final int CASE_OFFSET = 'a' - 'A';

  /** Frequent English trigrams (and with a space), avoided as anchors. */
  private static final Set<String> COMMON_TRIGRAMS =
      Set.of(
          "the", "and", "ing", "ion", "tio", "ent", "ati", "for", "her", "ter", "hat", "tha", "ere",
          "ate", "his", "con", "res", "ver", "all", "ons", "nce", "men", "ith", "ted", "ers", "pro",
          "thi", "wit", "are", "ess", "not", "ive", "was", "ect", "rea", "com", "eve", "per", "int",
          "est", "sta", "cti", "ica", "ist", "ear", "ain", "one", "our", "iti", "rat", "use", "ser",
          "rep", "ins", "ove", "ore", "str", "out", "ake", "ble", "ali", "ide", "ine", "nd ", "he ",
          "ed ", "to ", "es ", "er ", "on ", "of ", " th", " an", " to", " of", " in", " co", " re",
          " pr", " fo", " wi");

  private final List<String> needles;
  private final int[][] byPrefix;

  /**
   * Whether some anchor starts with the two ASCII chars {@code a * ASCII + b}: a table that fits
   * the L1 cache and lets most text positions skip the bucket lookup.
   */
  private final boolean[] anchorPairs = new boolean[ASCII * ASCII];

  private final int[] offsets;
  private final int[] others;

  /** The {@link #others} made of ASCII chars only. */
  private final int[] asciiOthers;

  /**
   * Indexes {@code needles}.
   *
   * @param needles non-empty lower-case strings
   * @throws IllegalArgumentException when a needle is empty or not lower-case
   */
  NeedleIndex(List<String> needles) {
    this.needles = List.copyOf(needles);
    Map<Integer, List<Integer>> buckets = new LinkedHashMap<>();
    this.offsets = new int[this.needles.size()];
    List<Integer> rest = new ArrayList<>();
    for (int i = 0; i < this.needles.size(); i++) {
      String needle = this.needles.get(i);
      if (needle.isEmpty() || !needle.equals(needle.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("needle '" + needle + "' is empty or not lower-case");
      }
      int offset = anchor(needle);
      if (offset >= 0) {
        offsets[i] = offset;
        anchorPairs[needle.charAt(offset) * ASCII + needle.charAt(offset + 1)] = true;
        buckets
            .computeIfAbsent(
                bucket(needle.charAt(offset), needle.charAt(offset + 1), needle.charAt(offset + 2)),
                k -> new ArrayList<>())
            .add(i);
      } else {
        rest.add(i);
      }
    }
    this.byPrefix = new int[BUCKETS][];
    buckets.forEach((k, v) -> byPrefix[k] = v.stream().mapToInt(Integer::intValue).toArray());
    this.others = rest.stream().mapToInt(Integer::intValue).toArray();
    this.asciiOthers =
        rest.stream()
            .filter(i -> this.needles.get(i).chars().allMatch(c -> c < ASCII))
            .mapToInt(Integer::intValue)
            .toArray();
  }

  /** The position of {@code needle} in the index; -1 when absent. */
  int indexOf(String needle) {
    return needles.indexOf(needle);
  }

  /** The needles found in {@code text}, ignoring case, as a set of needle positions. */
  BitSet find(String text) {
    BitSet found = new BitSet(needles.size());
    int n = text.length();
    char a = n > 0 ? fold(text.charAt(0)) : 0;
    char b = n > 1 ? fold(text.charAt(1)) : 0;
    int allChars = a | b;
    for (int i = 0; i + 2 < n; i++) {
      char c = fold(text.charAt(i + 2));
      allChars |= c;
      // fold keeps non-ASCII chars, so (a | b | c) < ASCII when all three are ASCII.
      if ((a | b | c) < ASCII && anchorPairs[a * ASCII + b]) {
        int[] candidates = byPrefix[bucket(a, b, c)];
        if (candidates != null) {
          for (int candidate : candidates) {
            int start = i - offsets[candidate];
            if (start >= 0
                && !found.get(candidate)
                && matchesAt(text, start, needles.get(candidate))) {
              found.set(candidate);
            }
          }
        }
      }
      a = b;
      b = c;
    }
    if (others.length == 0) {
      return found;
    }
    if (allChars < ASCII) {
      // An ASCII text lower-cases char by char to ASCII: no need to copy it, and no needle with
      // a non-ASCII char can occur in it.
      for (int c : asciiOthers) {
        if (containsFolded(text, needles.get(c))) {
          found.set(c);
        }
      }
      return found;
    }
    String lower = text.toLowerCase(Locale.ROOT);
    for (int c : others) {
      if (lower.contains(needles.get(c))) {
        found.set(c);
      }
    }
    return found;
  }

  /** Whether the ASCII {@code text}, folded to lower case, contains the ASCII {@code needle}. */
  private static boolean containsFolded(String text, String needle) {
    char first = needle.charAt(0);
    char upper = first >= 'a' && first <= 'z' ? (char) (first - CASE_OFFSET) : first;
    return containsFrom(text, needle, first)
        || (upper != first && containsFrom(text, needle, upper));
  }

  /** Whether {@code needle} matches, folded, at an occurrence of the char {@code first}. */
  private static boolean containsFrom(String text, String needle, char first) {
    for (int at = text.indexOf(first); at >= 0; at = text.indexOf(first, at + 1)) {
      if (matchesAt(text, at, needle)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matchesAt(String text, int at, String needle) {
    int length = needle.length();
    if (at + length > text.length()) {
      return false;
    }
    for (int k = 0; k < length; k++) {
      char t = text.charAt(at + k);
      char folded = t < ASCII ? fold(t) : Character.toLowerCase(t);
      if (folded != needle.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static int bucket(char a, char b, char c) {
    return ((a * ASCII + b) * ASCII + c) % BUCKETS;
  }

  /**
   * The offset of the needle's three ASCII chars it is found by: the first three that are not one
   * of the most frequent English trigrams (so common text rarely hits the bucket), else the first
   * three ASCII chars; -1 when the needle has no three ASCII chars in a row.
   */
  private static int anchor(String needle) {
    int fallback = -1;
    for (int o = 0; o + PREFIX_CHARS <= needle.length(); o++) {
      String trigram = needle.substring(o, o + PREFIX_CHARS);
      if (!trigram.chars().allMatch(c -> c < ASCII)) {
        continue;
      }
      if (!COMMON_TRIGRAMS.contains(trigram)) {
        return o;
      }
      if (fallback < 0) {
        fallback = o;
      }
    }
    return fallback;
  }

  private static char fold(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + CASE_OFFSET) : c;
  }
}
