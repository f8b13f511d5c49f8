package dev.mcprisk.pipeline.source;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The sources a run reads, in order: registry entries (stage 1) and tool lists (stage 2).
 *
 * @param entrySources run in order into one entry sink; not empty
 * @param toolSources run in order into one tool sink (earlier sources win, see {@link ToolSource});
 *     may be empty
 */
public record PipelineSources(List<EntrySource> entrySources, List<ToolSource> toolSources) {
  public PipelineSources {
    entrySources = List.copyOf(Objects.requireNonNull(entrySources, "entrySources == null"));
    toolSources = List.copyOf(Objects.requireNonNull(toolSources, "toolSources == null"));
    if (entrySources.isEmpty()) {
      throw new IllegalArgumentException("entrySources is empty");
    }
  }

  /**
   * The sources of {@code mcprisk run}: the bundled registry seeds; then, unless offline, the live
   * crawl of the reference servers; then the recorded answers of {@code snapshotDir}, or the
   * bundled ones when it is null.
   */
  public static PipelineSources defaults(boolean offline, Path snapshotDir) {
    List<ToolSource> tools = new ArrayList<>();
    if (!offline) {
      tools.add(new ReferenceServerSource());
    }
    tools.add(new BundledSnapshotSource(snapshotDir));
    return new PipelineSources(List.of(new BundledRegistrySource()), tools);
  }
}
