package dev.mcprisk.pipeline;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.mcprisk.classifier.Classifier;
import dev.mcprisk.classifier.ServerContext;
import dev.mcprisk.model.Assessment;
import dev.mcprisk.store.CatalogueStore;
import dev.mcprisk.store.ChangeKind;
import dev.mcprisk.store.StoreException;
import dev.mcprisk.store.ToolChange;
import dev.mcprisk.store.ToolKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The classify stage's change detection: for each tool whose definition changed in this run, a
 * RISK_CHANGED event when its risk level moved, and the mark {@code suspectedRugPull} on the run's
 * events of a tool whose change added a {@value Classifier#TOOL_POISONING} signal or raised its
 * risk level (a "rug pull": a tool turned hostile after it was trusted).
 */
final class RiskChanges {
  /**
   * What was found.
   *
   * @param riskEvents RISK_CHANGED events added
   * @param suspectedRugPulls tools marked {@code suspectedRugPull}
   */
  record Found(int riskEvents, int suspectedRugPulls) {}

  private RiskChanges() {}

  /**
   * Compares each changed tool's assessment with its previous definition's (from the cache, or
   * classified again) and records the events and marks in the store.
   *
   * @throws StoreException when the store cannot be read or written
   */
  static Found record(CatalogueStore store, Classifier classifier, long runId)
      throws StoreException {
    Map<ToolKey, ToolChange> changed = new LinkedHashMap<>();
    for (ToolChange change : store.changesOfRun(runId)) {
      if (change.oldHash() != null && change.newHash() != null) {
        changed.putIfAbsent(change.key(), change);
      }
    }
    List<ToolChange> riskEvents = new ArrayList<>();
    Set<ToolKey> suspected = new LinkedHashSet<>();
    Map<String, ServerContext> contexts = new HashMap<>();
    for (ToolChange change : changed.values()) {
      Optional<Assessment> found = store.findAssessment(change.newHash(), classifier.version());
      if (found.isEmpty()) {
        continue; // the tool changed twice in this run and its middle definition is gone
      }
      Assessment now = found.get();
      ServerContext context = contexts.get(change.serverId());
      if (context == null) {
        context =
            store
                .findServer(change.serverId())
                .map(e -> new ServerContext(e.name(), e.description()))
                .orElse(new ServerContext(change.serverId(), null));
        contexts.put(change.serverId(), context);
      }
      Optional<Assessment> before = earlierAssessment(store, classifier, change, context);
      if (before.isEmpty()) {
        continue;
      }
      Assessment was = before.get();
      boolean raised = now.riskLevel().ordinal() > was.riskLevel().ordinal();
      boolean poisoned =
          now.signalIds().contains(Classifier.TOOL_POISONING)
              && !was.signalIds().contains(Classifier.TOOL_POISONING);
      if (now.riskLevel() != was.riskLevel()) {
        riskEvents.add(
            new ToolChange(
                0,
                runId,
                change.serverId(),
                change.toolName(),
                ChangeKind.RISK_CHANGED,
                change.at(),
                TextNode.valueOf(was.riskLevel().label()),
                TextNode.valueOf(now.riskLevel().label()),
                change.oldHash(),
                change.newHash(),
                raised || poisoned));
      }
      if (raised || poisoned) {
        suspected.add(change.key());
      }
    }
    store.recordAssessedChanges(runId, riskEvents, suspected);
    return new Found(riskEvents.size(), suspected.size());
  }

  private static Optional<Assessment> earlierAssessment(
      CatalogueStore store, Classifier classifier, ToolChange change, ServerContext context)
      throws StoreException {
    Optional<Assessment> cached = store.findAssessment(change.oldHash(), classifier.version());
    if (cached.isPresent()) {
      return cached;
    }
    return store
        .definition(change.serverId(), change.toolName(), change.oldHash())
        .map(old -> classifier.classify(old, context));
  }
}
