package dev.mcprisk.classifier;

import dev.mcprisk.text.UnsafeCharacter;
import java.lang.Character.UnicodeScript;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code deceptive-name} signal: a control, terminal escape, bidi, invisible or tag character
 * in the tool name, or lookalike scripts mixed in one word (Unicode TR36 §2, TR39 §5.2, Trojan
 * Source CVE-2021-42574), each with a rationale sentence.
 *
 * <p>Thread-safe: immutable; the per-tool state is in the arguments.
 */
final class DeceptiveNames {
  private final SignalRules signalRules;

  DeceptiveNames(SignalRules signalRules) {
    this.signalRules = signalRules;
  }

  /**
   * Records the first character of each character rule's kinds in the name, then the first word
   * whose letters mix scripts. Plain printable-ASCII names cost one scan.
   */
  void check(ToolFacts facts, Findings findings) {
    String name = facts.name();
    if (isPrintableAscii(name)) {
      return;
    }
    Set<String> fired = new LinkedHashSet<>();
    int i = 0;
    while (i < name.length()) {
      int cp = name.codePointAt(i);
      Optional<UnsafeCharacter> kind = UnsafeCharacter.of(cp);
      if (kind.isPresent()) {
        SignalRules.NameCharacterRule rule = signalRules.nameCharacterRule(kind.get());
        if (fired.add(rule.id())) {
          String character = UnsafeCharacter.describe(cp);
          findings.signal(
              Classifier.DECEPTIVE_NAME, character + " at offset " + i + " of the name", rule.id());
          findings.deceptiveSentence(
              "The tool name contains "
                  + article(character)
                  + " "
                  + character
                  + ", "
                  + rule.reason()
                  + ".");
        }
      }
      i += Character.charCount(cp);
    }
    SignalRules.MixedScriptRule mixed = signalRules.mixedScriptRule();
    for (String word : facts.nameWords()) {
      Set<UnicodeScript> scripts = scripts(word);
      if (mixed.mixes(scripts)) {
        String names = scriptNames(scripts);
        findings.signal(
            Classifier.DECEPTIVE_NAME,
            "the word '" + word + "' mixes " + names + " letters",
            mixed.id());
        findings.deceptiveSentence(
            "The tool name mixes "
                + names
                + " letters in the word '"
                + word
                + "', "
                + mixed.reason()
                + ".");
        break;
      }
    }
  }

  private static boolean isPrintableAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c >= 0x7F) {
        return false;
      }
    }
    return true;
  }

  /** The scripts of the letters of {@code word}, without Common and Inherited. */
  private static Set<UnicodeScript> scripts(String word) {
    Set<UnicodeScript> scripts = EnumSet.noneOf(UnicodeScript.class);
    int i = 0;
    while (i < word.length()) {
      int cp = word.codePointAt(i);
      i += Character.charCount(cp);
      if (cp < 0x80 && !Character.isLetter(cp)) {
        continue;
      }
      UnicodeScript script = UnicodeScript.of(cp);
      if (script != UnicodeScript.COMMON
          && script != UnicodeScript.INHERITED
          && script != UnicodeScript.UNKNOWN) {
        scripts.add(script);
      }
    }
    return scripts;
  }

  /**
   * "Cyrillic and Latin", "Cyrillic, Greek and Latin": the scripts' names in alphabetical order.
   */
  private static String scriptNames(Set<UnicodeScript> scripts) {
    List<String> names =
        scripts.stream()
            .map(s -> s.name().charAt(0) + s.name().substring(1).toLowerCase(Locale.ROOT))
            .sorted()
            .toList();
    return String.join(", ", names.subList(0, names.size() - 1))
        + " and "
        + names.get(names.size() - 1);
  }

  /** "a" or "an" before {@code phrase}, by its first letter. */
  private static String article(String phrase) {
    char first = Character.toLowerCase(phrase.charAt(0));
    return "aeiou".indexOf(first) >= 0 ? "an" : "a";
  }
}
