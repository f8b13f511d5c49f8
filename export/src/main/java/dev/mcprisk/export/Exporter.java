package dev.mcprisk.export;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mcprisk.files.FileTrees;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.CatalogueServer;
import dev.mcprisk.model.ServerEntry;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Writes exports: the whole export folder of {@code mcprisk run} ({@link #writeAll}) or one format
 * of {@code mcprisk export} ({@link #export}).
 *
 * <p>The export folder holds {@code catalogue.json}, {@code catalogue.ndjson}, {@code
 * intercept/<stem>.yaml} and {@code policylayer/<stem>.json} for every server with tools, stems
 * from {@link ExportFileNames}. Generated Intercept files are checked with {@link
 * InterceptPolicyValidator} before they are written: all of them in a catalogue of up to {@value
 * #VALIDATE_FIRST_FILES} servers with tools, and above that every file with non-ASCII or escaped
 * text plus a sample of the rest ({@link #validateInFull}).
 *
 * <p>Speed: {@link #writeAll} reads the catalogue once on the calling thread, which writes {@code
 * catalogue.json} and {@code catalogue.ndjson} (each server serialized once, the same bytes to
 * both), while a second thread renders, validates and writes the policy files.
 *
 * <p>Atomicity (shared/DESIGN.md, "Storage and files"): {@link #writeAll} writes everything into a
 * sibling folder {@code .<name>.writing-<nanos>}; then the old folder is renamed aside, the new one
 * renamed into place, and the old one deleted. The export folder is thus never half-written:
 * readers see the old export or the new one (between the two renames, which take microseconds, the
 * folder is briefly absent). Leftovers of a crashed run are removed by the next one. The catalogue
 * files and the folders are forced to disk; the per-server policy files are not forced one by one
 * (about 10 ms per fsync, minutes for 43,000 servers): a process crash cannot tear them, but after
 * a power loss the newest export's policy files may be incomplete until the next run. {@link
 * #export} replaces single files atomically and never deletes files it did not write.
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

  private static final String WRITING = ".writing-";
  private static final String PREVIOUS = ".previous-";

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
   *     #POLICY_QUEUE_SERVERS} servers at a time are held here (the policy thread's queue)
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
    removeLeftovers(parent, name);
    Path temp = parent.resolve("." + name + WRITING + System.nanoTime());
    try {
      Iterable<CatalogueServer> ordered =
          servers instanceof Collection<CatalogueServer> all ? sortedById(all) : servers;
      Path catalogueFile = Files.createDirectories(temp).resolve(CATALOGUE_FILE);
      Path ndjsonFile = temp.resolve(NDJSON_FILE);
      PolicyFiles policies;
      try (CatalogueFiles files =
          new CatalogueFiles(
              catalogueFile, ndjsonFile, generatedAt, classifierVersion, options, history)) {
        policies =
            writePoliciesAside(
                temp,
                selected(inIdOrder(ordered), options),
                files.pair()::add,
                generatedAt,
                options);
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
      swap(temp, target, parent.resolve("." + name + PREVIOUS + System.nanoTime()));
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
    PolicyWriter writer =
        new PolicyWriter(interceptDir, policyLayerDir, generatedAt, options, true, true);
    Path newCatalogue = Files.createTempFile(dir, "." + CATALOGUE_FILE + ".", ".tmp");
    Path newNdjson = Files.createTempFile(dir, "." + NDJSON_FILE + ".", ".tmp");
    try {
      try (InputStream oldIn = Files.newInputStream(oldNdjson);
          CatalogueFiles files =
              new CatalogueFiles(
                  newCatalogue, newNdjson, generatedAt, classifierVersion, options, history)) {
        Lines old = new Lines(oldIn, oldNdjson);
        if (!old.next()) {
          throw new IOException(oldNdjson + " is empty: no header line");
        }
        CatalogueJsonWriter.Pair out = files.pair();
        String oldId = old.nextId();
        for (CatalogueServer server : inIdOrder(changed)) {
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
      Lines old,
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
   * The whole export's counts during {@link #update}: those of the earlier export, less what each
   * dropped (replaced or removed) server line and its files held, plus what is written.
   */
  private static final class UpdateTally {
    private final Path interceptDir;
    private final Path policyLayerDir;
    int servers;
    int files;
    long tools;
    long policyBytes;

    UpdateTally(ExportStats previous, Path interceptDir, Path policyLayerDir) {
      this.interceptDir = interceptDir;
      this.policyLayerDir = policyLayerDir;
      servers = previous.servers();
      files = previous.interceptFiles();
      tools = previous.tools();
      policyBytes = previous.bytes();
    }

    /** Takes the old line {@code old} of a removed server out, and deletes its policy files. */
    void drop(Lines old, String id) throws IOException {
      replace(old, id);
      deleteFiles(id);
    }

    /**
     * Takes the old line {@code old} of {@code id} and its policy files out of the counts, leaving
     * the files in place for the new ones to replace.
     */
    void replace(Lines old, String id) throws IOException {
      servers--;
      tools -= old.tools();
      boolean had = false;
      for (Path file : policyFiles(id)) {
        if (Files.isRegularFile(file)) {
          policyBytes -= Files.size(file);
          had = true;
        }
      }
      if (had) {
        files--;
      }
    }

    /** Deletes the policy files of {@code id}, if any (already taken out of the counts). */
    void deleteFiles(String id) throws IOException {
      for (Path file : policyFiles(id)) {
        Files.deleteIfExists(file);
      }
    }

    private List<Path> policyFiles(String id) {
      String stem = ExportFileNames.forServer(id);
      return List.of(interceptDir.resolve(stem + ".yaml"), policyLayerDir.resolve(stem + ".json"));
    }
  }

  /**
   * {@code catalogue.json} and {@code catalogue.ndjson} written side by side into new files ({@link
   * CatalogueJsonWriter.Pair}), both forced to disk by {@link #finish}. Not thread-safe.
   */
  private static final class CatalogueFiles implements Closeable {
    private final FileOutputStream catalogueStream;
    private final OutputStream catalogueOut;
    private final FileOutputStream ndjsonStream;
    private final OutputStream ndjsonOut;
    private final CatalogueJsonWriter.Pair pair;

    CatalogueFiles(
        Path catalogueFile,
        Path ndjsonFile,
        Instant generatedAt,
        String classifierVersion,
        ExportOptions options,
        ToolHistoryLookup history)
        throws IOException {
      catalogueStream = new FileOutputStream(catalogueFile.toFile());
      catalogueOut = new BufferedOutputStream(catalogueStream, AtomicFiles.BUFFER_BYTES);
      try {
        ndjsonStream = new FileOutputStream(ndjsonFile.toFile());
      } catch (IOException | RuntimeException e) {
        catalogueOut.close();
        throw e;
      }
      ndjsonOut = new BufferedOutputStream(ndjsonStream, AtomicFiles.BUFFER_BYTES);
      try {
        pair =
            new CatalogueJsonWriter.Pair(
                catalogueOut, ndjsonOut, generatedAt, classifierVersion, options, history);
      } catch (IOException | RuntimeException e) {
        close();
        throw e;
      }
    }

    CatalogueJsonWriter.Pair pair() {
      return pair;
    }

    /** Ends both documents and forces both files to disk. */
    void finish() throws IOException {
      pair.finish();
      catalogueOut.flush();
      catalogueStream.getChannel().force(true);
      ndjsonOut.flush();
      ndjsonStream.getChannel().force(true);
    }

    @Override
    public void close() throws IOException {
      try {
        catalogueOut.close();
      } finally {
        ndjsonOut.close();
      }
    }
  }

  /** Most bytes of one line of an old {@code catalogue.ndjson}: 256 MiB. */
  static final int MAX_LINE_BYTES = 256 * 1024 * 1024;

  /**
   * The lines of a {@code catalogue.ndjson}, one at a time, as bytes without the newline. Not
   * thread-safe.
   */
  private static final class Lines {
    private final InputStream in;
    private final Path file;
    private final byte[] chunk = new byte[AtomicFiles.BUFFER_BYTES];
    private int chunkPos;
    private int chunkEnd;
    private byte[] line = new byte[64 * 1024];
    private int length;

    Lines(InputStream in, Path file) {
      this.in = in;
      this.file = file;
    }

    /** Reads the next line and returns its server id ({@link #id}); null at the end. */
    String nextId() throws IOException {
      return next() ? id() : null;
    }

    /** Reads the next line; false at the end of the file. */
    boolean next() throws IOException {
      length = 0;
      boolean any = false;
      while (true) {
        if (chunkPos == chunkEnd) {
          chunkEnd = in.read(chunk);
          chunkPos = 0;
          if (chunkEnd <= 0) {
            chunkEnd = 0;
            return any;
          }
        }
        any = true;
        int start = chunkPos;
        while (chunkPos < chunkEnd && chunk[chunkPos] != '\n') {
          chunkPos++;
        }
        append(start, chunkPos - start);
        if (chunkPos < chunkEnd) {
          chunkPos++; // the newline
          return true;
        }
      }
    }

    private void append(int from, int n) throws IOException {
      if (length + n > line.length) {
        if (length + n > MAX_LINE_BYTES) {
          throw new IOException("a catalogue.ndjson line is over " + MAX_LINE_BYTES + " bytes");
        }
        line = Arrays.copyOf(line, Math.max(length + n, line.length * 2));
      }
      System.arraycopy(chunk, from, line, length, n);
      length += n;
    }

    byte[] bytes() {
      return line;
    }

    int length() {
      return length;
    }

    /** The server id of this line: its first field, {@code "id"}. */
    String id() throws IOException {
      try (JsonParser p = Json.MAPPER.getFactory().createParser(line, 0, length)) {
        if (p.nextToken() == JsonToken.START_OBJECT
            && p.nextToken() == JsonToken.FIELD_NAME
            && "id".equals(p.currentName())
            && p.nextToken() == JsonToken.VALUE_STRING) {
          return p.getText();
        }
      }
      throw new IOException(file + ": a server line does not start with its \"id\"");
    }

    /** The number of tools of this line's server. */
    int tools() throws IOException {
      JsonNode tools = Json.MAPPER.readTree(line, 0, length).get("tools");
      return tools == null ? 0 : tools.size();
    }
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
        servers instanceof Collection<CatalogueServer> all ? sortedById(all) : inIdOrder(servers);
    Counted selected = new Counted(selected(ordered, options));
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
            writePolicies(dir, selected, generatedAt, options, EnumSet.of(format), true);
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

  /** Servers and tools of an iterable, counted as it is iterated (once). Not thread-safe. */
  private static final class Counted implements Iterable<CatalogueServer> {
    private final Iterable<CatalogueServer> all;
    int servers;
    long tools;

    Counted(Iterable<CatalogueServer> all) {
      this.all = all;
    }

    @Override
    public Iterator<CatalogueServer> iterator() {
      Iterator<CatalogueServer> it = all.iterator();
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return it.hasNext();
        }

        @Override
        public CatalogueServer next() {
          CatalogueServer next = it.next();
          servers++;
          tools += next.tools().size();
          return next;
        }
      };
    }
  }

  private static List<CatalogueServer> sortedById(Collection<CatalogueServer> servers) {
    List<CatalogueServer> sorted = new ArrayList<>(servers);
    sorted.sort(Comparator.comparing(s -> s.server().id(), Comparator.<String>naturalOrder()));
    return sorted;
  }

  /** Called with each server before its policy files are written. */
  @FunctionalInterface
  private interface ServerCallback {
    void accept(CatalogueServer server) throws IOException;
  }

  /**
   * {@code servers}, lazily, checking that each id sorts after the previous one.
   *
   * @throws IllegalArgumentException (from the iterator) when one does not
   */
  private static Iterable<CatalogueServer> inIdOrder(Iterable<CatalogueServer> servers) {
    return () ->
        new Iterator<>() {
          private final Iterator<CatalogueServer> all = servers.iterator();
          private String previous;

          @Override
          public boolean hasNext() {
            return all.hasNext();
          }

          @Override
          public CatalogueServer next() {
            CatalogueServer next = all.next();
            String id = next.server().id();
            if (previous != null && previous.compareTo(id) > 0) {
              throw new IllegalArgumentException(
                  "servers are not in id order: '" + id + "' after '" + previous + "'");
            }
            previous = id;
            return next;
          }
        };
  }

  /**
   * The servers {@code options} selects, as selected, lazily and in the order of {@code servers}.
   */
  private static Iterable<CatalogueServer> selected(
      Iterable<CatalogueServer> servers, ExportOptions options) {
    return () ->
        new Iterator<>() {
          private final Iterator<CatalogueServer> all = servers.iterator();
          private CatalogueServer next;

          @Override
          public boolean hasNext() {
            while (next == null && all.hasNext()) {
              next = options.select(all.next()).orElse(null);
            }
            return next != null;
          }

          @Override
          public CatalogueServer next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            CatalogueServer out = next;
            next = null;
            return out;
          }
        };
  }

  /**
   * What {@link #writePolicies} wrote: servers seen, files per format, bytes, tools, Intercept
   * rules.
   */
  private record PolicyFiles(int servers, int files, long bytes, long tools, RuleCounts rules) {}

  /**
   * Writes the policy files of one server after another and counts them. With {@code flat}, the
   * files go straight into {@code dir}, each replaced atomically; else into {@code dir/intercept}
   * and {@code dir/policylayer}, created new (inside a folder that is swapped in as a whole, so no
   * per-file rename is needed). Not thread-safe.
   */
  private static final class PolicyWriter {
    private final boolean intercept;
    private final boolean policyLayer;
    private final boolean flat;
    private final boolean validateAll;
    private final Path interceptDir;
    private final Path policyLayerDir;
    private final LocalDate date;
    private final ExportOptions options;
    private final Map<String, String> idByStem = new HashMap<>();
    private int seen;
    private int files;
    private long bytes;
    private long tools;
    private RuleCounts rules = RuleCounts.ZERO;

    PolicyWriter(
        Path dir,
        Instant generatedAt,
        ExportOptions options,
        Set<ExportFormat> formats,
        boolean flat)
        throws IOException {
      this.intercept = formats.contains(ExportFormat.INTERCEPT);
      this.policyLayer = formats.contains(ExportFormat.POLICYLAYER);
      this.flat = flat;
      this.validateAll = false;
      this.interceptDir =
          flat || !intercept ? dir : Files.createDirectories(dir.resolve(INTERCEPT_DIR));
      this.policyLayerDir =
          flat || !policyLayer ? dir : Files.createDirectories(dir.resolve(POLICYLAYER_DIR));
      this.date = LocalDate.ofInstant(generatedAt, ZoneOffset.UTC);
      this.options = options;
    }

    /**
     * Writes both formats into existing folders, each file replaced atomically ({@code replace}) or
     * created new.
     */
    PolicyWriter(
        Path interceptDir,
        Path policyLayerDir,
        Instant generatedAt,
        ExportOptions options,
        boolean replace,
        boolean validateAll) {
      this.intercept = true;
      this.policyLayer = true;
      this.flat = replace;
      this.validateAll = validateAll;
      this.interceptDir = interceptDir;
      this.policyLayerDir = policyLayerDir;
      this.date = LocalDate.ofInstant(generatedAt, ZoneOffset.UTC);
      this.options = options;
    }

    /**
     * Writes the files of one server (none when it has no tools).
     *
     * @throws IllegalStateException when its Intercept file fails {@link InterceptPolicyValidator}
     *     or its file name stem is taken by another server
     */
    void write(CatalogueServer server) throws IOException {
      seen++;
      if (server.tools().isEmpty()) {
        return;
      }
      String id = server.server().id();
      String stem = ExportFileNames.forServer(id);
      String other = idByStem.putIfAbsent(stem, id);
      if (other != null) {
        throw new IllegalStateException(
            "servers '" + other + "' and '" + id + "' map to the same file name stem " + stem);
      }
      if (intercept) {
        InterceptPolicy policy = InterceptPolicyWriter.render(server, date, options);
        List<String> violations =
            validateAll || validateInFull(files, policy.yaml())
                ? InterceptPolicyValidator.validate(policy.yaml())
                : List.of();
        if (!violations.isEmpty()) {
          throw new IllegalStateException(
              "generated Intercept policy for '" + id + "' is invalid: " + violations);
        }
        bytes += Exporter.write(interceptDir.resolve(stem + ".yaml"), policy.yaml(), flat);
        rules = rules.plus(policy.rules());
      }
      if (policyLayer) {
        bytes +=
            Exporter.write(
                policyLayerDir.resolve(stem + ".json"),
                PolicyLayerWriter.render(server, options),
                flat);
      }
      files++;
      tools += server.tools().size();
    }

    /** Forces the new folders to disk and returns the counts. */
    PolicyFiles finish() {
      if (validateAll) {
        return new PolicyFiles(seen, files, bytes, tools, rules);
      }
      if (intercept && !flat) {
        AtomicFiles.forceDirectory(interceptDir);
      }
      if (policyLayer && !flat) {
        AtomicFiles.forceDirectory(policyLayerDir);
      }
      return new PolicyFiles(seen, files, bytes, tools, rules);
    }
  }

  /**
   * Intercept files parsed and validated in full before any sampling starts: every file of a
   * catalogue of up to this many servers with tools (the default run has 21).
   */
  static final int VALIDATE_FIRST_FILES = 1_000;

  /** After {@link #VALIDATE_FIRST_FILES}, one plain Intercept file in this many is validated. */
  static final int VALIDATE_ONE_IN = 16;

  /**
   * Whether the {@code index}-th generated Intercept file (from 0) is parsed and checked with
   * {@link InterceptPolicyValidator} before it is written: the first {@value
   * #VALIDATE_FIRST_FILES}, every file that is not plain (any character outside printable ASCII and
   * line feed, any escape, any long key in the explicit {@code ? key} form: where the quoting of
   * {@link YamlText} does real work), and one in {@value #VALIDATE_ONE_IN} of the rest.
   *
   * <p>Why not all: the full check re-parses the YAML (SnakeYAML), about 4x the cost of rendering
   * it, and was a third of the export's CPU at 43,000 servers (issue 9). The writer is valid by
   * construction ({@link InterceptPolicyWriter}: fixed rule templates, names from the model's
   * validated records, every scalar double-quoted by {@link YamlText#quote}); the plain files
   * skipped here differ from the checked ones only in printable-ASCII text inside quotes and
   * comments, which cannot change a YAML document's structure. Tests validate every file of the
   * exports they write.
   */
  static boolean validateInFull(int index, String yaml) {
    if (index < VALIDATE_FIRST_FILES || index % VALIDATE_ONE_IN == 0) {
      return true;
    }
    for (int i = 0; i < yaml.length(); i++) {
      char c = yaml.charAt(i);
      if (c == '\\' || c >= 0x7F || (c < 0x20 && c != '\n')) {
        return true;
      }
    }
    return yaml.contains("\n  ? ");
  }

  /**
   * Writes the policy files of every server with tools, on this thread. With {@code flat}, the
   * files go straight into {@code dir}, each replaced atomically; else into {@code dir/intercept}
   * and {@code dir/policylayer}, created new.
   */
  private static PolicyFiles writePolicies(
      Path dir,
      Iterable<CatalogueServer> servers,
      Instant generatedAt,
      ExportOptions options,
      Set<ExportFormat> formats,
      boolean flat)
      throws IOException {
    PolicyWriter writer = new PolicyWriter(dir, generatedAt, options, formats, flat);
    for (CatalogueServer server : servers) {
      writer.write(server);
    }
    return writer.finish();
  }

  /** Servers handed from the reading thread to the policy thread, at most; bounds the memory. */
  static final int POLICY_QUEUE_SERVERS = 256;

  /** How long the reading thread waits for room in the queue before checking the policy thread. */
  private static final long QUEUE_POLL_MILLIS = 100;

  /** Marks the end of the servers in the policy queue. */
  private static final CatalogueServer END =
      new CatalogueServer(
          new ServerEntry("end", "end", null, null, null, null, null, null, "export", null),
          null,
          List.of());

  /**
   * Writes the Intercept and PolicyLayer files of every server with tools into {@code
   * dir/intercept} and {@code dir/policylayer} on a second thread, while this thread reads the
   * servers and passes each to {@code eachServer} (the catalogue files): on two cores the
   * rendering, validation and writing of 86,000 small files overlaps the catalogue's JSON. The
   * servers go through a queue of {@value #POLICY_QUEUE_SERVERS} servers at most, in order. Every
   * Intercept file is still validated before the export is swapped in; the first failure on either
   * thread ends both and is thrown here.
   */
  private static PolicyFiles writePoliciesAside(
      Path dir,
      Iterable<CatalogueServer> servers,
      ServerCallback eachServer,
      Instant generatedAt,
      ExportOptions options)
      throws IOException {
    PolicyWriter writer =
        new PolicyWriter(
            dir,
            generatedAt,
            options,
            EnumSet.of(ExportFormat.INTERCEPT, ExportFormat.POLICYLAYER),
            false);
    BlockingQueue<CatalogueServer> queue = new ArrayBlockingQueue<>(POLICY_QUEUE_SERVERS);
    ExecutorService thread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "export-policies");
              t.setDaemon(true);
              return t;
            });
    try {
      Future<PolicyFiles> done =
          thread.submit(
              () -> {
                for (CatalogueServer next = queue.take(); next != END; next = queue.take()) {
                  writer.write(next);
                }
                return writer.finish();
              });
      for (CatalogueServer server : servers) {
        eachServer.accept(server);
        hand(queue, server, done);
      }
      hand(queue, END, done);
      return done.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while writing the policy files");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    } finally {
      thread.shutdownNow();
      try {
        thread.awaitTermination(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Puts {@code server} into the queue, waiting for room; when the policy thread has ended (it
   * failed), gets its outcome, which throws.
   */
  private static void hand(
      BlockingQueue<CatalogueServer> queue, CatalogueServer server, Future<PolicyFiles> done)
      throws InterruptedException, ExecutionException {
    while (!queue.offer(server, QUEUE_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
      if (done.isDone()) {
        done.get();
        throw new IllegalStateException("the policy thread ended before the last server");
      }
    }
  }

  private static long write(Path file, String text, boolean replace) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (replace) {
      AtomicFiles.replace(file, bytes);
    } else {
      // A fresh folder, stems checked unique: plain create-and-write (faster than Files.write).
      try (FileOutputStream out = new FileOutputStream(file.toFile())) {
        out.write(bytes);
      }
    }
    return bytes.length;
  }

  private static void swap(Path fresh, Path target, Path previous) throws IOException {
    boolean hadOld = Files.exists(target);
    if (hadOld) {
      Files.move(target, previous, StandardCopyOption.ATOMIC_MOVE);
    }
    try {
      Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      if (hadOld) {
        Files.move(previous, target, StandardCopyOption.ATOMIC_MOVE);
      }
      throw e;
    }
    AtomicFiles.forceDirectory(target.getParent());
    if (hadOld) {
      FileTrees.delete(previous);
    }
  }

  private static void removeLeftovers(Path parent, String name) throws IOException {
    try (DirectoryStream<Path> siblings =
        Files.newDirectoryStream(
            parent, p -> p.getFileName().toString().startsWith("." + name + "."))) {
      for (Path sibling : siblings) {
        String rest = sibling.getFileName().toString().substring(name.length() + 1);
        if (rest.startsWith(WRITING) || rest.startsWith(PREVIOUS)) {
          if (rest.startsWith(PREVIOUS) && !Files.exists(parent.resolve(name))) {
            // A crash between the two renames: the previous export is the last good one.
            Files.move(sibling, parent.resolve(name), StandardCopyOption.ATOMIC_MOVE);
          } else {
            FileTrees.delete(sibling);
          }
        }
      }
    }
  }
}
