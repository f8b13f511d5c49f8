package dev.mcprisk.pipeline;

import dev.mcprisk.classifier.Classifier;
import dev.mcprisk.classifier.ServerContext;
import dev.mcprisk.model.Assessment;
import dev.mcprisk.store.AssessmentPage;
import dev.mcprisk.store.CatalogueStore;
import dev.mcprisk.store.StoreException;
import dev.mcprisk.store.ToolToAssess;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Gives every current tool of the store an assessment: from the cache keyed by definition hash and
 * classifier version, else from the classifier, saved to the cache page by page ({@link
 * #assessAll}). The assessed catalogue is then read with {@link StoredCatalogue}. Used by the
 * pipeline's classify stage and by {@code mcprisk export}, which then pages the catalogue out with
 * {@link StoredCatalogue}.
 *
 * <p>Memory: one page of {@value #PAGE_SERVERS} servers' tools at a time, plus the hash of each
 * definition assessed in this call (about 150 bytes each).
 *
 * <p>Thread-safe: stateless; the store serialises its own calls.
 */
public final class CatalogueAssembler {
  /** Servers whose tools are read, assessed and saved together: 500. */
  public static final int PAGE_SERVERS = 500;

  private CatalogueAssembler() {}

  /**
   * What {@link #assessAll} did.
   *
   * @param classified distinct definitions assessed now (and saved to the cache)
   * @param cached tools whose assessment came from the cache (assessed in an earlier call)
   * @param tools current tools of stored servers
   */
  public record Assessed(int classified, long cached, long tools) {}

  /**
   * Assesses every current tool without a cached assessment under {@code classifier}'s version,
   * {@value #PAGE_SERVERS} servers at a time (keyset by server id), saving each page's new
   * assessments in one batch. A definition shared by several tools is assessed once, with the
   * context (name, description) of the first server listing it.
   *
   * @param beforePage called with the id of each page's last server before the page is assessed
   *     (the pipeline's stop check: it may throw an unchecked exception to stop; pages already
   *     saved stay cached)
   * @throws StoreException when the store cannot be read or written
   */
  public static Assessed assessAll(
      CatalogueStore store, Classifier classifier, Consumer<String> beforePage)
      throws StoreException {
    return assessAll(store, classifier, beforePage, CatalogueTally.empty());
  }

  /**
   * As {@link #assessAll(CatalogueStore, Classifier, Consumer)}, adding every page's server digests
   * and tool counts to {@code tally} (the newly assessed tools by their new assessment); the caller
   * then calls {@link CatalogueTally#finish}.
   */
  static Assessed assessAll(
      CatalogueStore store,
      Classifier classifier,
      Consumer<String> beforePage,
      CatalogueTally tally)
      throws StoreException {
    Set<String> fresh = new HashSet<>();
    long cached = 0;
    long tools = 0;
    String after = null;
    while (true) {
      AssessmentPage page = store.assessmentPage(after, PAGE_SERVERS, classifier.version());
      if (page.lastServerId() == null) {
        break;
      }
      beforePage.accept(page.lastServerId());
      for (String hash : page.cachedHashes()) {
        tools++;
        if (!fresh.contains(hash)) {
          cached++;
        }
      }
      Map<String, Assessment> now = new LinkedHashMap<>();
      for (ToolToAssess tool : page.toAssess()) {
        tools++;
        if (!now.containsKey(tool.definitionHash())) {
          now.put(
              tool.definitionHash(),
              classifier.classify(
                  tool.definition(),
                  new ServerContext(tool.serverName(), tool.serverDescription())));
        }
      }
      store.saveAssessments(now);
      fresh.addAll(now.keySet());
      tally.add(page.digests());
      for (ToolToAssess tool : page.toAssess()) {
        Assessment a = now.get(tool.definitionHash());
        tally.addAssessed(a.category(), a.riskLevel());
      }
      after = page.lastServerId();
    }
    return new Assessed(fresh.size(), cached, tools);
  }
}
