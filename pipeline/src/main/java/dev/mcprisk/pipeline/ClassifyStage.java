package dev.mcprisk.pipeline;

import dev.mcprisk.classifier.Classifier;
import dev.mcprisk.store.CatalogueStore;
import dev.mcprisk.store.StoreException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stage 4: assesses every current tool without a cached assessment, page by page ({@link
 * CatalogueAssembler#assessAll}), then records the run's risk changes ({@link RiskChanges}).
 */
final class ClassifyStage {
  private ClassifyStage() {}

  /**
   * What the classify stage did.
   *
   * @param catalogue the assessed catalogue, paged out of the store by the index and export stages
   * @param tally the catalogue's figures and digests, counted in the same pass
   * @param classified definitions classified
   * @param fromCache definitions whose assessment came from the cache
   * @param riskChanges RISK_CHANGED events added
   * @param suspectedRugPulls tools marked {@code suspectedRugPull}
   */
  record Report(
      StoredCatalogue catalogue,
      CatalogueTally tally,
      int classified,
      int fromCache,
      int riskChanges,
      int suspectedRugPulls)
      implements StageReport {
    @Override
    public String result() {
      return classified
          + " definitions classified, "
          + fromCache
          + " from cache (skipped), "
          + riskChanges
          + " risk changes, "
          + suspectedRugPulls
          + " suspected rug pulls";
    }

    @Override
    public Map<String, Long> counts() {
      Map<String, Long> counts = new TreeMap<>();
      counts.put("classified", (long) classified);
      counts.put("fromCache", (long) fromCache);
      counts.put("riskChanges", (long) riskChanges);
      counts.put("suspectedRugPulls", (long) suspectedRugPulls);
      return counts;
    }
  }

  static Report run(CatalogueStore store, StopSignal stop, RunJournal journal)
      throws StoreException {
    Classifier classifier = Classifier.loadDefault();
    CatalogueTally tally = CatalogueTally.empty();
    CatalogueAssembler.Assessed assessed =
        CatalogueAssembler.assessAll(
            store,
            classifier,
            id -> RunStopped.checkpoint(stop, "in the classify stage, before the page up to " + id),
            tally);
    CatalogueTally finished = tally.finish();
    if (tally.unassessedTools() != 0) {
      // every tool read without an assessment was assessed in the same pass: a bug if not
      journal.note(
          tally.unassessedTools()
              + " tools left without an assessment by the classify stage; counts may be off");
    }
    int classified = assessed.classified();
    int fromCache = Math.toIntExact(assessed.cached());
    journal.assessed(classified, fromCache);
    RiskChanges.Found found = RiskChanges.record(store, classifier, journal.runId());
    journal.changes(found.riskEvents());
    journal.suspectedRugPulls(found.suspectedRugPulls());
    return new Report(
        new StoredCatalogue(store, classifier),
        finished,
        classified,
        fromCache,
        found.riskEvents(),
        found.suspectedRugPulls());
  }
}
