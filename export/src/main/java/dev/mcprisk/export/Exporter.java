package dev.mcprisk.export;

import dev.mcprisk.files.FileTrees;
import dev.mcprisk.model.CatalogueServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Writes exports: the whole export folder of {@code mcprisk run} ({@link #writeAll}) or one format
 * of {@code mcprisk export} ({@link #export}).
 *
 * <p>The export folder holds {@code catalogue.json}, {@code catalogue.ndjson}, {@code
 * intercept/<stem>.yaml} and {@code policylayer/<stem>.json} for every server with tools, stems
 * from {@link ExportFileNames}. Generated Intercept files are checked with {@link
 * InterceptPolicyValidator} before they are written: all of them in a catalogue of up to {@value
 * PolicyFileWriter#VALIDATE_FIRST_FILES} servers with tools, and above that every file with
 * non-ASCII or escaped text plus a sample of the rest ({@link PolicyFileWriter#validateInFull}).
 *
 * <p>Speed: {@link #writeAll} reads the catalogue once on the calling thread, which writes {@code
 * catalogue.json} and {@code catalogue.ndjson} (each server serialized once, the same bytes to
 * both), while a second thread renders, validates and writes the policy files.
 *
 * <p>Atomicity (write beside, then move): {@link #writeAll} writes everything into a sibling folder
 * {@code .<name>.writing-<nanos>} ({@link ExportFolder}); then the old folder is renamed aside, the
 * new one renamed into place, and the old one deleted. The export folder is thus never
 * half-written: readers see the old export or the new one (between the two renames, which take
 * microseconds, the folder is briefly absent). Leftovers of a crashed run are removed by the next
 * one. The catalogue files and the folders are forced to disk; the per-server policy files are not
 * forced one by one (about 10 ms per fsync, minutes for 43,000 servers): a process crash cannot
 * tear them, but after a power loss the newest export's policy files may be incomplete until the
 * next run. {@link #export} replaces single files atomically and never deletes files it did not
 * write.
 *
 * <p>This class keeps the sequence of each call; the parts are package-private: {@link
 * PolicyFileWriter} (the policy files of one server after another), {@link PolicyThread} (those
 * files on a thread of their own), {@link CatalogueFiles} and {@link CatalogueJsonWriter} (the
 * catalogue files), {@link NdjsonLines} (the old lines an update copies), {@link UpdateTally} (the
 * counts of an update), {@link ServerOrder} and {@link CountedServers} (order, selection, counts of
 * the servers iterated) and {@link ExportFolder} (the folder swap).
 *
 * <p>Thread-safe: stateless, but two concurrent runs on the same folder are not supported. {@link
 * #writeAll} starts one thread of its own and ends it before it returns; the catalogue is iterated
 * on the calling thread only.
 */
public final class Exporter {
  /** Name of the catalogue document inside the export folder. */
  public static final String CATALOGUE_FILE = "catalogue.json";

  /** Name of the one-server-per-line catalogue inside the export folder. */
  public static final String NDJSON_FILE = "catalogue.ndjson";

  /** Folder of Intercept policy files. */
  public static final String INTERCEPT_DIR = "intercept";

  /** Folder of PolicyLayer policy files. */
  public static final String POLICYLAYER_DIR = "policylayer";

  private Exporter() {}

  /**
   * Replaces {@code exportDir} with a fresh export under the {@link ExportOptions#DEFAULTS} and no
   * tool history: the call of {@code mcprisk run}.
   *
   * @see #writeAll(Path, Iterable, Instant, String, ExportOptions, ToolHistoryLookup)
   */
  public static ExportStats writeAll(
      Path exportDir,
      Iterable<CatalogueServer> servers,
      Instant generatedAt,
      String classifierVersion)
      throws IOException {
    return writeAll(
        exportDir,
        servers,
        generatedAt,
        classifierVersion,
        ExportOptions.DEFAULTS,
        ToolHistoryLookup.NONE);
  }

  /**
   * Replaces {@code exportDir} with a fresh export of every format.
   *
   * @param exportDir the export folder, e.g. {@code ~/.mcprisk/export}; its parent is created when
   *     missing
   * @param servers the catalogue: a {@link Collection} in any order (it is sorted by id here), or
   *     any other {@link Iterable} yielding the servers in id order (ordinal), e.g. paged out of
   *     the store; such an iterable is iterated once, on the calling thread, and at most {@value
   *     PolicyThread#POLICY_QUEUE_SERVERS} servers at a time are held here (the policy thread's
   *     queue)
   * @param generatedAt when the catalogue was generated; its UTC date dates the policies
   * @param classifierVersion version of the classifier whose assessments are included
   * @param options profile, default action, hiding and filters
   * @param history first-seen and last-changed dates per tool for the catalogue files; asked for
   *     the tools of the server being written, right after the iterator yielded it
   * @return what was written, with the Intercept rules by kind
   * @throws IOException when writing fails; the previous export is then left in place
   * @throws IllegalArgumentException when a streamed (non-collection) iterable yields a server
   *     whose id sorts before the previous one's; the previous export is then left in place
   * @throws IllegalStateException when a generated Intercept file fails {@link
   *     InterceptPolicyValidator} or two servers map to one file name (both are bugs)
   */
  public static ExportStats writeAll(
      Path exportDir,
      Iterable<CatalogueServer> servers,
      Instant generatedAt,
      String classifierVersion,
      ExportOptions options,
      ToolHistoryLookup history)
      throws IOException {
    Objects.requireNonNull(exportDir, "exportDir == null");
    Objects.requireNonNull(servers, "servers == null");
    Objects.requireNonNull(generatedAt, "generatedAt == null");
    Objects.requireNonNull(classifierVersion, "classifierVersion == null");
    Objects.requireNonNull(options, "options == null");
    Objects.requireNonNull(history, "history == null");
    Path target = exportDir.toAbsolutePath().normalize();
    Path parent = target.getParent();
    Files.createDirectories(parent);
    String name = target.getFileName().toString();
    ExportFolder.removeLeftovers(parent, name);
    Path temp = ExportFolder.writing(parent, name);
    try {
      Iterable<CatalogueServer> ordered =
          servers instanceof Collection<CatalogueServer> all
              ? ServerOrder.sortedById(all)
              : servers;
      Path catalogueFile = Files.createDirectories(temp).resolve(CATALOGUE_FILE);
      Path ndjsonFile = temp.resolve(NDJSON_FILE);
      PolicyFiles policies;
      try (CatalogueFiles files =
          new CatalogueFiles(
              catalogueFile, ndjsonFile, generatedAt, classifierVersion, options, history)) {
        policies =
            PolicyThread.write(
                PolicyFileWriter.intoNewFolders(temp, generatedAt, options),
                ServerOrder.selected(ServerOrder.inIdOrder(ordered), options),
                files.pair()::add);
        files.finish();
      }
      long bytes = Files.size(catalogueFile) + Files.size(ndjsonFile);
      AtomicFiles.forceDirectory(temp);
      ExportStats stats =
          new ExportStats(
              policies.servers(),
              policies.files(),
              policies.files(),
              bytes + policies.bytes(),
              policies.tools(),
              policies.rules());
      ExportFolder.swap(temp, target, ExportFolder.previous(parent, name));
      return stats;
    } catch (IOException | RuntimeException e) {
      FileTrees.delete(temp);
      throw e;
    }
  }

  /**
   * Brings an export folder written by {@link #writeAll} (with the same options, classifier and
   * schema version) up to date with the servers that changed since, in place: the incremental
   * export of the nightly run, where 1 % of the servers changed.
   *
   * <p>{@code catalogue.json} and {@code catalogue.ndjson} are written anew beside the old ones and
   * renamed over them (each replace is atomic): a new header with {@code generatedAt}; the lines of
   * the unchanged servers copied byte for byte from the old {@code catalogue.ndjson}; the changed
   * servers serialized again; the removed ones dropped. The policy files of each changed server are
   * replaced one by one (atomically, not forced to disk), and those of a removed server, or of a
   * changed one that now has no tools, deleted. Unchanged servers keep their files and the policy
   * date of the run that last wrote them. Every Intercept file written is validated.
   *
   * <p>Atomicity is per file, not per folder as with {@link #writeAll}: a reader between two
   * replaces may see a new policy file next to an older {@code catalogue.json}. A crash part-way
   * leaves every file whole; the caller then forgets its export state, so the next run writes the
   * folder anew.
   *
   * @param exportDir the folder {@link #writeAll} wrote
   * @param changed the servers added or changed since, in id order (ordinal), iterated once; each
   *     replaces the line of the same id, or is inserted
   * @param removed ids of servers to drop (their lines and policy files)
   * @param generatedAt when the catalogue was generated; its UTC date dates the new policies
   * @param classifierVersion version of the classifier whose assessments are included
   * @param options profile, default action, hiding and filters: those of the earlier export
   * @param history first-seen and last-changed dates per tool of the changed servers
   * @param previous what the earlier export reported ({@link #writeAll} or this method)
   * @return the export folder after the update: servers, files, tools and bytes of the whole
   *     folder; {@code rules} are those of the Intercept files written by this call only
   * @throws IOException when reading the old catalogue or writing fails (files not yet replaced
   *     keep their content), or the folder is not a {@link #writeAll} export
   * @throws IllegalArgumentException when {@code changed} is not in id order
   * @throws IllegalStateException when a generated Intercept file fails {@link
   *     InterceptPolicyValidator} (a bug)
   */
  public static ExportStats update(
      Path exportDir,
      Iterable<CatalogueServer> changed,
      Set<String> removed,
      Instant generatedAt,
      String classifierVersion,
      ExportOptions options,
      ToolHistoryLookup history,
      ExportStats previous)
      throws IOException {
    Objects.requireNonNull(exportDir, "exportDir == null");
    Objects.requireNonNull(changed, "changed == null");
    Objects.requireNonNull(removed, "removed == null");
    Objects.requireNonNull(generatedAt, "generatedAt == null");
    Objects.requireNonNull(classifierVersion, "classifierVersion == null");
    Objects.requireNonNull(options, "options == null");
    Objects.requireNonNull(history, "history == null");
    Objects.requireNonNull(previous, "previous == null");
    Path dir = exportDir.toAbsolutePath().normalize();
    Path oldNdjson = dir.resolve(NDJSON_FILE);
    Path oldCatalogue = dir.resolve(CATALOGUE_FILE);
    Path interceptDir = dir.resolve(INTERCEPT_DIR);
    Path policyLayerDir = dir.resolve(POLICYLAYER_DIR);
    for (Path p : List.of(oldNdjson, oldCatalogue)) {
      if (!Files.isRegularFile(p)) {
        throw new IOException("not an export folder written by mcprisk run: " + p + " is missing");
      }
    }
    for (Path p : List.of(interceptDir, policyLayerDir)) {
      if (!Files.isDirectory(p)) {
        throw new IOException("not an export folder written by mcprisk run: " + p + " is missing");
      }
    }
    UpdateTally tally = new UpdateTally(previous, interceptDir, policyLayerDir);
    tally.policyBytes -= Files.size(oldNdjson) + Files.size(oldCatalogue);
    PolicyFileWriter writer =
        PolicyFileWriter.replacingIn(interceptDir, policyLayerDir, generatedAt, options);
    Path newCatalogue = Files.createTempFile(dir, "." + CATALOGUE_FILE + ".", ".tmp");
    Path newNdjson = Files.createTempFile(dir, "." + NDJSON_FILE + ".", ".tmp");
    try {
      try (InputStream oldIn = Files.newInputStream(oldNdjson);
          CatalogueFiles files =
              new CatalogueFiles(
                  newCatalogue, newNdjson, generatedAt, classifierVersion, options, history)) {
        NdjsonLines old = new NdjsonLines(oldIn, oldNdjson);
        if (!old.next()) {
          throw new IOException(oldNdjson + " is empty: no header line");
        }
        CatalogueJsonWriter.Pair out = files.pair();
        String oldId = old.nextId();
        for (CatalogueServer server : ServerOrder.inIdOrder(changed)) {
          String id = server.server().id();
          oldId = copyOldLines(old, oldId, id, removed, out, tally);
          if (id.equals(oldId)) {
            tally.replace(old, oldId);
            oldId = old.nextId();
          }
          Optional<CatalogueServer> selected = options.select(server);
          if (selected.isPresent()) {
            out.add(selected.get());
            tally.servers++;
            tally.tools += selected.get().tools().size();
          }
          if (selected.isPresent() && !selected.get().tools().isEmpty()) {
            writer.write(selected.get()); // replaces its files
          } else {
            tally.deleteFiles(id);
          }
        }
        copyOldLines(old, oldId, null, removed, out, tally);
        files.finish();
      }
      Files.move(
          newNdjson,
          oldNdjson,
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      Files.move(
          newCatalogue,
          oldCatalogue,
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      AtomicFiles.forceDirectory(dir);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(newNdjson);
      Files.deleteIfExists(newCatalogue);
      throw e;
    }
    PolicyFiles written = writer.finish();
    AtomicFiles.forceDirectory(interceptDir);
    AtomicFiles.forceDirectory(policyLayerDir);
    int files = tally.files + written.files();
    return new ExportStats(
        tally.servers,
        files,
        files,
        Files.size(oldNdjson) + Files.size(oldCatalogue) + tally.policyBytes + written.bytes(),
        tally.tools,
        written.rules());
  }

  /**
   * Copies the old server lines from {@code oldId} up to {@code beforeId} (to the end when null)
   * into {@code out}, leaving out the removed servers (and deleting their policy files).
   *
   * @return the id of the first old line not copied; null at the end of the old file
   */
  private static String copyOldLines(
      NdjsonLines old,
      String oldId,
      String beforeId,
      Set<String> removed,
      CatalogueJsonWriter.Pair out,
      UpdateTally tally)
      throws IOException {
    while (oldId != null && (beforeId == null || oldId.compareTo(beforeId) < 0)) {
      if (removed.contains(oldId)) {
        tally.drop(old, oldId);
      } else {
        out.addLine(old.bytes(), old.length());
      }
      oldId = old.nextId();
    }
    return oldId;
  }

  /**
   * Writes one format, the call of {@code mcprisk export}, with no tool history.
   *
   * @see #export(ExportFormat, List, ExportOptions, Path, Instant, String, ToolHistoryLookup)
   */
  public static ExportStats export(
      ExportFormat format,
      Iterable<CatalogueServer> servers,
      ExportOptions options,
      Path out,
      Instant generatedAt,
      String classifierVersion)
      throws IOException {
    return export(
        format, servers, options, out, generatedAt, classifierVersion, ToolHistoryLookup.NONE);
  }

  /**
   * Writes one format of the catalogue.
   *
   * <p>{@code catalogue} and {@code ndjson} write the file {@code out}, replaced atomically. {@code
   * intercept} and {@code policylayer} write one file per selected server with tools into the
   * folder {@code out} (created when missing), each replaced atomically; other files in the folder
   * are left alone. Servers and tools are selected by {@link ExportOptions#select}.
   *
   * @param format what to write
   * @param servers the catalogue: a {@link Collection} in any order (sorted by id here), or any
   *     other {@link Iterable} yielding the servers in id order (ordinal), e.g. paged out of the
   *     store, which is iterated once, so memory is bounded by what it holds
   * @param options profile, default action, hiding and filters
   * @param out the file (catalogue, ndjson) or folder (intercept, policylayer)
   * @param generatedAt when the catalogue was generated; its UTC date dates the policies
   * @param classifierVersion version of the classifier whose assessments are included
   * @param history first-seen and last-changed dates per tool for the catalogue formats
   * @return what was written: {@code servers} counts the servers written (for the per-server
   *     formats, those with a file); {@code rules} is filled for {@code intercept}
   * @throws IOException when writing fails; files not yet replaced keep their old content
   * @throws IllegalArgumentException when a streamed (non-collection) iterable yields a server
   *     whose id sorts before the previous one's
   * @throws IllegalStateException when a generated Intercept file fails {@link
   *     InterceptPolicyValidator} or two servers map to one file name (both are bugs)
   */
  public static ExportStats export(
      ExportFormat format,
      Iterable<CatalogueServer> servers,
      ExportOptions options,
      Path out,
      Instant generatedAt,
      String classifierVersion,
      ToolHistoryLookup history)
      throws IOException {
    Objects.requireNonNull(format, "format == null");
    Objects.requireNonNull(servers, "servers == null");
    Objects.requireNonNull(options, "options == null");
    Objects.requireNonNull(out, "out == null");
    Objects.requireNonNull(generatedAt, "generatedAt == null");
    Objects.requireNonNull(classifierVersion, "classifierVersion == null");
    Objects.requireNonNull(history, "history == null");
    Iterable<CatalogueServer> ordered =
        servers instanceof Collection<CatalogueServer> all
            ? ServerOrder.sortedById(all)
            : ServerOrder.inIdOrder(servers);
    CountedServers selected = new CountedServers(ServerOrder.selected(ordered, options));
    return switch (format) {
      case CATALOGUE, NDJSON -> {
        // the writers select again: ExportOptions.select is idempotent
        long bytes =
            format == ExportFormat.CATALOGUE
                ? CatalogueJsonWriter.writeOrdered(
                    out, selected, generatedAt, classifierVersion, options, history, false)
                : CatalogueJsonWriter.writeOrdered(
                    out, selected, generatedAt, classifierVersion, options, history, true);
        yield new ExportStats(selected.servers, 0, 0, bytes, selected.tools, RuleCounts.ZERO);
      }
      case INTERCEPT, POLICYLAYER -> {
        Path dir = Files.createDirectories(out.toAbsolutePath().normalize());
        PolicyFiles files =
            PolicyFileWriter.intoFolder(dir, format, generatedAt, options).writeAll(selected);
        AtomicFiles.forceDirectory(dir);
        yield new ExportStats(
            files.files(),
            format == ExportFormat.INTERCEPT ? files.files() : 0,
            format == ExportFormat.POLICYLAYER ? files.files() : 0,
            files.bytes(),
            files.tools(),
            files.rules());
      }
    };
  }
}
