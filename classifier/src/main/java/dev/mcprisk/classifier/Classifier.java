package dev.mcprisk.classifier;

import dev.mcprisk.model.Assessment;
import dev.mcprisk.model.Category;
import dev.mcprisk.model.RiskLevel;
import dev.mcprisk.model.Signal;
import dev.mcprisk.model.ToolDefinition;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Deterministic rule-plus-keyword risk classifier for MCP tools: one {@link Category} and {@link
 * RiskLevel} per tool definition, with the signals and a rationale citing the evidence. Categories
 * and levels as docs/taxonomy.md defines them, evidence as docs/design.md ("Classification
 * evidence") requires; measured against hand labels in EVALUATION.md.
 *
 * <p>How a tool is read, in order:
 *
 * <ol>
 *   <li>The <b>action</b>: the verb of the name split into words ({@link
 *       dev.mcprisk.text.IdentifierSplitter#LEXICON}), lemmatised, chosen by one rule ({@code
 *       ActionReader.nameVerb}): a server-name prefix is skipped, base forms come first, a name
 *       that ends in an action verb takes it ({@code compute_disk_delete}), else the first strong
 *       verb; weak verbs such as start, post or open give way to a later strong verb ({@code
 *       start_search} is Read, {@code StartAHORunBatch} is Execute). Without a verb in the name:
 *       the first sentence of the description (negated verbs and participles skipped), then the
 *       title, then any verb of the description, then a read noun in the name ({@code logs}, {@code
 *       stats}) or in the description's first sentence ("memory analysis"), then {@code
 *       readOnlyHint}, else Other (unless an action parameter's values say what it does).
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
 * Scoring#SCORE_PER_DANGER_STEP} per category danger step ({@link Category#danger()}) plus {@value
 * Scoring#SCORE_PER_SIGNAL} per signal, capped at the band maximum.
 *
 * <p><b>Confidence</b>: 0.85 for a verb in the name (+0.1 when the description's verb agrees), 0.7
 * from the description's first sentence, 0.65 from the title, 0.5 from elsewhere in the
 * description, 0.45 from a read noun, 0.35 from readOnlyHint alone, 0.1 for Other; 0.1 less without
 * a description; rounded to two decimals.
 *
 * <p>Deterministic: the same definition and server context give an equal assessment (no time, no
 * randomness, no hash-order iteration). Thread-safe: immutable after construction; each call keeps
 * its working state ({@link ToolReading}, {@link Findings}) on its own thread.
 */
public final class Classifier {
  /** Version of the rules and lexicons; bumping it re-assesses every tool. */
  public static final String VERSION = "0.4.0";

  /** Longest description (and schema text) scanned, in chars; the rest is ignored. */
  static final int MAX_SCANNED_TEXT_CHARS = 20_000;

  /** Longest first sentence kept, in chars. */
  static final int MAX_FIRST_SENTENCE_CHARS = 300;

  /** A {@code "Label | "} prefix shorter than this many chars is skipped in the first sentence. */
  static final int MAX_LABEL_CHARS = 40;

  /** Most inputSchema nodes walked for description text. */
  static final int MAX_SCHEMA_NODES = 2_000;

  /** Most pieces of evidence kept per signal. */
  static final int MAX_EVIDENCE_PER_SIGNAL = 3;

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

  private final Lexicon lexicon;
  private final SignalRules signalRules;
  private final RiskRules riskRules;
  private final ActionReader actions;
  private final CategoryWidening widening;
  private final ParameterOptions options;
  private final ReadOnlyDemotion readOnly;
  private final SignalCollector signals;
  private final SignalConversion conversion;
  private final AnnotationContradictions contradictions = new AnnotationContradictions();
  private final RiskGrading grading;
  private final Scoring scoring;
  private final Rationale rationale = new Rationale();

  Classifier(Lexicon lexicon, SignalRules signalRules, RiskRules riskRules) {
    this.lexicon = Objects.requireNonNull(lexicon, "lexicon == null");
    this.signalRules = Objects.requireNonNull(signalRules, "signalRules == null");
    this.riskRules = Objects.requireNonNull(riskRules, "riskRules == null");
    this.actions = new ActionReader(lexicon);
    this.widening = new CategoryWidening(lexicon, actions);
    this.options = new ParameterOptions(lexicon, actions);
    this.readOnly = new ReadOnlyDemotion(lexicon);
    this.signals = new SignalCollector(lexicon, signalRules);
    this.conversion = new SignalConversion(signalRules, lexicon);
    this.grading = new RiskGrading(riskRules);
    this.scoring = new Scoring(riskRules, actions);
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

  /**
   * Every rule id this classifier can fire: the code's own ({@link RuleIds}) and those of the data
   * files, sorted. Package-private: tests check each is covered by a real or synthetic tool.
   */
  Set<String> ruleIds() {
    Set<String> ids = new TreeSet<>(RuleIds.ALL);
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
    ToolReading reading = new ToolReading(ToolFacts.of(tool, server), lexicon);
    Findings findings = new Findings();
    BaseAction base = actions.base(reading);
    Action action = base.action();
    findings.add(action);
    Category category = action.category();
    if (base.source().fromEvidence()) {
      category = widening.widen(category, action, reading, findings);
      category = options.destructiveOption(category, reading, findings);
      category = options.costParameter(category, reading, findings);
      category = readOnly.apply(category, action, reading, findings);
    } else {
      category = widening.byActionEnumsOnly(category, action, reading, findings);
    }
    signals.collect(category, action, reading, findings);
    category = conversion.apply(category, reading.facts(), findings);
    signals.settle(category, action, findings);
    if (base.source().fromEvidence()) {
      contradictions.check(category, action, reading.facts(), findings);
    }
    List<Signal> signalList = findings.orderedSignals(signalRules.order());
    RiskGrade grade = grading.grade(category, signalList, findings);
    String text = rationale.write(base, category, grade, signalList, reading.facts(), findings);
    return new Assessment(
        category,
        grade.level(),
        scoring.score(category, grade.level(), signalList.size()),
        scoring.confidence(base, reading),
        signalList,
        text,
        findings.firedRules(),
        VERSION);
  }
}
