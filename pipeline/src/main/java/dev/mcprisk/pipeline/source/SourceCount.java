package dev.mcprisk.pipeline.source;

/**
 * What a source counts while it reads, one constant per figure, reported in its stage's counts
 * under {@link #key()} (the run record, {@code mcprisk runs} and {@code run --json}). A remote
 * crawl that is not OK is counted by its {@link dev.mcprisk.model.CrawlStatus} instead ({@link
 * SourceReport#addRemoteOutcome}).
 */
public enum SourceCount {
  /** Registry files read. */
  FILES("files"),
  /** Launched packages with launch settings ({@code launch.json} or {@code --launch-config}). */
  LAUNCH_CONFIGURED("launchConfigured"),
  /** Launches that did not. */
  LAUNCH_FAILED("launchFailed"),
  /** Registry entries made from the packuments of packages the user listed. */
  LAUNCH_LISTED_ENTRIES("launchListedEntries"),
  /** Launches that listed tools. */
  LAUNCH_OK("launchOk"),
  /** Packages launched in the sandbox. */
  LAUNCH_TARGETS("launchTargets"),
  /** Reference servers crawled over stdio. */
  LIVE_CRAWLS("liveCrawls"),
  /** Of those, crawls that listed tools. */
  LIVE_OK("liveOk"),
  /** Npm packuments that could not be fetched or read. */
  NPM_FAILED("npmFailed"),
  /** Npm packages that declare an MCP server. */
  NPM_MCP_SERVERS("npmMcpServers"),
  /** Npm packuments read. */
  NPM_PACKUMENTS("npmPackuments"),
  /** Packages whose metadata was read. */
  PACKAGE_TARGETS("packageTargets"),
  /** PyPI documents that could not be fetched or read. */
  PYPI_FAILED("pypiFailed"),
  /** PyPI projects that declare an MCP server. */
  PYPI_MCP_SERVERS("pypiMcpServers"),
  /** PyPI projects read. */
  PYPI_PROJECTS("pypiProjects"),
  /** Packages without a README. */
  README_MISSING("readmeMissing"),
  /** Servers whose README documents tools. */
  README_SERVERS("readmeServers"),
  /** Tools read from READMEs. */
  README_TOOLS("readmeTools"),
  /** READMEs that document no tools. */
  README_WITHOUT_TOOLS("readmeWithoutTools"),
  /** Recorded tools/list answers read. */
  RECORDED_ANSWERS("recordedAnswers"),
  /** Servers those answers belong to. */
  RECORDED_SERVERS("recordedServers"),
  /** Tools in those answers. */
  RECORDED_TOOLS("recordedTools"),
  /** Entries read from the MCP Registry API. */
  REGISTRY_ENTRIES("registryEntries"),
  /** 1 when the Registry API crawl asked only for what changed since the last complete crawl. */
  REGISTRY_INCREMENTAL("registryIncremental"),
  /** Registry API pages fetched. */
  REGISTRY_PAGES("registryPages"),
  /** Remote crawls that listed tools. */
  REMOTE_OK("remoteOk"),
  /** Remotes crawled again because their earlier crawl is older than the recrawl age. */
  REMOTE_RECRAWLS("remoteRecrawls"),
  /** Servers with remotes to crawl over HTTP. */
  REMOTE_TARGETS("remoteTargets"),
  /** Entries read back from the store (crawl without the registry source). */
  STORED_ENTRIES("storedEntries"),
  /** Entries superseded by a higher version of the same server. */
  SUPERSEDED("superseded"),
  /** Entries trimmed to the limits of the registry's server.json schema. */
  TRIMMED("trimmed");

  private final String key;

  SourceCount(String key) {
    this.key = key;
  }

  /** The figure's name in the stage's counts, e.g. {@code recordedTools}. */
  public String key() {
    return key;
  }
}
