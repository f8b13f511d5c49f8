package dev.mcprisk.pipeline;

import dev.mcprisk.classifier.Classifier;
import dev.mcprisk.files.FileTrees;
import dev.mcprisk.index.CatalogueIndexer;
import dev.mcprisk.index.IndexDefaults;
import dev.mcprisk.json.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stage 5: brings the index up to date with the catalogue. Updates in place only the servers whose
 * index digest ({@link dev.mcprisk.store.ServerDigest#indexDigest}, read by the classify stage's
 * pass without assembling a server) differs from the one saved by the last successful index stage,
 * reading just those servers ({@link StoredCatalogue#only}), and deletes the servers gone since. It
 * rebuilds instead when {@link IndexPlan#decide} says so (no or unreadable state, an index missing
 * or written by another run, another index format or classifier version, or more than {@link
 * IndexPlan#MAX_UPDATE_FRACTION} of the servers changed).
 *
 * <p>Crash safety: the state file ({@value IndexState#FILE}) is deleted before the index is touched
 * and written (atomically) only after its commit or swap succeeded, so it always describes the
 * index on disk or is absent; absent means the next run rebuilds.
 */
final class IndexStage {
  private IndexStage() {}

  /**
   * What the index stage did.
   *
   * @param plan the rebuild or update it carried out
   * @param tools tools in the catalogue
   * @param servers servers in the catalogue
   * @param bytes bytes of the index on disk after the stage; -1 when they cannot be measured
   */
  record Report(IndexPlan plan, int tools, int servers, long bytes) implements StageReport {
    @Override
    public String result() {
      String how;
      if (plan.rebuild()) {
        how = "rebuilt (" + plan.reason() + "): ";
      } else if (plan.changed().isEmpty() && plan.removed().isEmpty()) {
        how = "updated 0 servers, " + plan.unchanged() + " unchanged (skipped): ";
      } else {
        how =
            "updated "
                + plan.changed().size()
                + " servers, "
                + plan.removed().size()
                + " removed, "
                + plan.unchanged()
                + " unchanged (skipped): ";
      }
      return how + tools + " tools and " + servers + " servers, " + bytes + " bytes";
    }

    @Override
    public Map<String, Long> counts() {
      Map<String, Long> counts = new TreeMap<>();
      counts.put("tools", (long) tools);
      counts.put("servers", (long) servers);
      counts.put("bytes", bytes);
      counts.put("rebuilt", plan.rebuild() ? 1L : 0L);
      counts.put("serversUpdated", (long) (plan.rebuild() ? servers : plan.changed().size()));
      counts.put("serversRemoved", (long) plan.removed().size());
      counts.put("serversUnchanged", (long) plan.unchanged());
      return counts;
    }
  }

  static Report run(PipelineConfig config, StoredCatalogue catalogue, CatalogueTally tally)
      throws IOException {
    Path stateFile = config.home().resolve(IndexState.FILE);
    IndexPlan plan =
        IndexPlan.decide(
            config.indexDir(),
            StateFiles.read(stateFile, IndexState.class, IndexState.VERSION),
            IndexDefaults.INDEX_FORMAT_VERSION,
            Classifier.VERSION,
            tally.indexDigests());
    long bytes;
    if (plan.rebuild()) {
      StateFiles.delete(stateFile);
      bytes = CatalogueIndexer.rebuild(config.indexDir(), catalogue.withoutHistory()).bytes();
      saveState(config, stateFile, tally.indexDigests());
    } else if (plan.changed().isEmpty() && plan.removed().isEmpty()) {
      bytes = indexBytes(config.indexDir());
    } else {
      StateFiles.delete(stateFile);
      bytes =
          CatalogueIndexer.update(config.indexDir(), catalogue.only(plan.changed()), plan.removed())
              .bytes();
      saveState(config, stateFile, tally.indexDigests());
    }
    return new Report(plan, tally.tools(), tally.servers(), bytes);
  }

  private static void saveState(
      PipelineConfig config, Path stateFile, Map<String, String> indexDigests) throws IOException {
    StateFiles.write(
        stateFile,
        new IndexState(
            IndexState.VERSION,
            IndexDefaults.INDEX_FORMAT_VERSION,
            Classifier.VERSION,
            IndexPlan.commitOf(config.indexDir()),
            Json.sha256Hex(Json.write(indexDigests)),
            indexDigests));
  }

  /** Bytes of the index on disk, or -1 when it cannot be measured (the figure is informative). */
  private static long indexBytes(Path indexDir) {
    try {
      return FileTrees.size(indexDir);
    } catch (IOException e) {
      return -1;
    }
  }
}
