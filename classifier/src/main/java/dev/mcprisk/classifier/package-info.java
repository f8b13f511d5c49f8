/**
 * The deterministic risk classifier for MCP tools: {@link dev.mcprisk.classifier.Classifier} turns
 * one tool definition and its {@link dev.mcprisk.classifier.ServerContext} into an {@link
 * dev.mcprisk.model.Assessment} (category, risk level, score, confidence, signals, rationale, rule
 * ids).
 *
 * <p>The public API is {@code Classifier} and {@code ServerContext}; everything else is the
 * classifier's inside. The steps of {@link dev.mcprisk.classifier.Classifier#classify}, each its
 * own class: {@code ActionReader} (the action from the name's or description's verbs), {@code
 * CategoryWidening} and {@code ParameterOptions} (what else the tool can do), {@code
 * ReadOnlyDemotion}, {@code SignalCollector} with {@code DeceptiveNames}, {@code SignalConversion},
 * {@code AnnotationContradictions}, {@code RiskGrading}, {@code Scoring} and {@code Rationale}; one
 * call's state is a {@code ToolReading} (the tool's words, from {@code ToolFacts}) and its {@code
 * Findings}. The rules are data: {@code Lexicon}, {@code SignalRules} and {@code RiskRules} load
 * {@code lexicon.json}, {@code signals.json} and {@code risk.json} from this package's resources
 * ({@code DataFile}).
 */
package dev.mcprisk.classifier;
