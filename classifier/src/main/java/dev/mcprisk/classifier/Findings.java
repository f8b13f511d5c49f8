package dev.mcprisk.classifier;

import dev.mcprisk.model.Signal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What one classification has found so far: the rule ids that fired (in firing order, each once),
 * the rationale's notes, the signals with up to {@value Classifier#MAX_EVIDENCE_PER_SIGNAL} pieces
 * of evidence each, the sentences about a deceptive name, and the cause that decided the category
 * when it is not the base action.
 *
 * <p>Not thread-safe: made for one {@link Classifier#classify} call and confined to its thread.
 */
final class Findings {
  private final Set<String> rules = new LinkedHashSet<>();
  private final List<String> notes = new ArrayList<>();
  private final Map<String, List<String>> signals = new LinkedHashMap<>();
  private final List<String> deceptiveSentences = new ArrayList<>();
  private String decisive;

  /** Records the rules and notes of {@code action}. */
  void add(Action action) {
    rules.addAll(action.rules());
    notes.addAll(action.notes());
  }

  void rule(String id) {
    rules.add(id);
  }

  void rules(Collection<String> ids) {
    rules.addAll(ids);
  }

  /** A clause of the rationale, in order. */
  void note(String note) {
    notes.add(note);
  }

  void notes(Collection<String> clauses) {
    notes.addAll(clauses);
  }

  /** Records what decided the category, e.g. "'delete' in the description". */
  void decide(String cause) {
    decisive = cause;
  }

  /** What decided the category, or null when the base action did. */
  String decisive() {
    return decisive;
  }

  /**
   * Adds one piece of evidence to signal {@code id} (kept when new and under the cap) and records
   * {@code ruleId}.
   */
  void signal(String id, String evidence, String ruleId) {
    List<String> list = signals.computeIfAbsent(id, k -> new ArrayList<>());
    if (list.size() < Classifier.MAX_EVIDENCE_PER_SIGNAL && !list.contains(evidence)) {
      list.add(evidence);
    }
    rules.add(ruleId);
  }

  boolean hasSignal(String id) {
    return signals.containsKey(id);
  }

  boolean anySignal(Predicate<String> id) {
    return signals.keySet().stream().anyMatch(id);
  }

  /** The first evidence of signal {@code id}; the signal must be present. */
  String firstEvidence(String id) {
    return signals.get(id).get(0);
  }

  void dropSignal(String id) {
    signals.remove(id);
  }

  void dropSignals(Predicate<String> id) {
    signals.keySet().removeIf(id);
  }

  /** A rationale sentence about a deceptive name. */
  void deceptiveSentence(String sentence) {
    deceptiveSentences.add(sentence);
  }

  List<String> deceptiveSentences() {
    return deceptiveSentences;
  }

  List<String> notes() {
    return notes;
  }

  /** The rule ids fired so far, in firing order. */
  List<String> firedRules() {
    return List.copyOf(rules);
  }

  /** The signals in {@code order}, each with its evidence joined by {@code "; "}. */
  List<Signal> orderedSignals(List<String> order) {
    List<Signal> out = new ArrayList<>();
    for (String id : order) {
      List<String> evidence = signals.get(id);
      if (evidence != null) {
        out.add(new Signal(id, String.join("; ", evidence)));
      }
    }
    return out;
  }
}
