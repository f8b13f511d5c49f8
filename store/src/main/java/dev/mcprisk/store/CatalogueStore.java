package dev.mcprisk.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.Assessment;
import dev.mcprisk.model.CrawlOutcome;
import dev.mcprisk.model.CrawlStatus;
import dev.mcprisk.model.FetchRecord;
import dev.mcprisk.model.ServerEntry;
import dev.mcprisk.model.ToolDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The catalogue's database: servers, the crawl log, current tool sets, the history of tool
 * definitions, pipeline runs and the assessment cache.
 *
 * <p>By default an embedded H2 file database, {@code <home>/catalogue.mv.db}; any JDBC database
 * that runs the portable migrations in {@code classpath:db/migration} (PostgreSQL needs the {@code
 * org.flywaydb:flyway-database-postgresql} artifact and its JDBC driver on the class path) can be
 * opened with {@link #open(String, String, String)}. The schema is migrated by Flyway on open.
 *
 * <p>Identity and change: a server by its id, a tool by (server id, tool name), a definition by its
 * SHA-256 {@link ToolDefinition#definitionHash()}; a history row is added only when a hash is new;
 * assessments are cached by (hash, classifier version).
 *
 * <p>The SQL lives in one package-private class per table group ({@code ServerTable}, {@code
 * FetchLogTable}, {@code CrawlWriter} and {@code ChangeTable} for tools and their history, {@code
 * AssessmentTable}, {@code PackageTable}, {@code RunTable}; the paged reads in {@code
 * CataloguePages} and {@code CatalogueDigests}); this class opens the database, checks arguments
 * and runs each call in one transaction.
 *
 * <p>Every write method runs in one transaction: it either happens completely or not at all.
 *
 * <p>Thread-safety: one JDBC connection; all methods are {@code synchronized}, so an instance may
 * be shared, but calls are serialised. One H2 file database can be open in one process at a time.
 */
public final class CatalogueStore implements AutoCloseable, CatalogueReader {
  /** File name stem of the H2 database under the data home (H2 adds {@code .mv.db}). */
  public static final String H2_FILE_STEM = "catalogue";

  /** Longest server id and name stored, in chars (columns {@code servers.id} and {@code name}). */
  public static final int MAX_SERVER_ID_CHARS = 2048;

  /** Longest server source stored, in chars (column {@code servers.source}). */
  public static final int MAX_SERVER_SOURCE_CHARS = 64;

  /** Longest server status stored, in chars ({@code servers.status}, the status history's). */
  public static final int MAX_SERVER_STATUS_CHARS = 32;

  /** Where Flyway finds the migrations. */
  public static final String MIGRATIONS_LOCATION = "classpath:db/migration";

  /**
   * {@link CrawlOutcome#method()} of a recorded answer; tools from it get origin {@code snapshot}.
   */
  public static final String METHOD_SNAPSHOT = "snapshot";

  /** Origin of a tool read from a live crawl. */
  public static final String ORIGIN_LIVE = "live";

  /**
   * {@link CrawlOutcome#method()} of tools read from a package's README; they get origin {@code
   * readme} (documented, not listed by the server itself).
   */
  public static final String METHOD_README = "readme";

  /** The origin of tools from a crawl of {@code method}: snapshot, readme or live. */
  static String origin(String method) {
    if (METHOD_SNAPSHOT.equals(method) || METHOD_README.equals(method)) {
      return method;
    }
    return ORIGIN_LIVE;
  }

  /**
   * H2's page cache, KiB: 65,536 (64 MiB; H2's default is 16 MiB;
   * https://h2database.com/html/features.html, "Cache Settings"). At 43,000 servers the catalogue
   * pages read by the index and export stages spend most of their time reading B-tree pages that
   * are not cached; at 5,000 servers 16 and 64 MiB measured the same.
   */
  static final int H2_CACHE_SIZE_KIB = 65_536;

  /**
   * Settings of every H2 URL: automatic mixed mode with reconnects, see {@link #h2Url(Path)}, and
   * the page cache ({@link #H2_CACHE_SIZE_KIB}).
   */
  private static final String H2_URL_SETTINGS =
      ";AUTO_SERVER=TRUE;AUTO_RECONNECT=TRUE;CACHE_SIZE=" + H2_CACHE_SIZE_KIB;

  /** Name of the pipeline's lock row in {@code run_lock}. */
  static final String PIPELINE_LOCK = "pipeline";

  /** Flyway placeholder of the binary column type in Quartz's tables (V3). */
  static final String QUARTZ_BINARY_PLACEHOLDER = "quartz_binary";

  private final Connection connection;
  private final String location;

  private CatalogueStore(Connection connection, String location) {
    this.connection = connection;
    this.location = location;
  }

  /**
   * Opens (creating and migrating when needed) the H2 file database {@code <home>/catalogue.mv.db},
   * JDBC URL {@code jdbc:h2:file:<absolute home>/catalogue}, user {@code sa}, empty password.
   * Creates {@code home} and its parents when missing.
   *
   * @param home the data home directory
   * @throws StoreException naming the path when the home cannot be created or written, the database
   *     is locked by another process, or migration fails
   */
  public static CatalogueStore open(Path home) throws StoreException {
    Objects.requireNonNull(home, "home == null");
    Path dir = home.toAbsolutePath().normalize();
    String where = dir.toString();
    if (where.indexOf(';') >= 0) {
      // H2 reads ';' in a URL as the start of settings (e.g. INIT=...): refuse, never escape.
      throw new StoreException(
          "data home " + where + " contains ';', which H2 URLs cannot hold", where, null);
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StoreException(
          "cannot create data home " + where + ": " + FileProblems.describe(e), where, e);
    }
    if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
      throw new StoreException("data home " + where + " is not a writable directory", where, null);
    }
    return new CatalogueStore(CatalogueDatabase.connect(h2Url(dir), "sa", "", where), where);
  }

  /**
   * The JDBC URL of the H2 file database under {@code home}: {@code jdbc:h2:file:<absolute
   * home>/catalogue;AUTO_SERVER=TRUE;AUTO_RECONNECT=TRUE;CACHE_SIZE=65536}.
   *
   * <p>{@code AUTO_SERVER=TRUE} is H2's automatic mixed mode
   * (https://h2database.com/html/features.html, "Automatic Mixed Mode"): the first process opens
   * the file embedded and serves it on a random loopback-reachable port written with a random key
   * to {@code catalogue.lock.db}; later processes using the same URL connect through it, so a
   * scheduler and a manual run can share the store and the pipeline lock row decides who runs.
   * Every process must use this exact URL. When the serving process closes the database, a client
   * reconnects (and one of them serves) at its next transaction; a transaction in flight at that
   * moment fails. H2 closes the database in its own JVM shutdown hook (mixed mode cannot turn that
   * off), so a process that wants to record something after SIGTERM must handle the signal itself,
   * not in a shutdown hook.
   *
   * @param home the data home directory; absolute or relative to the working directory
   */
  public static String h2Url(Path home) {
    Path dir = home.toAbsolutePath().normalize();
    return "jdbc:h2:file:" + dir.resolve(H2_FILE_STEM) + H2_URL_SETTINGS;
  }

  /**
   * Opens (migrating when needed) any JDBC database, e.g. {@code jdbc:postgresql://host/mcprisk}.
   * The driver must be on the class path.
   *
   * @param jdbcUrl JDBC URL; never null
   * @param user database user; may be null
   * @param password database password; may be null
   * @throws StoreException naming the URL when the database cannot be reached, is locked, or
   *     migration fails
   */
  public static CatalogueStore open(String jdbcUrl, String user, String password)
      throws StoreException {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl == null");
    return new CatalogueStore(CatalogueDatabase.connect(jdbcUrl, user, password, jdbcUrl), jdbcUrl);
  }

  /**
   * Records the start of a pipeline run, status {@link RunStatus#RUNNING}, no owner.
   *
   * @param trigger what started it, e.g. {@code manual}, {@code schedule}; at most 64 chars
   * @param at when it started
   * @return the new run's id, positive
   * @throws StoreException when the insert fails
   */
  public synchronized long startRun(String trigger, Instant at) throws StoreException {
    return startRun(trigger, at, null);
  }

  /**
   * Records the start of a pipeline run, status {@link RunStatus#RUNNING}.
   *
   * @param trigger what started it, e.g. {@code manual}, {@code schedule}; at most 64 chars
   * @param at when it started
   * @param owner the process running it ({@link RunLockOwner#toString()}); may be null
   * @return the new run's id, positive
   * @throws StoreException when the insert fails
   */
  public synchronized long startRun(String trigger, Instant at, RunLockOwner owner)
      throws StoreException {
    Objects.requireNonNull(trigger, "trigger == null");
    Objects.requireNonNull(at, "at == null");
    return inTransaction(c -> RunTable.start(c, trigger, at, owner));
  }

  /**
   * Records one finished stage of a run; its stages are kept in the order recorded.
   *
   * @param runId an id from {@link #startRun}
   * @param stage the stage's figures
   * @throws StoreException when the insert fails, e.g. no such run
   */
  public synchronized void recordStage(long runId, RunStage stage) throws StoreException {
    Objects.requireNonNull(stage, "stage == null");
    inTransaction(
        c -> {
          RunTable.addStage(c, runId, stage);
          return null;
        });
  }

  /**
   * Records the end of a pipeline run.
   *
   * @param runId an id from {@link #startRun}
   * @param status how it ended; not {@link RunStatus#RUNNING}
   * @param at when it ended
   * @param statsJson run statistics as JSON text; may be null
   * @param error why it failed or was interrupted, for a person; may be null
   * @throws IllegalArgumentException when there is no run {@code runId}, or status is RUNNING
   * @throws StoreException when the update fails
   */
  public synchronized void finishRun(
      long runId, RunStatus status, Instant at, String statsJson, String error)
      throws StoreException {
    Objects.requireNonNull(status, "status == null");
    Objects.requireNonNull(at, "at == null");
    if (status == RunStatus.RUNNING) {
      throw new IllegalArgumentException("a run cannot finish as RUNNING");
    }
    int updated = inTransaction(c -> RunTable.finish(c, runId, status, at, statsJson, error));
    if (updated == 0) {
      throw new IllegalArgumentException("no run with id " + runId);
    }
  }

  /**
   * The latest runs, newest first, each with its recorded stages.
   *
   * @param limit most runs returned, positive
   * @throws StoreException when the read fails or a stored row cannot be read back
   */
  public synchronized List<RunRecord> runs(int limit) throws StoreException {
    if (limit <= 0) {
      throw new IllegalArgumentException("limit <= 0: " + limit);
    }
    return inTransaction(c -> RunTable.latest(c, limit));
  }

  // ---- the pipeline lock ----------------------------------------------------------------------

  /**
   * Tries to take the pipeline lock for {@code me}, in one transaction (made again, up to 3 times,
   * after losing an insert race or the connection to another process's H2 server).
   *
   * <p>Free: {@code me} takes it. Held by {@code me} (same pid and host): kept, acquired. Held by a
   * process on this host that is gone ({@link RunLockOwner#isGoneSeenFrom}): taken over, and that
   * owner's RUNNING runs are marked {@link RunStatus#INTERRUPTED} with an error saying so.
   * Otherwise: not acquired, and the result names the holder.
   *
   * @param me the process asking
   * @param now the time recorded as the lock's {@code since} and an abandoned run's end
   * @throws StoreException when the database fails
   */
  public synchronized LockAttempt tryLockPipeline(RunLockOwner me, Instant now)
      throws StoreException {
    Objects.requireNonNull(me, "me == null");
    Objects.requireNonNull(now, "now == null");
    StoreException last = null;
    for (int attempt = 0; attempt < RunTable.LOCK_INSERT_ATTEMPTS; attempt++) {
      try {
        return inTransaction(c -> RunTable.tryLock(c, PIPELINE_LOCK, me, now));
      } catch (StoreException e) {
        boolean conflict = e.getCause() instanceof SQLException sql && RunTable.isConflict(sql);
        if (!conflict && !e.connectionLost()) {
          throw e;
        }
        // another process inserted the row at the same moment, or the process serving the
        // database closed it (mixed mode): the attempt was rolled back, make it again
        last = e;
      }
    }
    throw last;
  }

  /**
   * Releases the pipeline lock if {@code me} holds it.
   *
   * @return true when {@code me} held it and it is now free
   * @throws StoreException when the database fails
   */
  public synchronized boolean unlockPipeline(RunLockOwner me) throws StoreException {
    Objects.requireNonNull(me, "me == null");
    return inTransaction(c -> RunTable.unlock(c, PIPELINE_LOCK, me)) > 0;
  }

  /**
   * The pipeline lock as it stands.
   *
   * @return the holder, or empty when the lock is free
   * @throws StoreException when the read fails
   */
  public synchronized Optional<RunLock> pipelineLock() throws StoreException {
    return Optional.ofNullable(inTransaction(c -> RunTable.selectLock(c, PIPELINE_LOCK, false)));
  }

  /**
   * Inserts or replaces servers by id, in one transaction, outside any run and at the current time;
   * see {@link #upsertServers(Collection, Long, Instant)}.
   *
   * @return what was written, and the entries refused
   * @throws StoreException when the write fails (nothing is written then)
   */
  public synchronized ServerUpsert upsertServers(Collection<ServerEntry> servers)
      throws StoreException {
    return upsertServers(servers, null, Instant.now());
  }

  /**
   * Inserts or replaces servers by id, in one transaction. When {@code servers} holds an id twice,
   * the last entry wins. An entry with a value longer than its column ({@link #MAX_SERVER_ID_CHARS}
   * for the id and name, {@link #MAX_SERVER_SOURCE_CHARS} for the source, {@link
   * #MAX_SERVER_STATUS_CHARS} for the status) is refused ({@link ServerUpsert#refused()}) and the
   * others are stored. A stored entry is replaced only by an entry whose source ranks the same or
   * higher ({@link SourceRank}: {@code registry-api} over {@code registry-seed*} over {@code
   * npm}/{@code pypi} over {@code snapshot}/{@code live}); a lower-ranked entry is left out and
   * counted as outranked. A row is appended to the status history ({@link #statusHistory}) for each
   * stored entry whose status or version differs from the server's latest history row, and for each
   * server without one.
   *
   * @param runId the run storing them, recorded in the status history; may be null
   * @param at the time recorded in the status history; never null
   * @return what was written
   * @throws StoreException when the write fails (nothing is written then)
   */
  public synchronized ServerUpsert upsertServers(
      Collection<ServerEntry> servers, Long runId, Instant at) throws StoreException {
    Objects.requireNonNull(servers, "servers == null");
    Objects.requireNonNull(at, "at == null");
    Map<String, ServerEntry> byId = new LinkedHashMap<>();
    List<RefusedServer> refused = new ArrayList<>();
    for (ServerEntry entry : servers) {
      String tooLong = ServerTable.tooLong(entry);
      if (tooLong != null) {
        refused.add(new RefusedServer(entry.id(), tooLong));
      } else {
        byId.put(entry.id(), entry);
      }
    }
    if (byId.isEmpty()) {
      return new ServerUpsert(0, 0, 0, 0, refused);
    }
    return inTransaction(c -> ServerTable.upsert(c, byId.values(), runId, at, refused));
  }

  // ---- the fetch log and source crawls (schema 4) -----------------------------------------------

  /**
   * Appends fetch records to the fetch log, in one transaction (batched inserts).
   *
   * @param runId the run they belong to; may be null (a crawl outside a pipeline run)
   * @param records in fetch order; may be empty
   * @throws StoreException when the write fails (nothing is written then)
   */
  public synchronized void recordFetches(Long runId, List<FetchRecord> records)
      throws StoreException {
    Objects.requireNonNull(records, "records == null");
    if (records.isEmpty()) {
      return;
    }
    inTransaction(
        c -> {
          FetchLogTable.insertFetches(c, runId, records);
          return null;
        });
  }

  /**
   * The latest fetch records, newest first.
   *
   * @param failedOnly only fetches whose outcome is neither {@code OK} nor {@code NOT_MODIFIED}
   * @param source only this source, e.g. {@code registry-api}; null for every source
   * @param limit most records returned, positive
   * @throws StoreException when the read fails
   */
  public synchronized List<FetchRecord> fetchLog(boolean failedOnly, String source, int limit)
      throws StoreException {
    if (limit <= 0) {
      throw new IllegalArgumentException("limit <= 0: " + limit);
    }
    return inTransaction(c -> FetchLogTable.selectFetches(c, failedOnly, source, limit));
  }

  /**
   * Records one crawl of a source, complete or not.
   *
   * @param source e.g. {@code registry-api}; never blank
   * @param startedAt when the crawl started (its first request)
   * @param finishedAt when it ended
   * @param complete true when every page was read
   * @param entries entries read
   * @throws StoreException when the write fails
   */
  public synchronized void recordSourceCrawl(
      String source, Instant startedAt, Instant finishedAt, boolean complete, int entries)
      throws StoreException {
    Objects.requireNonNull(source, "source == null");
    Objects.requireNonNull(startedAt, "startedAt == null");
    Objects.requireNonNull(finishedAt, "finishedAt == null");
    if (source.isBlank() || entries < 0) {
      throw new IllegalArgumentException("blank source or negative entries");
    }
    inTransaction(
        c -> {
          FetchLogTable.insertSourceCrawl(c, source, startedAt, finishedAt, complete, entries);
          return null;
        });
  }

  /**
   * The start of the latest complete crawl of {@code source}: the {@code updated_since} of the next
   * incremental crawl.
   *
   * @return empty when the source was never crawled completely
   * @throws StoreException when the read fails
   */
  public synchronized Optional<Instant> lastCompleteCrawlStart(String source)
      throws StoreException {
    Objects.requireNonNull(source, "source == null");
    return inTransaction(c -> FetchLogTable.lastCompleteStart(c, source));
  }

  /**
   * The status history of one server, oldest first: one row per stored change of its status or
   * version, starting with its first stored entry.
   *
   * @throws StoreException when the read fails
   */
  public synchronized List<ServerStatusChange> statusHistory(String serverId)
      throws StoreException {
    Objects.requireNonNull(serverId, "serverId == null");
    return inTransaction(c -> FetchLogTable.statusHistory(c, serverId));
  }

  /**
   * Appends one crawl to the crawl log and, when it produced usable tools, makes them the server's
   * current tool set, in one transaction.
   *
   * <p>The tool set is replaced when {@code outcome.status().usable()} and either tools were listed
   * or the status is {@link CrawlStatus#OK} (an OK crawl listing no tools empties the set). A
   * failed crawl, or an {@code AUTH_REQUIRED} one without tools, never removes earlier tools. A
   * history row in {@code tool_definitions} is added for each (server, name, hash) not seen before;
   * a known one has its {@code last_seen} moved forward (for a tool set found unchanged, by moving
   * the server's one {@code tool_sets} row; {@link #toolHistory} reads the later of the two). When
   * two tools share a name, the first listed wins.
   *
   * <p>When the tool set is replaced, change events ({@link ChangeKind} ADDED, REMOVED,
   * DESCRIPTION_CHANGED, SCHEMA_CHANGED, ANNOTATIONS_CHANGED) against the previous tool set are
   * stored with {@code at} = the crawl's time, except for a server's first listing (no current
   * tools and no history): that is the baseline, not a change.
   *
   * @param runId the run this crawl belongs to (from {@link #startRun})
   * @param outcome the crawl's outcome
   * @return the change events stored, in the order stored; ids are not filled in
   * @throws StoreException when the write fails (nothing is written then), e.g. no such run
   */
  public synchronized List<ToolChange> recordCrawl(long runId, CrawlOutcome outcome)
      throws StoreException {
    Objects.requireNonNull(outcome, "outcome == null");
    return recordCrawls(runId, List.of(outcome));
  }

  /**
   * Records several crawls as {@link #recordCrawl} does each, in one transaction and with JDBC
   * batches (the statements are prepared once and their rows sent together): the store stage's
   * call, a batch of servers at a time. When {@code outcomes} holds a server twice, the later
   * outcome is applied after the earlier one.
   *
   * @param runId the run these crawls belong to (from {@link #startRun})
   * @param outcomes the crawls' outcomes, in the order they are logged; may be empty
   * @return the change events stored, in the order stored; ids are not filled in
   * @throws StoreException when the write fails (nothing of the batch is written then), e.g. no
   *     such run
   */
  public synchronized List<ToolChange> recordCrawls(long runId, List<CrawlOutcome> outcomes)
      throws StoreException {
    Objects.requireNonNull(outcomes, "outcomes == null");
    if (outcomes.isEmpty()) {
      return List.of();
    }
    return inTransaction(c -> CrawlWriter.record(c, runId, outcomes).changes());
  }

  /**
   * The cached assessment of a definition by a classifier version.
   *
   * @param definitionHash {@link ToolDefinition#definitionHash()}
   * @param classifierVersion the classifier's version string
   * @return the assessment, or empty when none is cached
   * @throws StoreException when the read fails or the stored JSON cannot be read back
   */
  public synchronized Optional<Assessment> findAssessment(
      String definitionHash, String classifierVersion) throws StoreException {
    Objects.requireNonNull(definitionHash, "definitionHash == null");
    Objects.requireNonNull(classifierVersion, "classifierVersion == null");
    String json =
        inTransaction(c -> AssessmentTable.findJson(c, definitionHash, classifierVersion));
    return json == null ? Optional.empty() : Optional.of(readJson(json, Assessment.class));
  }

  /**
   * Caches assessments in one transaction, replacing any cached under the same (hash, {@link
   * Assessment#classifierVersion()}).
   *
   * @param byHash assessments keyed by definition hash
   * @throws StoreException when the write fails (nothing is written then)
   */
  public void saveAssessments(Map<String, Assessment> byHash) throws StoreException {
    Objects.requireNonNull(byHash, "byHash == null");
    if (byHash.isEmpty()) {
      return;
    }
    // JSON is written before taking the lock, so a reader on another thread is not held up by it
    // in key order: neighbouring rows share B-tree pages, so fewer pages are rewritten
    List<String[]> rows = new ArrayList<>(byHash.size());
    for (Map.Entry<String, Assessment> e : new TreeMap<>(byHash).entrySet()) {
      Assessment a = e.getValue();
      rows.add(
          new String[] {
            e.getKey(),
            a.classifierVersion(),
            Json.write(a),
            a.category().name(),
            a.riskLevel().name()
          });
    }
    synchronized (this) {
      inTransaction(
          c -> {
            AssessmentTable.save(c, rows);
            return null;
          });
    }
  }

  /**
   * One page of the catalogue in server id order, for reading it whole in bounded memory: up to
   * {@code limit} servers with ids after {@code afterId}, each with its latest crawl and current
   * tools (sorted by name), the page's cached assessments under {@code classifierVersion} and the
   * tool history of its servers. Pass the page's {@link StoredPage#lastServerId()} as the next
   * call's {@code afterId}; an empty page ends the catalogue. Three range queries a page.
   *
   * @param afterId the last id of the previous page; null for the first page
   * @param limit most servers in the page, positive
   * @param classifierVersion the classifier version whose cached assessments are wanted
   * @throws StoreException when the read fails or a stored row cannot be read back
   */
  public StoredPage cataloguePage(String afterId, int limit, String classifierVersion)
      throws StoreException {
    return cataloguePage(afterId, limit, classifierVersion, true);
  }

  /**
   * As {@link #cataloguePage(String, int, String)}; without {@code withHistory} the page's {@link
   * StoredPage#history()} is empty and its query is not run (a fifth of a page's cost), for readers
   * that do not write tool dates, such as the index.
   *
   * @throws StoreException when the read fails or a stored row cannot be read back
   */
  public synchronized StoredPage cataloguePage(
      String afterId, int limit, String classifierVersion, boolean withHistory)
      throws StoreException {
    Objects.requireNonNull(classifierVersion, "classifierVersion == null");
    if (limit <= 0) {
      throw new IllegalArgumentException("limit <= 0: " + limit);
    }
    return inTransaction(
        c -> CataloguePages.page(c, afterId, limit, classifierVersion, withHistory));
  }

  /**
   * The stored servers among {@code ids}, as one {@link #cataloguePage}: sorted by id, each with
   * its latest crawl and current tools, their cached assessments under {@code classifierVersion}
   * and their tool history; ids of no stored server are left out. For reading the few servers an
   * incremental run changed: four indexed lookups per id.
   *
   * @param ids server ids, in any order
   * @param classifierVersion the classifier version whose cached assessments are wanted
   * @throws StoreException when the read fails or a stored row cannot be read back
   */
  public synchronized StoredPage catalogueServers(Collection<String> ids, String classifierVersion)
      throws StoreException {
    Objects.requireNonNull(ids, "ids == null");
    Objects.requireNonNull(classifierVersion, "classifierVersion == null");
    return inTransaction(c -> CataloguePages.pageOf(c, ids, classifierVersion));
  }

  /**
   * One page of the current tools for the classify stage, by server id: the hashes of the tools
   * that have a cached assessment under {@code classifierVersion} and the tools (with their
   * server's name and description) that have none, and from the same queries the page's server
   * digests and tool counts ({@link AssessmentPage#digests}), so one pass serves the classify stage
   * and tells the index and export stages what changed. Paging as {@link #cataloguePage}, with
   * {@link AssessmentPage#lastServerId()}; a page with a null last id ends it.
   *
   * @param afterId the last id of the previous page; null for the first page
   * @param limit most servers in the page, positive
   * @param classifierVersion the classifier version whose cache is checked
   * @throws StoreException when the read fails or a stored row cannot be read back
   */
  public synchronized AssessmentPage assessmentPage(
      String afterId, int limit, String classifierVersion) throws StoreException {
    Objects.requireNonNull(classifierVersion, "classifierVersion == null");
    if (limit <= 0) {
      throw new IllegalArgumentException("limit <= 0: " + limit);
    }
    return inTransaction(
        c -> CatalogueDigests.assessmentPage(c, afterId, limit, classifierVersion));
  }

  /**
   * One stored server's entry.
   *
   * @return the entry, or empty when no server has this id
   * @throws StoreException when the read fails or the stored entry cannot be read back
   */
  public synchronized Optional<ServerEntry> findServer(String id) throws StoreException {
    Objects.requireNonNull(id, "id == null");
    return Optional.ofNullable(inTransaction(c -> ServerTable.find(c, id)));
  }

  /**
   * Every stored server entry, ordered by id (43,000 entries are about 40 MB of heap).
   *
   * @throws StoreException when the read fails or a stored entry cannot be read back
   */
  public synchronized List<ServerEntry> serverEntries() throws StoreException {
    return inTransaction(ServerTable::entries);
  }

  /**
   * Stored servers with {@code remotes} that were not crawled over HTTP ({@code streamable-http} or
   * {@code sse}) at or after {@code before}, never crawled so included; ordered by id.
   *
   * @throws StoreException when the read fails
   */
  public synchronized List<ServerEntry> serversWithRemotesNotCrawledSince(Instant before)
      throws StoreException {
    Objects.requireNonNull(before, "before == null");
    return inTransaction(c -> ServerTable.remotesNotCrawledSince(c, before));
  }

  /**
   * Whether the server has current tools of an origin other than {@code origin}, e.g. tools it
   * listed itself when {@code origin} is {@code readme}.
   *
   * @throws StoreException when the read fails
   */
  public synchronized boolean hasToolsOtherThan(String serverId, String origin)
      throws StoreException {
    Objects.requireNonNull(serverId, "serverId == null");
    Objects.requireNonNull(origin, "origin == null");
    return inTransaction(c -> ServerTable.hasToolsOtherThan(c, serverId, origin));
  }

  /**
   * Keeps what a package registry says about a package, replacing the earlier record of it.
   *
   * @throws StoreException when the write fails
   */
  public synchronized void savePackageMetadata(PackageMetadata metadata) throws StoreException {
    Objects.requireNonNull(metadata, "metadata == null");
    inTransaction(
        c -> {
          PackageTable.upsert(c, metadata);
          return null;
        });
  }

  // ---- change events and tool history ---------------------------------------------------------

  /**
   * The change events a run found, in the order stored.
   *
   * @param runId an id from {@link #startRun}
   * @throws StoreException when the read fails or a stored value cannot be read back
   */
  public synchronized List<ToolChange> changesOfRun(long runId) throws StoreException {
    return inTransaction(c -> ChangeTable.ofRun(c, runId));
  }

  /**
   * Change events, newest first (by {@link ToolChange#at()}, then id).
   *
   * @param since only events at or after this time; null for all
   * @param serverId only events of this server id; null for all
   * @param limit most events returned, positive
   * @throws StoreException when the read fails or a stored value cannot be read back
   */
  public synchronized List<ToolChange> changes(Instant since, String serverId, int limit)
      throws StoreException {
    if (limit <= 0) {
      throw new IllegalArgumentException("limit <= 0: " + limit);
    }
    return inTransaction(c -> ChangeTable.select(c, since, serverId, limit));
  }

  /**
   * Adds events a later stage found ({@link ChangeKind#RISK_CHANGED}) and marks every non-ADDED
   * event of {@code suspected} tools in that run {@code suspectedRugPull}, in one transaction.
   *
   * @param runId the run
   * @param events events to add; their {@code suspectedRugPull} is stored as given
   * @param suspected tools whose change in this run added a tool-poisoning signal or raised the
   *     risk level
   * @return events marked suspected (including added ones that were marked)
   * @throws StoreException when the write fails (nothing is written then)
   */
  public synchronized int recordAssessedChanges(
      long runId, List<ToolChange> events, Collection<ToolKey> suspected) throws StoreException {
    Objects.requireNonNull(events, "events == null");
    Objects.requireNonNull(suspected, "suspected == null");
    return inTransaction(
        c -> {
          ChangeTable.insert(c, events);
          return ChangeTable.markSuspected(c, runId, suspected);
        });
  }

  /**
   * One historical definition of a tool, from {@code tool_definitions}.
   *
   * @return the definition, or empty when the store never saw that (server, name, hash)
   * @throws StoreException when the read fails or the stored JSON cannot be read back
   */
  public synchronized Optional<ToolDefinition> definition(
      String serverId, String toolName, String definitionHash) throws StoreException {
    String json =
        inTransaction(c -> ChangeTable.definitionJson(c, serverId, toolName, definitionHash));
    return json == null ? Optional.empty() : Optional.of(readTool(json));
  }

  /**
   * First seen, last seen and last changed of every tool the store ever saw, current or not. {@code
   * lastChanged} is the newest DESCRIPTION_CHANGED, SCHEMA_CHANGED or ANNOTATIONS_CHANGED event;
   * for history older than change events, the newest definition's first sighting.
   *
   * @return a new mutable map; holds the whole history's keys in memory (about 200 bytes a tool)
   * @throws StoreException when the read fails
   */
  public synchronized Map<ToolKey, ToolHistory> toolHistory() throws StoreException {
    return inTransaction(ChangeTable::history);
  }

  /**
   * Row counts.
   *
   * @throws StoreException when the read fails
   */
  public synchronized StoreCounts counts() throws StoreException {
    return inTransaction(ServerTable::counts);
  }

  /**
   * Closes the connection; the H2 database file is released when the last connection closes.
   *
   * @throws StoreException when closing fails
   */
  @Override
  public synchronized void close() throws StoreException {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new StoreException(
          "cannot close catalogue database at " + location + ": " + e.getMessage(), location, e);
    }
  }

  @FunctionalInterface
  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code work} in one transaction. Between transactions the connection stays in auto-commit
   * mode: a client of another process's H2 server (mixed mode) can then reconnect when that process
   * closes the database, which H2 refuses inside a transaction.
   */
  private <T> T inTransaction(Work<T> work) throws StoreException {
    try {
      connection.setAutoCommit(false);
      T result = work.run(connection);
      connection.commit();
      connection.setAutoCommit(true);
      return result;
    } catch (SQLException e) {
      try {
        connection.rollback();
        connection.setAutoCommit(true);
      } catch (SQLException rollbackFailure) {
        e.addSuppressed(rollbackFailure);
      }
      throw new StoreException(
          "catalogue database at " + location + ": " + e.getMessage(), location, e);
    }
  }

  static OffsetDateTime utc(Instant at) {
    return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
  }

  private <T> T readJson(String json, Class<T> type) throws StoreException {
    try {
      return Json.MAPPER.readValue(json, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new StoreException(
          "catalogue database at "
              + location
              + " holds a "
              + type.getSimpleName()
              + " that cannot be read: "
              + e.getMessage(),
          location,
          e);
    }
  }

  private ToolDefinition readTool(String json) throws StoreException {
    try {
      return ToolDefinition.of(Json.parse(json));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new StoreException(
          "catalogue database at " + location + " holds a tool that cannot be read", location, e);
    }
  }
}
