package dev.mcprisk.pipeline.source;

import dev.mcprisk.crawler.http.FetchResult;
import dev.mcprisk.crawler.packages.NpmPackageInfo;
import dev.mcprisk.crawler.packages.NpmPackument;
import dev.mcprisk.crawler.packages.NpmRegistry;
import dev.mcprisk.crawler.packages.PackageMetadataException;
import dev.mcprisk.crawler.packages.PypiJson;
import dev.mcprisk.crawler.packages.PypiPackageInfo;
import dev.mcprisk.crawler.readme.NpmTarballReadme;
import dev.mcprisk.crawler.readme.ReadmeExtraction;
import dev.mcprisk.crawler.readme.ReadmeToolExtractor;
import dev.mcprisk.model.CrawlOutcome;
import dev.mcprisk.model.CrawlStatus;
import dev.mcprisk.model.Repository;
import dev.mcprisk.model.ServerEntry;
import dev.mcprisk.model.ServerPackage;
import dev.mcprisk.pipeline.UncheckedStoreException;
import dev.mcprisk.store.CatalogueStore;
import dev.mcprisk.store.PackageMetadata;
import dev.mcprisk.store.StoreException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Stage 2 source reading package registries: the npm packument or PyPI JSON of every package the
 * run's entries name (and of packages the user lists), kept in the store's {@code package_metadata}
 * table through the sink ({@link ToolSink#savePackageMetadata}) (description, keywords, repository,
 * license, latest version, publish time, README, MCP evidence), and, when {@link
 * CrawlSourceKind#README} is on, the tools the README documents for servers that have no tools from
 * a live or recorded {@code tools/list}.
 *
 * <p>README tools are tool definitions of origin {@value ReadmeToolExtractor#ORIGIN} (crawl method
 * {@value #METHOD_README}); their assessments carry a lower confidence. They never replace tools a
 * server listed itself: a server with a usable answer in this run, or with stored tools of another
 * origin, is skipped.
 *
 * <p>A bad packument or page is a failure of the tools stage with its reason; the rest goes on.
 */
public final class PackageSource implements ToolSource {
  /** The source's name in counts and failures. */
  public static final String NAME = "packages";

  /** {@link CrawlOutcome#method()} of tools read from a README. */
  public static final String METHOD_README = CatalogueStore.METHOD_README;

  /** Source of the entry of a package the user lists that no registry entry names. */
  public static final String SOURCE_NPM = "npm";

  /** Crawl-log source of npm tarballs fetched for their README. */
  public static final String SOURCE_NPM_TARBALL = "npm-tarball";

  /** Source of the entry of a PyPI project the user lists that no registry entry names. */
  public static final String SOURCE_PYPI = "pypi";

  private final CrawlSession session;
  private final ListedPackages listed;

  /**
   * @param session the run's HTTP side and settings
   * @param listed packuments of listed packages another source of this run already fetched
   */
  PackageSource(CrawlSession session, ListedPackages listed) {
    this.session = Objects.requireNonNull(session, "session == null");
    this.listed = Objects.requireNonNull(listed, "listed == null");
  }

  @Override
  public String name() {
    return NAME;
  }

  /** One package to read, and the server it belongs to. */
  private record Target(String serverId, String registryType, String identifier) {}

  @Override
  public void crawl(SourceContext ctx, Map<String, ServerEntry> entries, ToolSink sink)
      throws IOException {
    CrawlSettings settings = session.settings();
    boolean npm = settings.reads(CrawlSourceKind.NPM) || settings.reads(CrawlSourceKind.README);
    boolean pypi = settings.reads(CrawlSourceKind.PYPI) || settings.reads(CrawlSourceKind.README);
    Map<String, Target> targets = new LinkedHashMap<>();
    for (ServerEntry entry : entries.values()) {
      for (ServerPackage p : entry.packages()) {
        String type = p.registryType() == null ? "" : p.registryType().toLowerCase(Locale.ROOT);
        if ((type.equals("npm") && npm) || (type.equals("pypi") && pypi)) {
          targets.putIfAbsent(entry.id(), new Target(entry.id(), type, p.identifier()));
          break;
        }
      }
    }
    for (String pkg : settings.npmPackages()) {
      targets.putIfAbsent(ServerEntry.npmId(pkg), new Target(null, "npm", pkg));
    }
    for (String pkg : settings.pypiPackages()) {
      targets.putIfAbsent("pypi:" + pkg, new Target(null, "pypi", pkg));
    }
    sink.count(SourceCount.PACKAGE_TARGETS, targets.size());
    if (targets.isEmpty()) {
      return;
    }
    NpmRegistry registry = null;
    if (targets.values().stream().anyMatch(t -> t.registryType().equals("npm"))) {
      try {
        registry = session.npmRegistry();
      } catch (IOException e) {
        sink.note("npm packages skipped: " + e.getMessage());
      }
    }
    CrawlProgress progress = settings.progress("packages", targets.size());
    try {
      for (Target target : targets.values()) {
        if (ctx.stop().stopRequested()) {
          return;
        }
        if (target.registryType().equals("npm")) {
          if (registry != null) {
            readNpm(ctx, entries, sink, registry, target);
          }
        } else {
          readPypi(ctx, entries, sink, target);
        }
        progress.advance(1);
      }
    } finally {
      progress.finish();
      try {
        session.flushFetchLog(sink);
      } catch (UncheckedStoreException e) {
        sink.note("crawl log not written: " + e.getMessage());
      }
    }
  }

  private void readNpm(
      SourceContext ctx,
      Map<String, ServerEntry> entries,
      ToolSink sink,
      NpmRegistry registry,
      Target target) {
    URI url;
    try {
      url = registry.packumentUrl(target.identifier());
    } catch (IllegalArgumentException e) {
      sink.failed(subject(target), "REJECTED", "not an npm package name: " + e.getMessage());
      return;
    }
    NpmPackageInfo info = read(sink, target, SOURCE_NPM, url, NpmPackument::parse, "packument");
    if (info == null) {
      return;
    }
    sink.count(SourceCount.NPM_PACKUMENTS, 1);
    if (info.evidence().isMcpServer()) {
      sink.count(SourceCount.NPM_MCP_SERVERS, 1);
    }
    String serverId = target.serverId();
    if (serverId == null) {
      serverId = ServerEntry.npmId(info.name());
      if (!entries.containsKey(serverId)) {
        sink.addEntry(npmEntry(info));
      }
    }
    save(
        sink,
        new PackageMetadata(
            "npm",
            info.name(),
            info.latestVersion(),
            info.description(),
            info.keywords(),
            info.repositoryUrl(),
            info.license(),
            info.publishedAt(),
            info.readme(),
            info.evidence().isMcpServer(),
            String.join("; ", info.evidence().reasons()),
            ctx.clock().instant()));
    String id = serverId;
    readmeTools(ctx, sink, serverId, () -> npmReadme(sink, id, info));
  }

  private void readPypi(
      SourceContext ctx, Map<String, ServerEntry> entries, ToolSink sink, Target target) {
    URI url;
    try {
      url = PypiJson.url(session.settings().pypiUrl(), target.identifier());
    } catch (IllegalArgumentException e) {
      sink.failed(subject(target), "REJECTED", "not a PyPI project name: " + e.getMessage());
      return;
    }
    PypiPackageInfo info = read(sink, target, SOURCE_PYPI, url, PypiJson::parse, "PyPI JSON");
    if (info == null) {
      return;
    }
    sink.count(SourceCount.PYPI_PROJECTS, 1);
    if (info.evidence().isMcpServer()) {
      sink.count(SourceCount.PYPI_MCP_SERVERS, 1);
    }
    String serverId = target.serverId();
    String repositoryUrl = pypiRepository(info);
    if (serverId == null) {
      serverId = "pypi:" + info.name();
      if (!entries.containsKey(serverId)) {
        sink.addEntry(
            listedEntry(
                serverId,
                "pypi",
                info.name(),
                info.version(),
                info.summary(),
                repositoryUrl,
                "uvx",
                "active"));
      }
    }
    save(
        sink,
        new PackageMetadata(
            "pypi",
            info.name(),
            info.version(),
            info.summary(),
            info.keywords(),
            repositoryUrl,
            info.license(),
            null,
            info.description(),
            info.evidence().isMcpServer(),
            String.join("; ", info.evidence().reasons()),
            ctx.clock().instant()));
    String type =
        info.descriptionContentType() == null
            ? ""
            : info.descriptionContentType().toLowerCase(Locale.ROOT);
    if (info.description() != null && (type.isEmpty() || type.contains("markdown"))) {
      readmeTools(ctx, sink, serverId, info::description);
    }
  }

  /**
   * The README of an npm package: the packument's {@code readme}, else {@code package/README.md} of
   * the latest version's tarball (many packuments carry none), or null.
   */
  private String npmReadme(ToolSink sink, String serverId, NpmPackageInfo info) {
    if (info.readme() != null) {
      return info.readme();
    }
    if (info.tarballUrl() == null) {
      return null;
    }
    URI url;
    try {
      url = URI.create(info.tarballUrl());
    } catch (IllegalArgumentException e) {
      sink.failed(serverId, "REJECTED", "bad tarball URL: " + e.getMessage());
      return null;
    }
    FetchResult tarball = session.fetcher().get(SOURCE_NPM_TARBALL, url);
    if (!tarball.ok()) {
      sink.failed(serverId, tarball.outcome().name(), "README tarball: " + tarball.reason());
      return null;
    }
    try {
      return NpmTarballReadme.read(new ByteArrayInputStream(tarball.body())).orElse(null);
    } catch (IOException e) {
      sink.failed(serverId, "PROTOCOL_ERROR", "README tarball: " + e.getMessage());
      return null;
    }
  }

  private void readmeTools(
      SourceContext ctx, ToolSink sink, String serverId, Supplier<String> readmeText) {
    if (!session.settings().reads(CrawlSourceKind.README) || sink.hasUsable(serverId)) {
      return;
    }
    try {
      if (ctx.store().hasToolsOtherThan(serverId, ReadmeToolExtractor.ORIGIN)) {
        return;
      }
    } catch (StoreException e) {
      throw new UncheckedStoreException(e); // the pipeline ends the run with it as FAILED
    }
    long started = System.nanoTime();
    String readme = readmeText.get();
    if (readme == null) {
      sink.count(SourceCount.README_MISSING, 1);
      return;
    }
    ReadmeExtraction extraction = ReadmeToolExtractor.extractFromMarkdown(readme);
    if (extraction.tools().isEmpty()) {
      sink.count(SourceCount.README_WITHOUT_TOOLS, 1);
      return;
    }
    sink.count(SourceCount.README_SERVERS, 1);
    sink.count(SourceCount.README_TOOLS, extraction.tools().size());
    sink.accept(
        new CrawlOutcome(
            serverId,
            CrawlStatus.OK,
            "",
            ctx.clock().instant(),
            METHOD_README,
            null,
            null,
            null,
            null,
            extraction.tools(),
            0,
            (System.nanoTime() - started) / 1_000_000,
            readme.length()));
  }

  /** Parses a fetched package document. */
  @FunctionalInterface
  private interface Parser<T> {
    T parse(byte[] body) throws PackageMetadataException;
  }

  /**
   * Fetches and parses one package document; null, after recording the failure and counting {@code
   * <source>Failed}, when it cannot be had or read.
   */
  private <T> T read(
      ToolSink sink, Target target, String source, URI url, Parser<T> parser, String what) {
    FetchResult fetched = listed.fetch(source, url);
    if (!fetched.ok()) {
      sink.count(SOURCE_NPM.equals(source) ? SourceCount.NPM_FAILED : SourceCount.PYPI_FAILED, 1);
      sink.failed(subject(target), fetched.outcome().name(), fetched.reason());
      return null;
    }
    try {
      return parser.parse(fetched.body());
    } catch (PackageMetadataException e) {
      sink.count(SOURCE_NPM.equals(source) ? SourceCount.NPM_FAILED : SourceCount.PYPI_FAILED, 1);
      sink.failed(subject(target), "PROTOCOL_ERROR", "bad " + what + ": " + e.getMessage());
      return null;
    }
  }

  /**
   * The entry of an npm package the user listed that no registry entry names: id {@code
   * npm:<name>}, one stdio package at the latest version.
   */
  static ServerEntry npmEntry(NpmPackageInfo info) {
    return listedEntry(
        ServerEntry.npmId(info.name()),
        "npm",
        info.name(),
        info.latestVersion(),
        info.description(),
        info.repositoryUrl(),
        "npx",
        info.deprecated() == null ? "active" : "deprecated");
  }

  /** The entry of a package the user listed that no registry entry names: stdio, latest version. */
  private static ServerEntry listedEntry(
      String serverId,
      String registryType,
      String name,
      String version,
      String description,
      String repositoryUrl,
      String runtimeHint,
      String status) {
    return new ServerEntry(
        serverId,
        name,
        null,
        description,
        version,
        repository(repositoryUrl),
        List.of(
            new ServerPackage(registryType, name, version, runtimeHint, "stdio", null, List.of())),
        List.of(),
        registryType,
        status);
  }

  private static void save(ToolSink sink, PackageMetadata metadata) {
    try {
      sink.savePackageMetadata(metadata);
    } catch (UncheckedStoreException e) {
      sink.note("package metadata not stored: " + e.getMessage());
    }
  }

  private static String subject(Target target) {
    return target.serverId() == null
        ? target.registryType() + ":" + target.identifier()
        : target.serverId() + " (" + target.registryType() + " " + target.identifier() + ")";
  }

  private static Repository repository(String url) {
    return url == null || url.isBlank() ? null : new Repository(url, source(url), null);
  }

  private static String source(String url) {
    String u = url.toLowerCase(Locale.ROOT);
    return u.contains("github.com") ? "github" : u.contains("gitlab") ? "gitlab" : null;
  }

  private static String pypiRepository(PypiPackageInfo info) {
    for (Map.Entry<String, String> e : info.projectUrls().entrySet()) {
      String label = e.getKey().toLowerCase(Locale.ROOT);
      if (label.contains("source") || label.contains("repository") || label.contains("code")) {
        return e.getValue();
      }
    }
    List<String> urls = new ArrayList<>(info.projectUrls().values());
    for (String u : urls) {
      if (u.contains("github.com") || u.contains("gitlab.com")) {
        return u;
      }
    }
    return info.homePage();
  }
}
