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
    action = readNoun(facts.nameWords(), facts, RuleIds.READ_NOUN);
    if (action == null) {
      // "Full DNS enumeration", "Linux memory analysis": a description without a verb.
      action = readNoun(tool.firstSentenceWords(), facts, RuleIds.READ_NOUN_IN_DESCRIPTION);
    }
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
   * by a connector ({@code create_or_update}); null when {@code words} hold no verb. In the name
   * the primary verb is chosen by {@link #nameVerb}; elsewhere it is the first strong verb that no
   * negator comes just before ("without removing them").
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
    NameVerb choice =
        RuleIds.NAME_VERB.equals(ruleId)
            ? nameVerb(tool, words)
            : new NameVerb(primaryIndex(words, 0, true), List.of(), List.of());
    int primary = choice.index();
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
    if (choice.rules().isEmpty()) {
      return best;
    }
    List<String> rules = new ArrayList<>(choice.rules());
    rules.addAll(best.rules());
    List<String> notes = new ArrayList<>(choice.notes());
    notes.addAll(best.notes());
    return new Action(best.category(), best.verb(), best.word(), objects, where, rules, notes);
  }

  /**
   * The verb chosen in a tool name, with the rules and rationale clauses that chose it when the
   * choice is not simply the first strong verb.
   *
   * @param index the index of the verb in the name's words, -1 when there is none
   */
  record NameVerb(int index, List<String> rules, List<String> notes) {}

  /**
   * Chooses the action verb of a name that may hold several verbs, by one rule:
   *
   * <ol>
   *   <li>A first word that is a verb and repeats a word of the server's name ({@code
   *       pay_webhook_list} on the server {@code pay}) is a namespace, not a verb, when a verb
   *       follows.
   *   <li>Only verbs in their base form count when the name has a strong one ({@code
   *       logs_fetch_recent}: "logs" names an object, "fetch" is the verb).
   *   <li>A name that ends in an action verb names its resource first ({@code
   *       servicebus_queue_peek}, {@code taskFieldValueDelete}, {@code compute_disk_delete}): that
   *       last verb is the action. Not when a preposition or connector comes before it ({@code
   *       mark_as_read}), nor in a verb-first name without an object word between the two verbs
   *       ({@code check_upgrade}).
   *   <li>Otherwise the first strong verb ({@code zpa_list_server_groups}: "list"); weak verbs such
   *       as start or open give way to a later strong one; failing one, the first weak verb.
   * </ol>
   *
   * An action verb is a strong verb in its base form that is not one of the lexicon's noun-verbs,
   * the words that at the end of a name usually name an object ({@code get_issue_comment}, {@code
   * get_job_status}, {@code zia_list_rule_label}).
   */
  NameVerb nameVerb(ToolReading tool, List<String> words) {
    List<String> rules = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    int start = 0;
    if (words.size() > 1
        && lexicon.verb(words.get(0)) != null
        && firstVerb(words, 1, false) >= 0
        && tool.serverNameWords().contains(words.get(0))) {
      start = 1;
      rules.add(RuleIds.NAME_SERVER_PREFIX);
      notes.add(
          "'" + words.get(0) + "' repeats the server's name, so it is a namespace, not the verb");
    }
    boolean baseOnly = firstStrongBaseVerb(words, start) >= 0;
    int first = firstVerb(words, start, baseOnly);
    if (first < 0) {
      return new NameVerb(-1, List.of(), List.of());
    }
    int chosen = -1;
    int weak = -1;
    for (int i = start; i < words.size() && chosen < 0; i++) {
      Lexicon.Verb verb = baseOnly ? lexicon.baseVerb(words.get(i)) : nameVerbOf(words.get(i));
      if (verb == null) {
        continue;
      }
      if (!verb.weak()) {
        chosen = i;
      } else if (weak < 0) {
        weak = i;
      }
    }
    if (chosen < 0) {
      chosen = weak;
    }
    int last = words.size() - 1;
    boolean endsInVerb =
        last > chosen
            && isActionVerb(words.get(last))
            && !lexicon.isConnector(words.get(last - 1))
            && !lexicon.isPreposition(words.get(last - 1))
            && (first > start || hasObjectBetween(words, chosen, last));
    if (endsInVerb) {
      chosen = last;
    }
    int usual = primaryIndex(words);
    if (chosen != usual) {
      rules.add(endsInVerb ? RuleIds.NAME_RESOURCE_VERB : RuleIds.NAME_BASE_FORM_VERB);
      notes.add(
          endsInVerb
              ? "the name '"
                  + String.join(" ", words)
                  + "' ends in its verb, so the last verb, '"
                  + words.get(chosen)
                  + "', is the action rather than '"
                  + words.get(usual)
                  + "'"
              : "'"
                  + words.get(usual)
                  + "' in the name is not a verb's base form here, so '"
                  + words.get(chosen)
                  + "' is the action");
    }
    return new NameVerb(chosen, rules, notes);
  }

  /** Whether {@code word} is a strong verb in its base form that is no noun-verb. */
  private boolean isActionVerb(String word) {
    Lexicon.Verb verb = lexicon.baseVerb(word);
    return verb != null && !verb.weak() && !lexicon.isNounVerb(word);
  }

  private boolean hasObjectBetween(List<String> words, int from, int to) {
    for (int i = from + 1; i < to; i++) {
      String word = words.get(i);
      if (lexicon.verb(word) == null && !lexicon.isConnector(word)) {
        return true;
      }
    }
    return false;
  }

  private int firstStrongBaseVerb(List<String> words, int from) {
    for (int i = from; i < words.size(); i++) {
      Lexicon.Verb verb = lexicon.baseVerb(words.get(i));
      if (verb != null && !verb.weak()) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The verb of a name word, but none for the plural of a noun-verb ({@code kubectl_logs}, {@code
   * social_groups}: objects, not actions).
   */
  private Lexicon.Verb nameVerbOf(String word) {
    Lexicon.Verb verb = lexicon.verb(word);
    if (verb != null
        && lexicon.baseVerb(word) == null
        && word.endsWith(PLURAL)
        && lexicon.isNounVerb(word)) {
      return null;
    }
    return verb;
  }

  private static final String PLURAL = "s";

  private int firstVerb(List<String> words, int from, boolean baseOnly) {
    for (int i = from; i < words.size(); i++) {
      String word = words.get(i);
      if ((baseOnly ? lexicon.baseVerb(word) : nameVerbOf(word)) != null) {
        return i;
      }
    }
    return -1;
  }

  /** The index of the first strong verb of {@code words}, else of the first weak one, else -1. */
  int primaryIndex(List<String> words) {
    return primaryIndex(words, 0, false);
  }

  /**
   * The index from {@code from} of the first strong verb of {@code words}, else of the first weak
   * one, else -1; with {@code negation}, a verb with a negator among the {@value #NEGATION_WINDOW}
   * words before it ("does not delete", "without removing") does not count.
   */
  int primaryIndex(List<String> words, int from, boolean negation) {
    int weak = -1;
    for (int i = from; i < words.size(); i++) {
      Lexicon.Verb verb = lexicon.verb(words.get(i));
      if (verb == null || (negation && (negated(words, i) || participle(words.get(i))))) {
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

  private static final String PAST_PARTICIPLE = "ed";

  /** Whether {@code word} is an -ed form of a verb rather than a listed verb ("seed", "embed"). */
  private boolean participle(String word) {
    return word.endsWith(PAST_PARTICIPLE) && lexicon.exactVerb(word) == null;
  }

  /** Most words before a verb in which a negator negates it ("without permanently deleting"). */
  static final int NEGATION_WINDOW = 2;

  /** Whether a negator is among the {@value #NEGATION_WINDOW} words before {@code index}. */
  boolean negated(List<String> words, int index) {
    for (int i = Math.max(0, index - NEGATION_WINDOW); i < index; i++) {
      if (lexicon.isNegator(words.get(i))) {
        return true;
      }
    }
    return false;
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
        && (money = firstOtherWithTag(tool.firstSentenceTagged(Lexicon.TAG_FINANCIAL), word))
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

  /** The first of {@code tagged} other than {@code verbWord}; null when none. */
  private static String firstOtherWithTag(List<String> tagged, String verbWord) {
    for (String w : tagged) {
      if (!w.equals(verbWord)) {
        return w;
      }
    }
    return null;
  }

  private static String first(List<String> tagged) {
    return tagged.isEmpty() ? null : tagged.get(0);
  }

  private String tagCause(ToolReading tool, Lexicon.VerbRule rule, List<String> objects) {
    String cause = lexicon.firstWithTag(objects, rule.tag());
    if (cause != null) {
      return cause;
    }
    switch (rule.scope()) {
      case NAME_AND_FIRST_SENTENCE:
        return first(tool.firstSentenceTagged(rule.tag()));
      case ANYWHERE:
        String inName = first(tool.nameTagged(rule.tag()));
        if (inName != null) {
          return inName;
        }
        String inSentence = first(tool.firstSentenceTagged(rule.tag()));
        return inSentence != null
            ? inSentence
            : lexicon.firstWithTag(tool.serverWords(), rule.tag());
      default:
        return null;
    }
  }

  private Action readNoun(List<String> words, ToolFacts facts, String ruleId) {
    String noun = lexicon.firstWithTag(words, Lexicon.TAG_READ_NOUN);
    if (noun == null) {
      return null;
    }
    return new Action(
        Category.READ,
        null,
        noun,
        facts.nameWords(),
        "the name '" + facts.name() + "'",
        List.of(ruleId),
        List.of());
  }
}
