package dev.mcprisk.pipeline;

import dev.mcprisk.classifier.Classifier;
import dev.mcprisk.classifier.ServerContext;
import dev.mcprisk.export.ToolDates;
import dev.mcprisk.export.ToolHistoryLookup;
import dev.mcprisk.export.policy.PolicyAdvisor;
import dev.mcprisk.model.AssessedTool;
import dev.mcprisk.model.Assessment;
import dev.mcprisk.model.CatalogueServer;
import dev.mcprisk.store.CatalogueStore;
import dev.mcprisk.store.StoreException;
import dev.mcprisk.store.StoredPage;
import dev.mcprisk.store.StoredServer;
import dev.mcprisk.store.StoredTool;
import dev.mcprisk.store.ToolHistory;
import dev.mcprisk.store.ToolKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The stored catalogue as an {@link Iterable} that pages out of the store ({@link
 * CatalogueStore#cataloguePage}, {@value #PAGE_SERVERS} servers a page): every server sorted by id
 * (ordinal), tools sorted by name, each tool with its cached assessment under the classifier's
 * version (or, when none is cached, one computed now and not saved) and its balanced policy
 * recommendation. Memory is bounded by a page; each {@link #iterator()} reads the store again.
 *
 * <p>{@link #history()} answers the tool dates of the servers of the pages read last (the page
 * being iterated and the {@value #HISTORY_PAGES} before it), so an exporter asking for the tools of
 * the server it was just given finds them without loading the whole history.
 *
 * <p>Errors: a store failure while iterating is thrown as {@link UncheckedStoreException}.
 *
 * <p>Not thread-safe: iterate from one thread at a time.
 */
public final class StoredCatalogue implements Iterable<CatalogueServer> {
  /** Servers read from the store per page: 500 (about 6,000 tools, a few MB). */
  public static final int PAGE_SERVERS = 500;

  /** Origin of tools read from a package's README ({@code CatalogueStore.METHOD_README}). */
  static final String README_ORIGIN = CatalogueStore.METHOD_README;

  /**
   * Confidence of a README tool's assessment relative to a listed tool's: 0.6. The README
   * extractor's own name precision and recall are about 0.7 (crawler's ReadmeExtractionEvaluation).
   */
  public static final double README_CONFIDENCE_FACTOR = 0.6;

  /** Appended to the rationale of a README tool's assessment. */
  static final String README_NOTE =
      " Known only from the package's README, not from the server's tools/list: lower confidence.";

  /** Pages whose tool history {@link #history()} keeps: 2. */
  static final int HISTORY_PAGES = 2;

  private final CatalogueStore store;
  private final Classifier classifier;
  private final boolean withHistory;
  private final Deque<StoredPage> recent = new ArrayDeque<>();
  private long classifiedNow;

  /**
   * @param store the store to page out of; its calls are serialised by the store
   * @param classifier whose version selects the cached assessments and which assesses a tool
   *     without one
   */
  public StoredCatalogue(CatalogueStore store, Classifier classifier) {
    this(store, classifier, true);
  }

  private StoredCatalogue(CatalogueStore store, Classifier classifier, boolean withHistory) {
    this.store = Objects.requireNonNull(store, "store == null");
    this.classifier = Objects.requireNonNull(classifier, "classifier == null");
    this.withHistory = withHistory;
  }

  /**
   * The same catalogue read without the tool history (its {@link #history()} answers null): a fifth
   * less to read per page, for the index, which holds no tool dates.
   */
  public StoredCatalogue withoutHistory() {
    return new StoredCatalogue(store, classifier, false);
  }

  /** Tools assessed while iterating because no assessment was cached (not saved). */
  public long classifiedNow() {
    return classifiedNow;
  }

  /** Tool dates of the servers of the last pages read; null for any other tool. */
  public ToolHistoryLookup history() {
    return (serverId, toolName) -> {
      ToolKey key = new ToolKey(serverId, toolName);
      for (StoredPage page : recent) {
        ToolHistory h = page.history().get(key);
        if (h != null) {
          return new ToolDates(h.firstSeen(), h.lastChanged());
        }
      }
      return null;
    };
  }

  /**
   * The servers of {@code ids} that are stored, in id order, read {@value #PAGE_SERVERS} at a time
   * by id ({@link CatalogueStore#catalogueServers}) rather than by paging the whole catalogue: for
   * the few servers an incremental run changed. {@link #history()} answers for them as for {@link
   * #iterator()}.
   *
   * @param ids server ids, in any order; ids of no stored server are skipped
   */
  public Iterable<CatalogueServer> only(Collection<String> ids) {
    List<String> sorted = new ArrayList<>(new TreeSet<>(ids));
    return () ->
        new Pages() {
          private int nextId;

          @Override
          StoredPage nextPage(StoredPage last) throws StoreException {
            if (nextId >= sorted.size()) {
              return null;
            }
            List<String> chunk =
                sorted.subList(nextId, Math.min(sorted.size(), nextId + PAGE_SERVERS));
            nextId += chunk.size();
            return store.catalogueServers(chunk, classifier.version());
          }
        };
  }

  private void remember(StoredPage page) {
    recent.addFirst(page);
    while (recent.size() > HISTORY_PAGES + 1) {
      recent.removeLast();
    }
  }

  @Override
  public Iterator<CatalogueServer> iterator() {
    return new Pages() {
      @Override
      StoredPage nextPage(StoredPage last) throws StoreException {
        if (last != null && last.servers().size() < PAGE_SERVERS) {
          return null; // a short page was the last
        }
        String after = last == null ? null : last.lastServerId();
        return store.cataloguePage(after, PAGE_SERVERS, classifier.version(), withHistory);
      }
    };
  }

  /**
   * The servers of page after page, each assembled when it is yielded; the pages are remembered for
   * {@link #history()}.
   */
  private abstract class Pages implements Iterator<CatalogueServer> {
    private StoredPage page;
    private int next;
    private boolean done;

    /** The page after {@code last} (null for the first), or null when there is none. */
    abstract StoredPage nextPage(StoredPage last) throws StoreException;

    @Override
    public boolean hasNext() {
      while (!done && (page == null || next >= page.servers().size())) {
        StoredPage read;
        try {
          read = nextPage(page);
        } catch (StoreException e) {
          throw new UncheckedStoreException(e);
        }
        if (read == null || read.servers().isEmpty()) {
          done = true;
        } else {
          page = read;
          next = 0;
          remember(page);
        }
      }
      return !done;
    }

    @Override
    public CatalogueServer next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return assemble(page.servers().get(next++), page);
    }
  }

  /**
   * The assessment of a tool known only from its package's README: the same category, risk level
   * and score, a confidence times {@link #README_CONFIDENCE_FACTOR} (the definition is what the
   * authors wrote down, not what the server lists), and a rationale that says so.
   */
  static Assessment fromReadme(Assessment a) {
    return new Assessment(
        a.category(),
        a.riskLevel(),
        a.score(),
        Math.round(a.confidence() * README_CONFIDENCE_FACTOR * 1000) / 1000.0,
        a.signals(),
        a.rationale() + README_NOTE,
        a.rules(),
        a.classifierVersion());
  }

  private CatalogueServer assemble(StoredServer server, StoredPage page) {
    ServerContext context = new ServerContext(server.entry().name(), server.entry().description());
    List<AssessedTool> tools = new ArrayList<>(server.tools().size());
    for (StoredTool tool : server.tools()) {
      Assessment assessment = page.assessments().get(tool.definitionHash());
      if (assessment == null) {
        assessment = classifier.classify(tool.definition(), context);
        classifiedNow++;
      }
      if (README_ORIGIN.equals(tool.origin())) {
        assessment = fromReadme(assessment);
      }
      tools.add(
          new AssessedTool(
              tool.definition(),
              tool.definitionHash(),
              tool.origin(),
              assessment,
              PolicyAdvisor.recommend(tool.definition(), assessment)));
    }
    return new CatalogueServer(server.entry(), server.latestCrawl(), tools);
  }
}
