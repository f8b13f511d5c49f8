/**
 * Every source of the pipeline, in one package: where registry entries ({@link
 * dev.mcprisk.pipeline.source.EntrySource}, stage 1) and tool lists ({@link
 * dev.mcprisk.pipeline.source.ToolSource}, stage 2) come from, and the sinks they write through
 * ({@link dev.mcprisk.pipeline.source.EntrySink}, {@link dev.mcprisk.pipeline.source.ToolSink},
 * both a {@link dev.mcprisk.pipeline.source.CrawlRecordSink} for the crawl log). A source reads the
 * store only through {@link dev.mcprisk.store.CatalogueReader} ({@link
 * dev.mcprisk.pipeline.source.SourceContext#store()}) and writes only through its sink.
 *
 * <p>Bundled data: {@link dev.mcprisk.pipeline.source.BundledRegistrySource} (the registry seeds)
 * and {@link dev.mcprisk.pipeline.source.BundledSnapshotSource} (recorded {@code tools/list}
 * answers). Live: {@link dev.mcprisk.pipeline.source.ReferenceServerSource} (the reference stdio
 * servers, sandboxed), {@link dev.mcprisk.pipeline.source.RegistryApiSource} (the MCP Registry API,
 * incremental), {@link dev.mcprisk.pipeline.source.StoredEntrySource} (the entries already stored),
 * {@link dev.mcprisk.pipeline.source.RemoteCrawlSource} (remotes over Streamable HTTP or SSE),
 * {@link dev.mcprisk.pipeline.source.LaunchSource} (npm packages started in the sandbox) and {@link
 * dev.mcprisk.pipeline.source.PackageSource} (npm and PyPI metadata, README tools).
 *
 * <p>Which sources a run reads, and in which order, is a {@link
 * dev.mcprisk.pipeline.source.PipelineSources}: {@link
 * dev.mcprisk.pipeline.source.PipelineSources#defaults} for {@code mcprisk run}, {@link
 * dev.mcprisk.pipeline.source.LiveSources} for {@code mcprisk crawl} and {@code run --source}. The
 * live sources of one run share a {@link dev.mcprisk.pipeline.source.CrawlSession} (settings,
 * budget, fetch log).
 */
package dev.mcprisk.pipeline.source;
