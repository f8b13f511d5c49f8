package dev.mcprisk.pipeline.source;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The pipeline sources of {@code mcprisk crawl} and of {@code mcprisk run --source}, in their order
 * of precedence.
 *
 * <p>Tool sources run in this order, an earlier usable answer winning: the live stdio crawl of the
 * reference servers ({@code run} only, not offline), remotes over HTTP, launched packages, the
 * recorded answers ({@code run} only), and last the package registries with README tools, which are
 * used only for servers nothing else answered for. The launch step reads the packuments of the npm
 * packages the user lists itself, so a listed package is launched in the run that first names it
 * ({@link ListedPackages}).
 */
public final class LiveSources {
  private LiveSources() {}

  /**
   * Sources of {@code mcprisk crawl}: the registry API (or, without it, the stored entries), then
   * the selected tool sources. No bundled data.
   */
  public static PipelineSources forCrawl(CrawlSession session) {
    CrawlSettings s = session.settings();
    List<EntrySource> entries = new ArrayList<>();
    entries.add(
        s.reads(CrawlSourceKind.REGISTRY)
            ? new RegistryApiSource(session)
            : new StoredEntrySource());
    return new PipelineSources(entries, liveTools(session, List.of(), List.of()));
  }

  /**
   * Sources of {@code mcprisk run --source ...}: the bundled registry seeds then the registry API;
   * the reference servers (unless offline), the selected live sources, the recorded answers, then
   * the package registries.
   */
  public static PipelineSources forRun(CrawlSession session, boolean offline, Path snapshotDir) {
    CrawlSettings s = session.settings();
    List<EntrySource> entries = new ArrayList<>();
    entries.add(new BundledRegistrySource());
    if (s.reads(CrawlSourceKind.REGISTRY)) {
      entries.add(new RegistryApiSource(session));
    }
    List<ToolSource> first = offline ? List.of() : List.of(new ReferenceServerSource());
    return new PipelineSources(
        entries, liveTools(session, first, List.of(new BundledSnapshotSource(snapshotDir))));
  }

  private static List<ToolSource> liveTools(
      CrawlSession session, List<ToolSource> first, List<ToolSource> recorded) {
    CrawlSettings s = session.settings();
    List<ToolSource> tools = new ArrayList<>(first);
    ListedPackages listed = new ListedPackages(session);
    if (s.reads(CrawlSourceKind.REMOTES)) {
      tools.add(new RemoteCrawlSource(session));
    }
    if (s.launchPackages()) {
      tools.add(new LaunchSource(session, listed));
    }
    tools.addAll(recorded);
    if (s.reads(CrawlSourceKind.NPM)
        || s.reads(CrawlSourceKind.PYPI)
        || s.reads(CrawlSourceKind.README)
        || !s.npmPackages().isEmpty()
        || !s.pypiPackages().isEmpty()) {
      tools.add(new PackageSource(session, listed));
    }
    return tools;
  }
}
