/**
 * Measures the classifier against hand-labelled real tools: {@link
 * dev.mcprisk.classifier.eval.LabelSet} reads a JSON Lines labels file ({@link
 * dev.mcprisk.classifier.eval.LabelledTool}, split into dev and holdout by {@link
 * dev.mcprisk.classifier.eval.Split}), {@link dev.mcprisk.classifier.eval.Evaluation} classifies
 * each tool and makes an {@link dev.mcprisk.classifier.eval.EvalReport} (accuracy, per-category
 * recall and precision, errors). {@link dev.mcprisk.classifier.eval.BundledListings} reads the
 * bundled {@code tools/list} captures the labels refer to. The method and the figures:
 * EVALUATION.md.
 */
package dev.mcprisk.classifier.eval;
