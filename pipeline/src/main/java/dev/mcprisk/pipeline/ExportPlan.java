package dev.mcprisk.pipeline;

import dev.mcprisk.classifier.Classifier;
import dev.mcprisk.export.CatalogueJsonWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * How the export stage brings the export folder up to date: leave it ({@link Kind#UNCHANGED}),
 * update only the servers that changed ({@link Kind#UPDATE}), or write it anew ({@link
 * Kind#REWRITE}).
 *
 * <p>Unchanged when the folder would hold what the last successful export wrote: same catalogue
 * fingerprint ({@link CatalogueTally#exportFingerprint}: every server's export digest), classifier
 * version and schema version, and the export folder as that export left it ({@link
 * ExportState#stampOf}). An update under the same conditions but for the catalogue, when at most
 * {@link #MAX_UPDATE_FRACTION} of the servers were added, changed or removed. Otherwise a rewrite.
 *
 * @param kind what to do
 * @param last the last export's state when it describes this folder (for {@code UNCHANGED} and
 *     {@code UPDATE}); empty otherwise
 * @param changed ids of servers added or changed since the last export, sorted (only for an update)
 * @param removed ids of servers exported last time and gone now, sorted (only for an update)
 */
record ExportPlan(Kind kind, Optional<ExportState> last, Set<String> changed, Set<String> removed) {
  /** What the export stage does. */
  enum Kind {
    /** Keep the folder and the last export's figures. */
    UNCHANGED,
    /** Write only the changed servers' lines and policy files; copy the other lines. */
    UPDATE,
    /** Write the whole folder anew. */
    REWRITE
  }

  /**
   * Largest share of servers (added, changed or removed, over the servers now) that is still
   * updated in place: 0.20 (20 %). Past it, writing anew costs about the same as copying.
   */
  static final double MAX_UPDATE_FRACTION = 0.20;

  ExportPlan {
    changed = Collections.unmodifiableSortedSet(new TreeSet<>(changed));
    removed = Collections.unmodifiableSortedSet(new TreeSet<>(removed));
  }

  /**
   * Decides how to bring {@code exportDir} to the catalogue counted in {@code tally}.
   *
   * @param exportDir the export folder
   * @param last the state saved by the last successful export stage; empty when missing or
   *     unreadable
   * @param tally the catalogue now: its fingerprint, server count and export digests by id
   */
  static ExportPlan decide(Path exportDir, Optional<ExportState> last, CatalogueTally tally) {
    boolean sameFolder =
        last.isPresent()
            && last.get().classifierVersion().equals(Classifier.VERSION)
            && last.get().schemaVersion().equals(CatalogueJsonWriter.SCHEMA_VERSION)
            && Files.isDirectory(exportDir)
            && last.get().files().equals(ExportState.stampOf(exportDir));
    if (!sameFolder) {
      return new ExportPlan(Kind.REWRITE, Optional.empty(), Set.of(), Set.of());
    }
    if (last.get().fingerprint().equals(tally.exportFingerprint())) {
      return new ExportPlan(Kind.UNCHANGED, last, Set.of(), Set.of());
    }
    Map<String, String> before = last.get().servers();
    Set<String> changed = new TreeSet<>();
    tally
        .exportDigests()
        .forEach(
            (id, digest) -> {
              if (!digest.equals(before.get(id))) {
                changed.add(id);
              }
            });
    Set<String> removed = new TreeSet<>(before.keySet());
    removed.removeAll(tally.exportDigests().keySet());
    if (changed.size() + removed.size() <= MAX_UPDATE_FRACTION * Math.max(1, tally.servers())) {
      return new ExportPlan(Kind.UPDATE, last, changed, removed);
    }
    return new ExportPlan(Kind.REWRITE, last, Set.of(), Set.of());
  }
}
