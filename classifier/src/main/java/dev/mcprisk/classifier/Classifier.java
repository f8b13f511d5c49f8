package dev.mcprisk.classifier;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcprisk.model.Assessment;
import dev.mcprisk.model.Category;
import dev.mcprisk.model.RiskLevel;
import dev.mcprisk.model.Signal;
import dev.mcprisk.model.ToolAnnotations;
import dev.mcprisk.model.ToolDefinition;
import dev.mcprisk.text.UnsafeCharacter;
import dev.mcprisk.text.UntrustedText;
import java.lang.Character.UnicodeScript;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deterministic rule-plus-keyword risk classifier for MCP tools (shared/DESIGN.md, "The
 * classifier"; categories and risk levels from shared/specs/taxonomy.md).
 *
 * <p>How a tool is read, in order:
 *
 * <ol>
 *   <li>The <b>action</b>: the first verb of the name split into words ({@link
 *       IdentifierTokenizer}); weak verbs such as start, stop, post or open give way to a later
 *       strong verb ({@code start_search} is Read, {@code StartAHORunBatch} is Execute). Without a
 *       verb in the name: the first sentence of the description, then the title, then any verb of
 *       the description, then a read noun in the name ({@code logs}, {@code stats}), then {@code
 *       readOnlyHint}, else Other.
 *   <li>Verb rules from {@code lexicon.json}: removing a link or label is Write; killing a process
 *       is Execute; opening, closing or moving in a browser is Execute; a force-push is
 *       Destructive; adding numbers is Read. A changing action on a money object ({@code refund},
 *       {@code invoice}, or money named in the first sentence; {@code subscription}, {@code price}
 *       on a payments server) is Financial; reading one stays Read.
 *   <li>Everything else the tool can do: verbs joined by or/and in the name, enumerations in the
 *       first sentence ("list, create, close, or select"), and enum values of action parameters
 *       ({@code method}, {@code action}, {@code operation}); the most dangerous wins (Financial
 *       &gt; Destructive &gt; Execute &gt; Write &gt; Read).
 *   <li>Options and costs: a boolean option named or described with a destructive verb ({@code
 *       dropTarget}) makes the tool Destructive; a required parameter confirming a cost ({@code
 *       confirm_cost_id}) makes a change Financial.
 *   <li>Run/execute/query/trigger/confirm verbs whose description says read-only, "Demonstrates…"
 *       or "Ask the user…" are Read; a Write that takes SQL to run is Execute; a Write, or an
 *       Execute without code, shell or SQL, that the description or an overwrite mode says is
 *       irreversible is Destructive.
 *   <li>Signals (from {@code signals.json}; execution-only signals are dropped from Read tools),
 *       then the risk level per category with escalations by signal, then overrides that apply to
 *       every category: tool poisoning makes any tool Critical, a deceptive name (a control,
 *       terminal escape, bidi, invisible or tag character, or lookalike scripts mixed in one word:
 *       Unicode TR36 §2, TR39 §5.2, Trojan Source CVE-2021-42574) makes it at least High (from
 *       {@code risk.json}).
 * </ol>
 *
 * <p>Annotations are hints from an untrusted server: {@code readOnlyHint} only decides when nothing
 * else does, and a hint that contradicts the evidence is the signal {@code
 * annotation-contradiction}.
 *
 * <p><b>Score</b>: 0–100, monotone with the risk level: Low 5–29, Medium 30–54, High 55–79,
 * Critical 80–100 (bands in {@code risk.json}); within a band, the band minimum plus {@value
 * #SCORE_PER_DANGER_STEP} per category danger step ({@link Category#danger()}) plus {@value
 * #SCORE_PER_SIGNAL} per signal, capped at the band maximum.
 *
 * <p><b>Confidence</b>: 0.85 for a verb in the name (+0.1 when the description's verb agrees), 0.7
 * from the description's first sentence, 0.65 from the title, 0.5 from elsewhere in the
 * description, 0.45 from a read noun, 0.35 from readOnlyHint alone, 0.1 for Other; 0.1 less without
 * a description; rounded to two decimals.
 *
 * <p>Deterministic: the same definition and server context give an equal assessment (no time, no
 * randomness, no hash-order iteration). Thread-safe: immutable after construction.
 */
public final class Classifier {
  /** Version of the rules and lexicons; bumping it re-assesses every tool. */
  public static final String VERSION = "0.3.0";

  /** Longest description (and schema text) scanned, in chars; the rest is ignored. */
  static final int MAX_SCANNED_TEXT_CHARS = 20_000;

  /** Longest first sentence kept, in chars. */
  static final int MAX_FIRST_SENTENCE_CHARS = 300;

  /** A {@code "Label | "} prefix shorter than this many chars is skipped in the first sentence. */
  static final int MAX_LABEL_CHARS = 40;

  /** Most inputSchema nodes walked for description text. */
  static final int MAX_SCHEMA_NODES = 2_000;

  /** Longest quote in a rationale or evidence, in chars. */
  static final int MAX_QUOTE_CHARS = 100;

  /** Chars of context on each side of a regex match quoted as evidence. */
  static final int QUOTE_CONTEXT_CHARS = 30;

  /** Most pieces of evidence kept per signal. */
  static final int MAX_EVIDENCE_PER_SIGNAL = 3;

  /** Score points per category danger step within a band. */
  static final int SCORE_PER_DANGER_STEP = 4;

  /** Score points per signal within a band. */
  static final int SCORE_PER_SIGNAL = 3;

  static final double CONFIDENCE_NAME = 0.85;
  static final double CONFIDENCE_AGREEMENT_BONUS = 0.10;
  static final double CONFIDENCE_FIRST_SENTENCE = 0.70;
  static final double CONFIDENCE_TITLE = 0.65;
  static final double CONFIDENCE_ANY_SENTENCE = 0.50;
  static final double CONFIDENCE_READ_NOUN = 0.45;
  static final double CONFIDENCE_ANNOTATION = 0.35;
  static final double CONFIDENCE_OTHER = 0.10;
  static final double EMPTY_DESCRIPTION_PENALTY = 0.10;
  static final double CONFIDENCE_MIN = 0.05;
  static final double CONFIDENCE_MAX = 0.99;

  static final String MESSAGE_SENDING = "message-sending";
  static final String IRREVERSIBLE = "irreversible";
  static final String PRIVILEGE_CHANGE = "privilege-change";
  static final String HIGH_PARAMETER_COUNT = "high-parameter-count";
  static final String EMPTY_DESCRIPTION = "empty-description";
  static final String ANNOTATION_CONTRADICTION = "annotation-contradiction";
  public static final String TOOL_POISONING = "tool-poisoning";
  static final String ARBITRARY_SQL = "arbitrary-sql";
  static final String BULK_SCOPE = "bulk-scope";
  static final String FILE_SYSTEM_PATH = "file-system-path";
  static final String DECEPTIVE_NAME = "deceptive-name";

  /** Signals the code raises itself; {@code signals.json} must list them in its order. */
  static final List<String> COMPUTED_SIGNALS =
      List.of(
          MESSAGE_SENDING,
          IRREVERSIBLE,
          PRIVILEGE_CHANGE,
          HIGH_PARAMETER_COUNT,
          EMPTY_DESCRIPTION,
          ANNOTATION_CONTRADICTION,
          TOOL_POISONING,
          ARBITRARY_SQL,
          DECEPTIVE_NAME);

  static final String RULE_NAME_VERB = "name.verb";
  static final String RULE_NAME_ENUMERATION = "name.enumeration";
  static final String RULE_FIRST_SENTENCE_VERB = "desc.first-sentence-verb";
  static final String RULE_TITLE_VERB = "title.verb";
  static final String RULE_ANY_SENTENCE_VERB = "desc.any-verb";
  static final String RULE_READ_NOUN = "name.read-noun";
  static final String RULE_READ_ONLY_HINT = "annotation.read-only-hint";
  static final String RULE_OTHER = "fallback.other";
  static final String RULE_FINANCIAL = "financial.object";
  static final String RULE_FINANCIAL_IN_DESCRIPTION = "financial.object-in-description";
  static final String RULE_FINANCIAL_IN_CONTEXT = "financial.object-on-payments-server";
  static final String RULE_DESC_ENUMERATION = "desc.enumeration";
  static final String RULE_ENUM_PARAMETER = "param.action-enum";
  static final String RULE_IRREVERSIBLE_WRITE = "category.irreversible-write";
  static final String RULE_MESSAGE_SENDING = "name.message-sending";
  static final String RULE_HIGH_PARAMETER_COUNT = "schema.high-parameter-count";
  static final String RULE_EMPTY_DESCRIPTION = "desc.empty";
  static final String RULE_CONTRADICTION = "annotation.contradiction";
  static final String RULE_DESTRUCTIVE_OPTION = "param.destructive-option";
  static final String RULE_OVERWRITE_MODE = "param.overwrite-mode";
  static final String RULE_COST_PARAMETER = "financial.cost-parameter";
  static final String RULE_SQL_IS_EXECUTE = "category.sql-is-execute";
  static final String RULE_IRREVERSIBLE_EXECUTE = "category.irreversible-execute";

  /** JSON Schema type of an option parameter ({@code dropTarget}, {@code deleteLocalData}). */
  static final String BOOLEAN_TYPE = "boolean";

  /** Leading words of a boolean parameter's description skipped before its verb. */
  private static final Pattern OPTION_DESCRIPTION =
      Pattern.compile(
          "^\\s*(?:if (?:set to )?true,?\\s+)?(?:\\w+ly\\s+)?([\\p{L}]+)",
          Pattern.CASE_INSENSITIVE);

  private final Lexicon lexicon;
  private final SignalRules signalRules;
  private final RiskRules riskRules;

  Classifier(Lexicon lexicon, SignalRules signalRules, RiskRules riskRules) {
    this.lexicon = Objects.requireNonNull(lexicon, "lexicon == null");
    this.signalRules = Objects.requireNonNull(signalRules, "signalRules == null");
    this.riskRules = Objects.requireNonNull(riskRules, "riskRules == null");
  }

  /**
   * Loads the lexicon, signal and risk rules shipped in {@code
   * classifier/src/main/resources/dev/mcprisk/classifier/} ({@code lexicon.json}, {@code
   * signals.json}, {@code risk.json}).
   *
   * @throws IllegalStateException when a data file is missing, not JSON, or has a bad field; the
   *     message names the file and the field
   */
  public static Classifier loadDefault() {
    return new Classifier(
        Lexicon.from(DataFile.load(Lexicon.FILE)),
        SignalRules.from(DataFile.load(SignalRules.FILE)),
        RiskRules.from(DataFile.load(RiskRules.FILE)));
  }

  /** Rule ids the code itself fires (the data files hold the others). */
  static final List<String> CODE_RULES =
      List.of(
          RULE_NAME_VERB,
          RULE_NAME_ENUMERATION,
          RULE_FIRST_SENTENCE_VERB,
          RULE_TITLE_VERB,
          RULE_ANY_SENTENCE_VERB,
          RULE_READ_NOUN,
          RULE_READ_ONLY_HINT,
          RULE_OTHER,
          RULE_FINANCIAL,
          RULE_FINANCIAL_IN_DESCRIPTION,
          RULE_FINANCIAL_IN_CONTEXT,
          RULE_DESC_ENUMERATION,
          RULE_ENUM_PARAMETER,
          RULE_IRREVERSIBLE_WRITE,
          RULE_MESSAGE_SENDING,
          RULE_HIGH_PARAMETER_COUNT,
          RULE_EMPTY_DESCRIPTION,
          RULE_CONTRADICTION,
          RULE_DESTRUCTIVE_OPTION,
          RULE_OVERWRITE_MODE,
          RULE_COST_PARAMETER,
          RULE_SQL_IS_EXECUTE,
          RULE_IRREVERSIBLE_EXECUTE);

  /**
   * Every rule id this classifier can fire: the code's own and those of the data files, sorted.
   * Package-private: tests check each is covered by a real or synthetic tool.
   */
  Set<String> ruleIds() {
    Set<String> ids = new TreeSet<>(CODE_RULES);
    lexicon.verbRules().forEach(r -> ids.add(r.id()));
    lexicon.readOnlyPatterns().forEach(r -> ids.add(r.id()));
    signalRules.parameterRules().forEach(r -> ids.add(r.id()));
    signalRules.descriptionRules().forEach(r -> ids.add(r.id()));
    signalRules.nameRules().forEach(r -> ids.add(r.id()));
    signalRules.poisoningRules().forEach(r -> ids.add(r.id()));
    signalRules.nameCharacterRules().forEach(r -> ids.add(r.id()));
    ids.add(signalRules.mixedScriptRule().id());
    ids.add(signalRules.sqlContext().id());
    for (Category category : Category.values()) {
      ids.add(riskRules.base(category).id());
    }
    riskRules.escalations().forEach(r -> ids.add(r.id()));
    riskRules.overrides().forEach(r -> ids.add(r.id()));
    return ids;
  }

  /** The version of the rules and lexicons, {@link #VERSION}. */
  public String version() {
    return VERSION;
  }

  /**
   * Classifies one tool.
   *
   * @param tool the tool definition as listed by its server; not null
   * @param server context about the listing server; null means {@link ServerContext#NONE}
   * @return the assessment: category, risk level, score 0–100, confidence 0–1, signals in the
   *     stable order of {@code signals.json}, a rationale citing the evidence, the rule ids that
   *     fired (in firing order) and {@link #VERSION}
   * @throws NullPointerException when {@code tool} is null
   */
  public Assessment classify(ToolDefinition tool, ServerContext server) {
    Objects.requireNonNull(tool, "tool == null");
    Run run = new Run(ToolFacts.of(tool, server));
    return run.assess();
  }

  /** Where the base action came from. */
  private enum Source {
    NAME,
    FIRST_SENTENCE,
    TITLE,
    ANY_SENTENCE,
    READ_NOUN,
    ANNOTATION,
    NONE
  }

  /** One classification: mutable working state, confined to the calling thread. */
  private final class Run {
    private final ToolFacts facts;
    private final List<String> firstSentenceWords;
    private Boolean financialContext;
    private List<String> serverWords;
    private final Set<String> rules = new LinkedHashSet<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, List<String>> signals = new LinkedHashMap<>();
    private final List<String> deceptiveSentences = new ArrayList<>();
    private String decisive;

    Run(ToolFacts facts) {
      this.facts = facts;
      this.firstSentenceWords = facts.firstSentenceWords();
    }

    /** The server's words, computed on first use. */
    private List<String> serverWords() {
      if (serverWords == null) {
        serverWords = facts.serverWords();
      }
      return serverWords;
    }

    /** Whether the server or the description speaks of payments; computed on first use. */
    private boolean financialContext() {
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

    Assessment assess() {
      Source source = Source.NONE;
      Action base =
          actionFrom(facts.nameWords(), "the name '" + facts.name() + "'", RULE_NAME_VERB, null);
      if (base != null) {
        source = Source.NAME;
      } else if ((base =
              actionFrom(
                  firstSentenceWords,
                  "the description's first sentence",
                  RULE_FIRST_SENTENCE_VERB,
                  null))
          != null) {
        source = Source.FIRST_SENTENCE;
      } else if ((base = actionFrom(facts.titleWords(), "the title", RULE_TITLE_VERB, null))
          != null) {
        source = Source.TITLE;
      } else if ((base =
              actionFrom(
                  facts.descriptionWords(),
                  "the description",
                  RULE_ANY_SENTENCE_VERB,
                  facts.nameWords()))
          != null) {
        source = Source.ANY_SENTENCE;
      } else if ((base = readNoun()) != null) {
        source = Source.READ_NOUN;
      } else if (Boolean.TRUE.equals(facts.annotations().readOnlyHint())) {
        source = Source.ANNOTATION;
        base =
            new Action(
                Category.READ,
                null,
                null,
                List.of(),
                "readOnlyHint",
                List.of(RULE_READ_ONLY_HINT),
                List.of());
      } else {
        base =
            new Action(
                Category.OTHER, null, null, List.of(), "nothing", List.of(RULE_OTHER), List.of());
      }
      rules.addAll(base.rules());
      notes.addAll(base.notes());
      Category category = base.category();
      if (source != Source.ANNOTATION && source != Source.NONE) {
        category = widen(category, base);
        category = demoteReadOnly(category, base);
      }
      collectSignals(category, base);
      category = convertBySignals(category);
      if (category.danger() >= Category.WRITE.danger()) {
        messageSending(base);
      } else {
        signals.remove(PRIVILEGE_CHANGE);
      }
      if (category == Category.READ) {
        signals.keySet().removeIf(signalRules::isExecutionOnly);
      }
      boolean fromEvidence = source != Source.ANNOTATION && source != Source.NONE;
      if (fromEvidence) {
        contradictions(category, base);
      }
      List<Signal> signalList = orderedSignals();
      RiskLevel level = riskRules.base(category).level();
      rules.add(riskRules.base(category).id());
      String riskReason = riskRules.base(category).reason();
      for (RiskRules.Escalation escalation : riskRules.escalations()) {
        if (escalation.category() != category || escalation.level().ordinal() <= level.ordinal()) {
          continue;
        }
        for (Signal signal : signalList) {
          if (escalation.anySignal().contains(signal.id())) {
            level = escalation.level();
            rules.add(escalation.id());
            riskReason = escalation.reason() + " (" + signal.evidence() + ")";
            break;
          }
        }
      }
      for (RiskRules.Escalation override : riskRules.overrides()) {
        if (override.level().ordinal() <= level.ordinal()) {
          continue;
        }
        for (Signal signal : signalList) {
          if (override.anySignal().contains(signal.id())) {
            level = override.level();
            rules.add(override.id());
            riskReason = override.reason();
            break;
          }
        }
      }
      String rationale = rationale(base, source, category, level, riskReason, signalList);
      return new Assessment(
          category,
          level,
          score(category, level, signalList.size()),
          confidence(source, base, category),
          signalList,
          rationale,
          List.copyOf(rules),
          VERSION);
    }

    // ---- the action -------------------------------------------------------------------------

    private Action actionFrom(
        List<String> words, String where, String ruleId, List<String> objectOverride) {
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
        Action action = resolve(lexicon.verb(word), word, objects, where, ruleId);
        if (best == null || action.category().danger() > best.category().danger()) {
          if (best != null) {
            List<String> r = new ArrayList<>(action.rules());
            r.add(RULE_NAME_ENUMERATION);
            List<String> n = new ArrayList<>(action.notes());
            n.add(
                "'"
                    + best.word()
                    + "' or '"
                    + word
                    + "' can both happen, and the more dangerous, '"
                    + word
                    + "', decides");
            action =
                new Action(action.category(), action.verb(), best.word(), objects, where, r, n);
          }
          best = action;
        }
      }
      return best;
    }

    private int primaryIndex(List<String> words) {
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

    private Action resolve(
        Lexicon.Verb verb, String word, List<String> objects, String where, String ruleId) {
      List<String> actionRules = new ArrayList<>();
      List<String> actionNotes = new ArrayList<>();
      actionRules.add(ruleId);
      Category category = verb.category();
      for (Lexicon.VerbRule rule : lexicon.verbRules()) {
        if (!rule.appliesTo(verb)) {
          continue;
        }
        String cause = tagCause(rule, objects);
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
      if (changes && (money = firstWithTag(objects, Lexicon.TAG_FINANCIAL)) != null) {
        category = Category.FINANCIAL;
        actionRules.add(RULE_FINANCIAL);
        actionNotes.add("the '" + money + "' object is money, so changing it is Financial");
      } else if (changes
          && (money = firstWithTag(firstSentenceWords, Lexicon.TAG_FINANCIAL)) != null) {
        category = Category.FINANCIAL;
        actionRules.add(RULE_FINANCIAL_IN_DESCRIPTION);
        actionNotes.add(
            "the description's first sentence names '" + money + "', so the change is Financial");
      } else if (changes
          && (money = firstWithTag(objects, Lexicon.TAG_FINANCIAL_IN_CONTEXT)) != null
          && financialContext()) {
        category = Category.FINANCIAL;
        actionRules.add(RULE_FINANCIAL_IN_CONTEXT);
        actionNotes.add(
            "on a payments server the '"
                + money
                + "' object is money, so changing it is Financial");
      }
      return new Action(category, verb.word(), word, objects, where, actionRules, actionNotes);
    }

    private String tagCause(Lexicon.VerbRule rule, List<String> objects) {
      String cause = firstWithTag(objects, rule.tag());
      if (cause != null) {
        return cause;
      }
      switch (rule.scope()) {
        case NAME_AND_FIRST_SENTENCE:
          return firstWithTag(firstSentenceWords, rule.tag());
        case ANYWHERE:
          String inName = firstWithTag(facts.nameWords(), rule.tag());
          if (inName != null) {
            return inName;
          }
          String inSentence = firstWithTag(firstSentenceWords, rule.tag());
          return inSentence != null ? inSentence : firstWithTag(serverWords(), rule.tag());
        default:
          return null;
      }
    }

    private Action readNoun() {
      String noun = firstWithTag(facts.nameWords(), Lexicon.TAG_READ_NOUN);
      if (noun == null) {
        return null;
      }
      return new Action(
          Category.READ,
          null,
          noun,
          facts.nameWords(),
          "the name '" + facts.name() + "'",
          List.of(RULE_READ_NOUN),
          List.of());
    }

    /** Raises the category to the most dangerous other thing the tool can do. */
    private Category widen(Category category, Action base) {
      Category result = category;
      List<String> enumeration = enumeration(firstSentenceWordsWithCommas());
      Action worst = null;
      for (String word : enumeration) {
        Action action =
            resolve(
                lexicon.verb(word), word, base.objects(), "the description", RULE_DESC_ENUMERATION);
        if (worst == null || action.category().danger() > worst.category().danger()) {
          worst = action;
        }
      }
      if (worst != null && worst.category().danger() > result.danger()) {
        result = worst.category();
        decisive = "'" + worst.word() + "' in the description";
        rules.addAll(worst.rules());
        notes.add(
            "the description lists '"
                + String.join(", ", enumeration)
                + "', and the most dangerous, '"
                + worst.word()
                + "', is "
                + result);
        notes.addAll(worst.notes());
      }
      for (Map.Entry<String, JsonNode> parameter : facts.parameters().entrySet()) {
        if (!lexicon.isActionParameter(SignalRules.normalize(parameter.getKey()))) {
          continue;
        }
        for (String value : enumValues(parameter.getValue())) {
          List<String> words = IdentifierTokenizer.split(value);
          int index = primaryIndex(words);
          if (index < 0) {
            continue;
          }
          List<String> objects = new ArrayList<>(base.objects());
          objects.addAll(words.subList(index + 1, words.size()));
          Action action =
              resolve(
                  lexicon.verb(words.get(index)),
                  words.get(index),
                  objects,
                  "parameter '" + parameter.getKey() + "'",
                  RULE_ENUM_PARAMETER);
          if (action.category().danger() > result.danger()) {
            result = action.category();
            decisive = "'" + value + "' in parameter '" + parameter.getKey() + "'";
            rules.addAll(action.rules());
            notes.add(
                "parameter '"
                    + parameter.getKey()
                    + "' allows '"
                    + value
                    + "', which is "
                    + result
                    + ", and the most dangerous action decides");
            notes.addAll(action.notes());
          }
        }
      }
      result = destructiveOption(result);
      return costParameter(result);
    }

    /** Category changes that depend on signals: SQL runs (Execute), irreversible (Destructive). */
    private Category convertBySignals(Category category) {
      if (category == Category.WRITE && signals.containsKey(ARBITRARY_SQL)) {
        decisive = "the SQL it runs";
        rules.add(RULE_SQL_IS_EXECUTE);
        notes.add(
            "it takes SQL to run ("
                + signals.get(ARBITRARY_SQL).get(0)
                + "), and running SQL is Execute");
        category = Category.EXECUTE;
      }
      if (!signals.containsKey(IRREVERSIBLE)) {
        return category;
      }
      boolean runsCode =
          signals.containsKey(ARBITRARY_SQL)
              || signals.keySet().stream().anyMatch(signalRules::isExecutionOnly);
      String ruleId;
      if (category == Category.WRITE) {
        ruleId = RULE_IRREVERSIBLE_WRITE;
      } else if (category == Category.EXECUTE && !runsCode) {
        ruleId = RULE_IRREVERSIBLE_EXECUTE;
      } else {
        return category;
      }
      String evidence = signals.get(IRREVERSIBLE).get(0);
      decisive = "the irreversible change it makes";
      rules.add(ruleId);
      notes.add("the change cannot be undone (" + evidence + "), so it is Destructive");
      return Category.DESTRUCTIVE;
    }

    /** A boolean option whose name or description is a destructive verb ({@code dropTarget}). */
    private Category destructiveOption(Category result) {
      if (result.danger() >= Category.DESTRUCTIVE.danger()) {
        return result;
      }
      for (Map.Entry<String, JsonNode> parameter : facts.parameters().entrySet()) {
        JsonNode schema = parameter.getValue();
        if (schema == null || !BOOLEAN_TYPE.equals(schema.path("type").asText())) {
          continue;
        }
        List<String> words = IdentifierTokenizer.split(parameter.getKey());
        String description = schema.path("description").asText("");
        Matcher m = OPTION_DESCRIPTION.matcher(description);
        List<String> candidates = new ArrayList<>(words);
        if (m.find()) {
          candidates.add(m.group(1).toLowerCase(Locale.ROOT));
        }
        for (String word : candidates) {
          Lexicon.Verb verb = lexicon.verb(word);
          if (verb == null || verb.category() != Category.DESTRUCTIVE) {
            continue;
          }
          Action action =
              resolve(
                  verb,
                  word,
                  words,
                  "option '" + parameter.getKey() + "'",
                  RULE_DESTRUCTIVE_OPTION);
          if (action.category() != Category.DESTRUCTIVE) {
            continue;
          }
          decisive = "the option '" + parameter.getKey() + "'";
          rules.add(RULE_DESTRUCTIVE_OPTION);
          notes.add(
              "the option '"
                  + parameter.getKey()
                  + "'"
                  + (description.isBlank() ? "" : " ('" + quote(description) + "')")
                  + " can "
                  + verb.word()
                  + ", and the most dangerous action decides, so Destructive");
          return Category.DESTRUCTIVE;
        }
      }
      return result;
    }

    /**
     * A required parameter that confirms a cost ({@code confirm_cost_id}) makes a change Financial.
     */
    private Category costParameter(Category result) {
      if (result.danger() < Category.WRITE.danger() || result == Category.FINANCIAL) {
        return result;
      }
      for (String parameter : facts.parameters().keySet()) {
        if (!facts.required().contains(parameter)) {
          continue;
        }
        for (String word : IdentifierTokenizer.split(parameter)) {
          if (lexicon.isFinancialParameterWord(word)) {
            decisive = "the required parameter '" + parameter + "'";
            rules.add(RULE_COST_PARAMETER);
            notes.add(
                "the required parameter '"
                    + parameter
                    + "' ties the call to a confirmed '"
                    + word
                    + "', so it commits money and is Financial");
            return Category.FINANCIAL;
          }
        }
      }
      return result;
    }

    private Category demoteReadOnly(Category category, Action base) {
      if ((category != Category.EXECUTE && category != Category.WRITE)
          || base.verb() == null
          || !lexicon.isReadOnlyDemotable(base.verb())) {
        return category;
      }
      for (Lexicon.NamedPattern p : lexicon.readOnlyPatterns()) {
        Matcher m = p.pattern().matcher(facts.description());
        if (m.find()) {
          rules.add(p.id());
          notes.add("the description says '" + m.group() + "', so it only reads");
          return Category.READ;
        }
      }
      return category;
    }

    private List<String> firstSentenceWordsWithCommas() {
      // Words as ToolFacts.words splits them, and each comma as a token of its own.
      String text = facts.firstSentence().toLowerCase(Locale.ROOT);
      List<String> tokens = new ArrayList<>();
      int start = -1;
      for (int i = 0; i <= text.length(); i++) {
        char c = i < text.length() ? text.charAt(i) : ' ';
        boolean wordChar = Character.isLetterOrDigit(c);
        if (wordChar && start < 0) {
          start = i;
        } else if (!wordChar && start >= 0) {
          tokens.add(text.substring(start, i));
          start = -1;
        }
        if (c == ',') {
          tokens.add(",");
        }
      }
      return tokens;
    }

    /** Verbs listed as "a, b, or c" / "a or b" in the tokens; empty when there is no such list. */
    private List<String> enumeration(List<String> tokens) {
      for (int i = 0; i < tokens.size(); i++) {
        if (!listable(tokens.get(i))) {
          continue;
        }
        List<String> items = new ArrayList<>(List.of(tokens.get(i)));
        int j = i;
        boolean closed = false;
        while (!closed) {
          if (j + 2 < tokens.size()
              && tokens.get(j + 1).equals(",")
              && listable(tokens.get(j + 2))) {
            items.add(tokens.get(j + 2));
            j += 2;
          } else if (j + 3 < tokens.size()
              && tokens.get(j + 1).equals(",")
              && lexicon.isConnector(tokens.get(j + 2))
              && listable(tokens.get(j + 3))) {
            items.add(tokens.get(j + 3));
            closed = true;
          } else if (j + 2 < tokens.size()
              && lexicon.isConnector(tokens.get(j + 1))
              && listable(tokens.get(j + 2))) {
            items.add(tokens.get(j + 2));
            closed = true;
          } else {
            break;
          }
        }
        if (closed) {
          return items;
        }
      }
      return List.of();
    }

    private boolean listable(String word) {
      return lexicon.exactVerb(word) != null && lexicon.tags(word).isEmpty();
    }

    // ---- signals ----------------------------------------------------------------------------

    private void collectSignals(Category category, Action base) {
      boolean changes = category.danger() >= Category.WRITE.danger();
      for (String parameter : facts.parameters().keySet()) {
        String normalized = SignalRules.normalize(parameter);
        if (signalRules.isExcludedParameter(normalized)) {
          continue;
        }
        for (SignalRules.ParameterRule rule : signalRules.parameterRules()) {
          if (rule.matches(normalized)) {
            signal(rule.signal(), "parameter '" + parameter + "'", rule.id());
          }
        }
        if (signalRules.isSqlParameter(normalized) && !signals.containsKey(ARBITRARY_SQL)) {
          Matcher m = signalRules.sqlContext().pattern().matcher(facts.description());
          if (m.find()) {
            signal(
                ARBITRARY_SQL,
                "parameter '" + parameter + "' with '" + m.group() + "' in the description",
                signalRules.sqlContext().id());
          }
        }
      }
      if (signals.containsKey(FILE_SYSTEM_PATH)) {
        overwriteModes();
      }
      ScanText description = signalRules.scan(facts.description());
      for (SignalRules.Gated rule : signalRules.descriptionRules()) {
        if (!changes && signalRules.isExecutionOnly(rule.signal())) {
          continue;
        }
        Matcher m = rule.find(description);
        if (m != null) {
          signal(rule.signal(), "description: " + quoteAround(facts.description(), m), rule.id());
        }
      }
      boolean additive = base.verb() != null && lexicon.isAdditive(base.verb());
      for (SignalRules.NameRule rule : signalRules.nameRules()) {
        if (additive && rule.signal().equals(BULK_SCOPE)) {
          continue;
        }
        String word = firstWithTag(facts.nameWords(), rule.tag());
        if (word != null) {
          signal(rule.signal(), "name word '" + word + "'", rule.id());
        }
      }
      if (facts.parameters().size() > signalRules.highParameterCount()) {
        signal(
            HIGH_PARAMETER_COUNT,
            facts.parameters().size()
                + " parameters (more than "
                + signalRules.highParameterCount()
                + ")",
            RULE_HIGH_PARAMETER_COUNT);
      }
      if (!facts.hasDescription()) {
        signal(EMPTY_DESCRIPTION, "no description", RULE_EMPTY_DESCRIPTION);
      }
      deceptiveName();
      ScanText raw = signalRules.scan(facts.rawText());
      for (SignalRules.Gated rule : signalRules.poisoningRules()) {
        Matcher m = rule.find(raw);
        if (m != null) {
          signal(TOOL_POISONING, poisonEvidence(m), rule.id());
        }
      }
    }

    /**
     * The {@code deceptive-name} signal: the first character of each character rule's kinds in the
     * name, then the first word whose letters mix scripts, each with a rationale sentence. Plain
     * printable-ASCII names cost one scan.
     */
    private void deceptiveName() {
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
            signal(DECEPTIVE_NAME, character + " at offset " + i + " of the name", rule.id());
            deceptiveSentences.add(
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
          signal(DECEPTIVE_NAME, "the word '" + word + "' mixes " + names + " letters", mixed.id());
          deceptiveSentences.add(
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

    /** An action-parameter value such as {@code rewrite} on a file tool overwrites the file. */
    private void overwriteModes() {
      for (Map.Entry<String, JsonNode> parameter : facts.parameters().entrySet()) {
        if (!lexicon.isActionParameter(SignalRules.normalize(parameter.getKey()))) {
          continue;
        }
        for (String value : enumValues(parameter.getValue())) {
          if (lexicon.isOverwriteMode(value)) {
            signal(
                IRREVERSIBLE,
                "parameter '"
                    + parameter.getKey()
                    + "' allows '"
                    + value
                    + "', which replaces an existing file's content",
                RULE_OVERWRITE_MODE);
            return;
          }
        }
      }
    }

    private String poisonEvidence(Matcher m) {
      String match = m.group();
      if (match.length() == 1 && !Character.isLetterOrDigit(match.charAt(0))) {
        return String.format(
            Locale.ROOT,
            "invisible character U+%04X at offset %d",
            match.codePointAt(0),
            m.start());
      }
      if (match.codePointCount(0, match.length()) == 1
          && Character.isSupplementaryCodePoint(match.codePointAt(0))) {
        return String.format(
            Locale.ROOT,
            "invisible character U+%05X at offset %d",
            match.codePointAt(0),
            m.start());
      }
      return "description text '" + quote(match) + "'";
    }

    private void messageSending(Action base) {
      if (base.verb() == null || base.word() == null) {
        return;
      }
      boolean verbSends = lexicon.isMessageVerb(base.verb());
      boolean verbIsMessage = lexicon.tags(base.word()).contains(Lexicon.TAG_MESSAGE);
      String object = firstWithTag(base.objects(), Lexicon.TAG_MESSAGE);
      if (verbSends && (verbIsMessage || object != null)) {
        String evidence =
            object == null
                ? "the '" + base.word() + "' verb in " + base.where()
                : "the '" + base.word() + "' verb and '" + object + "' object in " + base.where();
        signal(MESSAGE_SENDING, evidence, RULE_MESSAGE_SENDING);
      }
    }

    private void contradictions(Category category, Action base) {
      ToolAnnotations hints = facts.annotations();
      String cause =
          decisive != null
              ? decisive
              : base.word() == null ? null : "'" + base.word() + "' in " + base.where();
      String why = cause == null ? category.label() : category.label() + " (" + cause + ")";
      if (Boolean.TRUE.equals(hints.readOnlyHint())
          && category.danger() >= Category.WRITE.danger()) {
        signal(
            ANNOTATION_CONTRADICTION,
            "readOnlyHint is true but the tool is " + why,
            RULE_CONTRADICTION);
      }
      if (Boolean.FALSE.equals(hints.destructiveHint()) && category == Category.DESTRUCTIVE) {
        signal(
            ANNOTATION_CONTRADICTION,
            "destructiveHint is false but the tool is " + why,
            RULE_CONTRADICTION);
      }
    }

    private void signal(String id, String evidence, String ruleId) {
      List<String> list = signals.computeIfAbsent(id, k -> new ArrayList<>());
      if (list.size() < MAX_EVIDENCE_PER_SIGNAL && !list.contains(evidence)) {
        list.add(evidence);
      }
      rules.add(ruleId);
    }

    private List<Signal> orderedSignals() {
      List<Signal> out = new ArrayList<>();
      for (String id : signalRules.order()) {
        List<String> evidence = signals.get(id);
        if (evidence != null) {
          out.add(new Signal(id, String.join("; ", evidence)));
        }
      }
      return out;
    }

    // ---- output -----------------------------------------------------------------------------

    private String rationale(
        Action base,
        Source source,
        Category category,
        RiskLevel level,
        String riskReason,
        List<Signal> signalList) {
      StringBuilder text = new StringBuilder();
      switch (source) {
        case NAME, FIRST_SENTENCE, TITLE, ANY_SENTENCE -> {
          text.append("The '").append(base.word()).append("' verb");
          List<String> objects = source == Source.ANY_SENTENCE ? List.of() : base.objects();
          if (!objects.isEmpty() && source == Source.NAME) {
            text.append(" and '").append(String.join(" ", objects)).append("' object");
          }
          text.append(" in ").append(base.where());
          if (source != Source.NAME) {
            text.append(" (the name '").append(facts.name()).append("' has no known verb)");
          }
          text.append(" suggest")
              .append(source == Source.NAME && !base.objects().isEmpty() ? "" : "s");
          text.append(' ').append(base.category() == category ? category : base.category());
        }
        case READ_NOUN ->
            text.append("The name '")
                .append(facts.name())
                .append("' has no verb but the read noun '")
                .append(base.word())
                .append("', which suggests Read");
        case ANNOTATION ->
            text.append("Nothing in the name or description says what '")
                .append(facts.name())
                .append("' does; the server's readOnlyHint (untrusted) suggests Read");
        case NONE ->
            text.append("Nothing in the name '")
                .append(facts.name())
                .append("' or its description says what it does, so Other");
      }
      if (source == Source.NAME) {
        if (facts.hasDescription()) {
          text.append("; the description says '").append(quote(facts.firstSentence())).append('\'');
        } else {
          text.append("; the description is empty");
        }
      }
      for (String note : notes) {
        text.append("; ").append(note);
      }
      text.append(". ").append(level).append(": ").append(riskReason).append('.');
      for (Signal signal : signalList) {
        if (signal.id().equals(ANNOTATION_CONTRADICTION)) {
          text.append(" The server's annotation contradicts this: ")
              .append(signal.evidence())
              .append('.');
        } else if (signal.id().equals(TOOL_POISONING)) {
          text.append(" Possible tool poisoning: ").append(signal.evidence()).append('.');
        } else if (signal.id().equals(DECEPTIVE_NAME)) {
          deceptiveSentences.stream()
              .limit(MAX_EVIDENCE_PER_SIGNAL)
              .forEach(sentence -> text.append(' ').append(sentence));
        }
      }
      return text.toString();
    }

    private int score(Category category, RiskLevel level, int signalCount) {
      RiskRules.Band band = riskRules.band(level);
      int extra = SCORE_PER_DANGER_STEP * category.danger() + SCORE_PER_SIGNAL * signalCount;
      return band.min() + Math.min(band.max() - band.min(), extra);
    }

    private double confidence(Source source, Action base, Category category) {
      double value =
          switch (source) {
            case NAME -> CONFIDENCE_NAME;
            case FIRST_SENTENCE -> CONFIDENCE_FIRST_SENTENCE;
            case TITLE -> CONFIDENCE_TITLE;
            case ANY_SENTENCE -> CONFIDENCE_ANY_SENTENCE;
            case READ_NOUN -> CONFIDENCE_READ_NOUN;
            case ANNOTATION -> CONFIDENCE_ANNOTATION;
            case NONE -> CONFIDENCE_OTHER;
          };
      if (source == Source.NAME) {
        Action described =
            actionFrom(firstSentenceWords, "the description", RULE_FIRST_SENTENCE_VERB, null);
        if (described != null && described.category() == base.category()) {
          value += CONFIDENCE_AGREEMENT_BONUS;
        }
      }
      if (!facts.hasDescription()) {
        value -= EMPTY_DESCRIPTION_PENALTY;
      }
      value = Math.max(CONFIDENCE_MIN, Math.min(CONFIDENCE_MAX, value));
      return Math.round(value * 100) / 100.0;
    }

    // ---- helpers ----------------------------------------------------------------------------

    private String firstWithTag(List<String> words, String tag) {
      for (String word : words) {
        if (lexicon.tags(word).contains(tag)) {
          return word;
        }
      }
      return null;
    }
  }

  private static List<String> enumValues(JsonNode property) {
    List<String> values = new ArrayList<>();
    if (property == null) {
      return values;
    }
    for (JsonNode holder : new JsonNode[] {property, property.get("items")}) {
      JsonNode enumNode = holder == null ? null : holder.get("enum");
      if (enumNode != null && enumNode.isArray()) {
        for (JsonNode value : enumNode) {
          if (value.isTextual()) {
            values.add(value.asText());
          }
        }
      }
    }
    return values;
  }

  /**
   * {@code text} with white space collapsed, cut to at most {@link #MAX_QUOTE_CHARS} chars between
   * characters (never inside a surrogate pair or a grapheme cluster: {@link UntrustedText#prefix}),
   * with {@code "..."} after a cut.
   */
  static String quote(String text) {
    String flat = ToolFacts.collapse(text);
    String cut = UntrustedText.prefix(flat, MAX_QUOTE_CHARS);
    return cut.length() == flat.length() ? flat : cut + "...";
  }

  /**
   * The match with up to {@link #QUOTE_CONTEXT_CHARS} chars of context on each side, the context
   * ends moved to character boundaries so no surrogate pair or cluster is cut.
   */
  private static String quoteAround(String text, Matcher m) {
    int start =
        Math.min(
            m.start(),
            UntrustedText.boundaryAtOrAfter(text, Math.max(0, m.start() - QUOTE_CONTEXT_CHARS)));
    int end =
        Math.max(
            m.end(),
            UntrustedText.boundaryAtOrBefore(
                text, Math.min(text.length(), m.end() + QUOTE_CONTEXT_CHARS)));
    String quoted =
        (start > 0 ? "..." : "") + text.substring(start, end) + (end < text.length() ? "..." : "");
    return "'" + quoted.strip() + "'";
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
