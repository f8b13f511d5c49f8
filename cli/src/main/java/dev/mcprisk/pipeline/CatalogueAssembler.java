package dev.mcprisk.pipeline;

import dev.mcprisk.classifier.Classifier;
import dev.mcprisk.classifier.ServerContext;
import dev.mcprisk.classifier.policy.PolicyAdvisor;
import dev.mcprisk.model.AssessedTool;
import dev.mcprisk.model.Assessment;
import dev.mcprisk.model.CatalogueServer;
import dev.mcprisk.store.CatalogueStore;
import dev.mcprisk.store.StoreException;
import dev.mcprisk.store.StoredServer;
import dev.mcprisk.store.StoredTool;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads the stored catalogue and gives every tool its assessment (from the cache keyed by
 * definition hash and classifier version, else from the classifier) and its balanced policy
 * recommendation: the list that the index and the exports consume.
 *
 * <p>Thread-safe: stateless; the store serialises its own calls.
 */
public final class CatalogueAssembler {
  private CatalogueAssembler() {}

  /**
   * The assembled catalogue.
   *
   * @param servers every stored server sorted by id, tools sorted by name
   * @param fresh assessments computed now, by definition hash (not yet saved)
   * @param cached tools whose assessment came from the cache
   */
  public record Assembled(
      List<CatalogueServer> servers, Map<String, Assessment> fresh, int cached) {}

  /**
   * Loads and assesses the catalogue, then saves the new assessments to the cache.
   *
   * @throws StoreException when the store cannot be read or written
   */
  public static Assembled assemble(CatalogueStore store, Classifier classifier)
      throws StoreException {
    List<StoredServer> stored = store.loadServers();
    Map<String, Assessment> fresh = new TreeMap<>();
    List<CatalogueServer> catalogue = new ArrayList<>(stored.size());
    int cached = 0;
    for (StoredServer server : stored) {
      ServerContext context =
          new ServerContext(server.entry().name(), server.entry().description());
      List<AssessedTool> tools = new ArrayList<>(server.tools().size());
      for (StoredTool tool : server.tools()) {
        Assessment assessment = fresh.get(tool.definitionHash());
        if (assessment == null) {
          Optional<Assessment> hit =
              store.findAssessment(tool.definitionHash(), classifier.version());
          if (hit.isPresent()) {
            assessment = hit.get();
            cached++;
          } else {
            assessment = classifier.classify(tool.definition(), context);
            fresh.put(tool.definitionHash(), assessment);
          }
        }
        tools.add(
            new AssessedTool(
                tool.definition(),
                tool.definitionHash(),
                tool.origin(),
                assessment,
                PolicyAdvisor.recommend(tool.definition(), assessment)));
      }
      tools.sort(Comparator.comparing(t -> t.tool().name()));
      catalogue.add(new CatalogueServer(server.entry(), server.latestCrawl(), tools));
    }
    store.saveAssessments(fresh);
    return new Assembled(catalogue, fresh, cached);
  }
}
