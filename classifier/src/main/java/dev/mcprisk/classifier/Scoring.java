package dev.mcprisk.classifier;

import dev.mcprisk.model.Category;
import dev.mcprisk.model.RiskLevel;

/**
 * The score and the confidence of an assessment.
 *
 * <p>Score: 0–100, monotone with the risk level: within the level's band ({@code risk.json}), the
 * band minimum plus {@value #SCORE_PER_DANGER_STEP} per category danger step ({@link
 * Category#danger()}) plus {@value #SCORE_PER_SIGNAL} per signal, capped at the band maximum.
 *
 * <p>Confidence: by where the base action came from (0.85 for a verb in the name, +0.1 when the
 * description's verb agrees; 0.7 from the description's first sentence; 0.65 from the title; 0.5
 * from elsewhere in the description; 0.45 from a read noun; 0.35 from readOnlyHint alone; 0.1 for
 * Other), 0.1 less without a description, kept within 0.05–0.99 and rounded to two decimals.
 *
 * <p>Thread-safe: immutable.
 */
final class Scoring {
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

  private final RiskRules riskRules;
  private final ActionReader actions;

  Scoring(RiskRules riskRules, ActionReader actions) {
    this.riskRules = riskRules;
    this.actions = actions;
  }

  /** The score, 0–100, of {@code category} at {@code level} with {@code signalCount} signals. */
  int score(Category category, RiskLevel level, int signalCount) {
    RiskRules.Band band = riskRules.band(level);
    int extra = SCORE_PER_DANGER_STEP * category.danger() + SCORE_PER_SIGNAL * signalCount;
    return band.min() + Math.min(band.max() - band.min(), extra);
  }

  /** The confidence, 0–1 rounded to two decimals, in the base action. */
  double confidence(BaseAction base, ToolReading tool) {
    ActionSource source = base.source();
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
    if (source == ActionSource.NAME) {
      Action described =
          actions.actionFrom(
              tool,
              tool.firstSentenceWords(),
              "the description",
              RuleIds.FIRST_SENTENCE_VERB,
              null);
      if (described != null && described.category() == base.action().category()) {
        value += CONFIDENCE_AGREEMENT_BONUS;
      }
    }
    if (!tool.facts().hasDescription()) {
      value -= EMPTY_DESCRIPTION_PENALTY;
    }
    value = Math.max(CONFIDENCE_MIN, Math.min(CONFIDENCE_MAX, value));
    return Math.round(value * 100) / 100.0;
  }
}
