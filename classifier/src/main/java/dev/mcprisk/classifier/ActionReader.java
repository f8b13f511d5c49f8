package dev.mcprisk.classifier;

import dev.mcprisk.model.Category;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what a tool does from its words: the first strong verb (a weak verb such as start or open
 * gives way to a later strong one), verbs joined to it by or/and, the lexicon's verb rules on the
 * objects, and the financial check (a change to money is Financial). The base action comes from the
 * name, else the description's first sentence, the title, the whole description, a read noun in the
 * name, {@code readOnlyHint}, or nothing (Other).
 *
 * <p>Thread-safe: immutable; the per-tool state is in the {@link ToolReading} passed in.
 */
final class ActionReader {
  private final Lexicon lexicon;

  ActionReader(Lexicon lexicon) {
    this.lexicon = lexicon;
  }

  /** The tool's base action and where it was read. */
  BaseAction base(ToolReading tool) {
    ToolFacts facts = tool.facts();
    Action action =
        actionFrom(
            tool, facts.nameWords(), "the name '" + facts.name() + "'", RuleIds.NAME_VERB, null);
    if (action != null) {
      return new BaseAction(action, ActionSource.NAME);
    }
    action =
        actionFrom(
            tool,
            tool.firstSentenceWords(),
            "the description's first sentence",
            RuleIds.FIRST_SENTENCE_VERB,
            null);
    if (action != null) {
      return new BaseAction(action, ActionSource.FIRST_SENTENCE);
    }
    action = actionFrom(tool, facts.titleWords(), "the title", RuleIds.TITLE_VERB, null);
    if (action != null) {
      return new BaseAction(action, ActionSource.TITLE);
    }
    action =
        actionFrom(
            tool,
            facts.descriptionWords(),
            "the description",
            RuleIds.ANY_SENTENCE_VERB,
            facts.nameWords());
    if (action != null) {
      return new BaseAction(action, ActionSource.ANY_SENTENCE);
    }
    action = readNoun(facts);
    if (action != null) {
      return new BaseAction(action, ActionSource.READ_NOUN);
    }
    if (Boolean.TRUE.equals(facts.annotations().readOnlyHint())) {
      return new BaseAction(
          new Action(
              Category.READ,
              null,
              null,
              List.of(),
              "readOnlyHint",
              List.of(RuleIds.READ_ONLY_HINT),
              List.of()),
          ActionSource.ANNOTATION);
    }
    return new BaseAction(
        new Action(
            Category.OTHER, null, null, List.of(), "nothing", List.of(RuleIds.OTHER), List.of()),
        ActionSource.NONE);
  }

  /**
   * The most dangerous action named by the primary verb of {@code words} and the verbs joined to it
   * by a connector ({@code create_or_update}); null when {@code words} hold no verb.
   *
   * @param where a phrase for the rationale, e.g. "the title"
   * @param ruleId the rule that fires when a verb is found here
   * @param objectOverride the object words to use instead of the other words; null for those
   */
  Action actionFrom(
      ToolReading tool,
      List<String> words,
      String where,
      String ruleId,
      List<String> objectOverride) {
    int primary = primaryIndex(words);
    if (primary < 0) {
      return null;
    }
    List<Integer> verbIndexes = new ArrayList<>();
    verbIndexes.add(primary);
    for (int i = primary;
        i + 2 < words.size()
            && lexicon.isConnector(words.get(i + 1))
            && lexicon.verb(words.get(i + 2)) != null;
        i += 2) {
      verbIndexes.add(i + 2);
    }
    List<String> objects = new ArrayList<>();
    if (objectOverride != null) {
      objects.addAll(objectOverride);
    } else {
      for (int i = 0; i < words.size(); i++) {
        if (!verbIndexes.contains(i) && !lexicon.isConnector(words.get(i))) {
          objects.add(words.get(i));
        }
      }
    }
    Action best = null;
    for (int index : verbIndexes) {
      String word = words.get(index);
      Action action = resolve(tool, lexicon.verb(word), word, objects, where, ruleId);
      if (best == null || action.category().danger() > best.category().danger()) {
        if (best != null) {
          List<String> r = new ArrayList<>(action.rules());
          r.add(RuleIds.NAME_ENUMERATION);
          List<String> n = new ArrayList<>(action.notes());
          n.add(
              "'"
                  + best.word()
                  + "' or '"
                  + word
                  + "' can both happen, and the more dangerous, '"
                  + word
                  + "', decides");
          action = new Action(action.category(), action.verb(), best.word(), objects, where, r, n);
        }
        best = action;
      }
    }
    return best;
  }

  /** The index of the first strong verb of {@code words}, else of the first weak one, else -1. */
  int primaryIndex(List<String> words) {
    int weak = -1;
    for (int i = 0; i < words.size(); i++) {
      Lexicon.Verb verb = lexicon.verb(words.get(i));
      if (verb == null) {
        continue;
      }
      if (!verb.weak()) {
        return i;
      }
      if (weak < 0) {
        weak = i;
      }
    }
    return weak;
  }

  /**
   * The action of {@code verb} on {@code objects}: the first verb rule whose tag is present decides
   * the category, then a change to a money object is Financial.
   */
  Action resolve(
      ToolReading tool,
      Lexicon.Verb verb,
      String word,
      List<String> objects,
      String where,
      String ruleId) {
    List<String> actionRules = new ArrayList<>();
    List<String> actionNotes = new ArrayList<>();
    actionRules.add(ruleId);
    Category category = verb.category();
    for (Lexicon.VerbRule rule : lexicon.verbRules()) {
      if (!rule.appliesTo(verb)) {
        continue;
      }
      String cause = tagCause(tool, rule, objects);
      if (cause == null) {
        continue;
      }
      // The first rule whose tag is present decides, even when it keeps the category.
      category = rule.to();
      actionRules.add(rule.id());
      actionNotes.add(rule.reason() + " ('" + cause + "')");
      break;
    }
    boolean changes =
        category == Category.WRITE
            || category == Category.EXECUTE
            || category == Category.DESTRUCTIVE;
    String money;
    if (changes && (money = lexicon.firstWithTag(objects, Lexicon.TAG_FINANCIAL)) != null) {
      category = Category.FINANCIAL;
      actionRules.add(RuleIds.FINANCIAL);
      actionNotes.add("the '" + money + "' object is money, so changing it is Financial");
    } else if (changes
        && (money = lexicon.firstWithTag(tool.firstSentenceWords(), Lexicon.TAG_FINANCIAL))
            != null) {
      category = Category.FINANCIAL;
      actionRules.add(RuleIds.FINANCIAL_IN_DESCRIPTION);
      actionNotes.add(
          "the description's first sentence names '" + money + "', so the change is Financial");
    } else if (changes
        && (money = lexicon.firstWithTag(objects, Lexicon.TAG_FINANCIAL_IN_CONTEXT)) != null
        && tool.financialContext()) {
      category = Category.FINANCIAL;
      actionRules.add(RuleIds.FINANCIAL_IN_CONTEXT);
      actionNotes.add(
          "on a payments server the '" + money + "' object is money, so changing it is Financial");
    }
    return new Action(category, verb.word(), word, objects, where, actionRules, actionNotes);
  }

  private String tagCause(ToolReading tool, Lexicon.VerbRule rule, List<String> objects) {
    String cause = lexicon.firstWithTag(objects, rule.tag());
    if (cause != null) {
      return cause;
    }
    switch (rule.scope()) {
      case NAME_AND_FIRST_SENTENCE:
        return lexicon.firstWithTag(tool.firstSentenceWords(), rule.tag());
      case ANYWHERE:
        String inName = lexicon.firstWithTag(tool.facts().nameWords(), rule.tag());
        if (inName != null) {
          return inName;
        }
        String inSentence = lexicon.firstWithTag(tool.firstSentenceWords(), rule.tag());
        return inSentence != null
            ? inSentence
            : lexicon.firstWithTag(tool.serverWords(), rule.tag());
      default:
        return null;
    }
  }

  private Action readNoun(ToolFacts facts) {
    String noun = lexicon.firstWithTag(facts.nameWords(), Lexicon.TAG_READ_NOUN);
    if (noun == null) {
      return null;
    }
    return new Action(
        Category.READ,
        null,
        noun,
        facts.nameWords(),
        "the name '" + facts.name() + "'",
        List.of(RuleIds.READ_NOUN),
        List.of());
  }
}
