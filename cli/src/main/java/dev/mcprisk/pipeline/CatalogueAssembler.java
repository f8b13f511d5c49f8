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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Reads the stored catalogue and gives every tool its assessment (from the cache keyed by
 * definition hash and classifier version, else from the classifier) and its balanced policy
 * recommendation: the list that the index and the exports consume. Used by the pipeline's classify
 * stage and by {@code mcprisk export}.
 *
 * <p>Thread-safe: stateless; the store serialises its own calls.
 */
public final class CatalogueAssembler {
  private CatalogueAssembler() {}

  /**
   * The assembled catalogue.
   *
   * @param servers every stored server sorted by id, tools sorted by name
   * @param fresh assessments computed now, by definition hash (saved to the cache)
   * @param byHash every assessment used, by definition hash
   * @param contexts the server context each server's tools were classified with, by server id
   * @param cached tools whose assessment came from the cache
   */
  public record Assembled(
      List<CatalogueServer> servers,
      Map<String, Assessment> fresh,
      Map<String, Assessment> byHash,
      Map<String, ServerContext> contexts,
      int cached) {}

  /**
   * Loads and assesses the catalogue, then saves the new assessments to the cache.
   *
   * @throws StoreException when the store cannot be read or written
   */
  public static Assembled assemble(CatalogueStore store, Classifier classifier)
      throws StoreException {
    return assemble(store, classifier, serverId -> {});
  }

  /**
   * As {@link #assemble(CatalogueStore, Classifier)}, calling {@code beforeServer} with each server
   * id before its tools are assessed (the pipeline's stop check: it may throw an unchecked
   * exception to stop, and then nothing is saved).
   *
   * @throws StoreException when the store cannot be read or written
   */
  public static Assembled assemble(
      CatalogueStore store, Classifier classifier, Consumer<String> beforeServer)
      throws StoreException {
    List<StoredServer> stored = store.loadServers();
    Map<String, Assessment> fresh = new TreeMap<>();
    Map<String, Assessment> byHash = new HashMap<>();
    Map<String, ServerContext> contexts = new HashMap<>();
    Set<String> fromCache = new HashSet<>();
    List<CatalogueServer> catalogue = new ArrayList<>(stored.size());
    int cached = 0;
    for (StoredServer server : stored) {
      beforeServer.accept(server.entry().id());
      ServerContext context =
          new ServerContext(server.entry().name(), server.entry().description());
      contexts.put(server.entry().id(), context);
      List<AssessedTool> tools = new ArrayList<>(server.tools().size());
      for (StoredTool tool : server.tools()) {
        Assessment assessment = byHash.get(tool.definitionHash());
        if (assessment == null) {
          Optional<Assessment> hit =
              store.findAssessment(tool.definitionHash(), classifier.version());
          if (hit.isPresent()) {
            assessment = hit.get();
            fromCache.add(tool.definitionHash());
          } else {
            assessment = classifier.classify(tool.definition(), context);
            fresh.put(tool.definitionHash(), assessment);
          }
          byHash.put(tool.definitionHash(), assessment);
        }
        if (fromCache.contains(tool.definitionHash())) {
          cached++;
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
    return new Assembled(catalogue, fresh, byHash, contexts, cached);
  }
}
