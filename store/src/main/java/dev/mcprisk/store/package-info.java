/**
 * The catalogue store: servers, the crawl and fetch logs, current tool sets, the history of tool
 * definitions, change events, pipeline runs and their lock, package metadata and the assessment
 * cache, in one JDBC database (an H2 file by default; the schema is migrated by Flyway from {@code
 * db/migration}). The only package of the build that speaks JDBC.
 *
 * <p>Entry point: {@link dev.mcprisk.store.CatalogueStore} (open, write, read; one transaction per
 * call). {@link dev.mcprisk.store.CatalogueReader} is the read side the pipeline's sources get
 * (they write only through the pipeline's sinks). Reads in bounded memory: {@link
 * dev.mcprisk.store.CatalogueStore#cataloguePage} gives a {@link dev.mcprisk.store.StoredPage} of
 * {@link dev.mcprisk.store.StoredServer}s, {@link dev.mcprisk.store.CatalogueStore#assessmentPage}
 * an {@link dev.mcprisk.store.AssessmentPage} of {@link dev.mcprisk.store.ToolToAssess} and {@link
 * dev.mcprisk.store.ServerDigest}s. Results of writes: {@link dev.mcprisk.store.ServerUpsert},
 * {@link dev.mcprisk.store.ToolChange} (of a {@link dev.mcprisk.store.ChangeKind}); runs: {@link
 * dev.mcprisk.store.RunRecord}, {@link dev.mcprisk.store.RunStatus}, {@link
 * dev.mcprisk.store.RunLockOwner}. Failures are {@link dev.mcprisk.store.StoreException}s naming
 * the database. {@link dev.mcprisk.store.CatalogueConnectionProvider} lends Quartz's job store its
 * connections.
 *
 * <p>Inside, the SQL is kept in one package-private class per table group: {@code ServerTable},
 * {@code FetchLogTable} (fetch log, source crawls, status history), {@code CrawlWriter} (crawls and
 * tool sets), {@code ChangeTable} (change events and tool history), {@code AssessmentTable}, {@code
 * PackageTable}, {@code RunTable} (runs, stages, the lock), with the paged reads in {@code
 * CataloguePages} and {@code CatalogueDigests}, and the opening and migration in {@code
 * CatalogueDatabase}.
 */
package dev.mcprisk.store;
