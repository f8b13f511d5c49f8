package dev.mcprisk.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * How the index stage brings the index up to date: rebuild it, or update only the servers whose
 * fingerprint changed since the last successful index stage.
 *
 * @param rebuild true to rebuild the whole index
 * @param reason why it is rebuilt ("no index state", "classifier 0.2.0 -> 0.3.0", ...); empty for
 *     an update
 * @param changed ids of servers added or changed since the last index stage, sorted (empty for a
 *     rebuild)
 * @param removed ids of servers indexed last time and gone now (empty for a rebuild)
 * @param unchanged servers whose fingerprint is the same as last time (0 for a rebuild)
 */
record IndexPlan(
    boolean rebuild, String reason, Set<String> changed, Set<String> removed, int unchanged) {
  /**
   * Largest share of servers (added, changed or removed, over the servers now) that is still
   * updated in place: 0.20 (20 %). Past it a rebuild, which writes one merged segment, is as quick
   * and leaves a compact index.
   */
  static final double MAX_UPDATE_FRACTION = 0.20;

  /** Prefix of Lucene's commit point files. */
  static final String SEGMENTS_PREFIX = "segments_";

  IndexPlan {
    changed = Collections.unmodifiableSortedSet(new TreeSet<>(changed));
    removed = Set.copyOf(removed);
  }

  static IndexPlan rebuild(String reason) {
    return new IndexPlan(true, reason, Set.of(), Set.of(), 0);
  }

  /**
   * Decides how to bring the index at {@code indexDir} to the catalogue of {@code fingerprints}.
   *
   * @param indexDir the index directory
   * @param last the state saved by the last successful index stage; empty when missing or
   *     unreadable
   * @param indexFormat the field model version this build writes
   * @param classifierVersion the classifier version of the catalogue's assessments
   * @param fingerprints {@link CatalogueFingerprints#server} of each server of the catalogue now,
   *     by id
   */
  static IndexPlan decide(
      Path indexDir,
      Optional<IndexState> last,
      String indexFormat,
      String classifierVersion,
      Map<String, String> fingerprints) {
    if (last.isEmpty()) {
      return rebuild("no index state");
    }
    IndexState state = last.get();
    if (!Files.isDirectory(indexDir)) {
      return rebuild("no index");
    }
    if (!indexFormat.equals(state.indexFormat())) {
      return rebuild("index format " + state.indexFormat() + " -> " + indexFormat);
    }
    if (!classifierVersion.equals(state.classifierVersion())) {
      return rebuild("classifier " + state.classifierVersion() + " -> " + classifierVersion);
    }
    List<String> commit = commitOf(indexDir);
    if (commit.isEmpty() || !commit.equals(state.indexCommit())) {
      return rebuild("index written by another run since");
    }
    Set<String> changed = new TreeSet<>();
    fingerprints.forEach(
        (id, fingerprint) -> {
          if (!fingerprint.equals(state.servers().get(id))) {
            changed.add(id);
          }
        });
    Set<String> removed = new TreeSet<>(state.servers().keySet());
    removed.removeAll(fingerprints.keySet());
    int touched = changed.size() + removed.size();
    if (touched > MAX_UPDATE_FRACTION * Math.max(1, fingerprints.size())) {
      return rebuild(
          touched
              + " of "
              + fingerprints.size()
              + " servers changed (over "
              + Math.round(MAX_UPDATE_FRACTION * 100)
              + " %)");
    }
    return new IndexPlan(false, "", changed, removed, fingerprints.size() - changed.size());
  }

  /**
   * The {@code segments_N} files in {@code indexDir} with their modification times ({@code
   * "segments_1@1795278213153"}), sorted: they name its commit points and change with every commit,
   * and a rebuild by another process, which also starts at {@code segments_1}, changes the time.
   * Empty when the folder cannot be listed.
   */
  static List<String> commitOf(Path indexDir) {
    try (Stream<Path> files = Files.list(indexDir)) {
      List<String> out = new ArrayList<>();
      for (Path p : (Iterable<Path>) files::iterator) {
        String name = p.getFileName().toString();
        if (name.startsWith(SEGMENTS_PREFIX)) {
          out.add(name + "@" + Files.getLastModifiedTime(p).toMillis());
        }
      }
      out.sort(null);
      return List.copyOf(out);
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }
}
