package dev.mcprisk.export;

import dev.mcprisk.model.CatalogueServer;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the Intercept ({@code <stem>.yaml}) and PolicyLayer ({@code <stem>.json}) files of one
 * server after another, stems from {@link ExportFileNames}, and counts them. Made by one of three
 * factories, one per caller: {@link #intoNewFolders} (a fresh export folder), {@link #intoFolder}
 * (one format of {@code mcprisk export}) and {@link #replacingIn} (the in-place update).
 *
 * <p>Not thread-safe: one writer per export, used by one thread at a time.
 */
final class PolicyFileWriter {
  /** How each policy file reaches its folder. */
  enum FileMode {
    /**
     * Created new with a plain write: the folder is fresh and swapped in as a whole, and stems are
     * checked unique, so no per-file rename is needed; the folders are forced to disk by {@link
     * #finish}.
     */
    CREATE,
    /** Replaced atomically, each on its own ({@link AtomicFiles#replace}), not forced to disk. */
    REPLACE
  }

  /** Which generated Intercept files are checked with {@link InterceptPolicyValidator}. */
  enum Validation {
    /** Those {@link #validateInFull} picks. */
    SAMPLED,
    /** Every one. */
    EVERY_FILE
  }

  /**
   * Intercept files parsed and validated in full before any sampling starts: every file of a
   * catalogue of up to this many servers with tools (the default run has 21).
   */
  static final int VALIDATE_FIRST_FILES = 1_000;

  /** After {@link #VALIDATE_FIRST_FILES}, one plain Intercept file in this many is validated. */
  static final int VALIDATE_ONE_IN = 16;

  private final boolean intercept;
  private final boolean policyLayer;
  private final FileMode mode;
  private final Validation validation;
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

  private PolicyFileWriter(
      Set<ExportFormat> formats,
      Path interceptDir,
      Path policyLayerDir,
      FileMode mode,
      Validation validation,
      Instant generatedAt,
      ExportOptions options) {
    this.intercept = formats.contains(ExportFormat.INTERCEPT);
    this.policyLayer = formats.contains(ExportFormat.POLICYLAYER);
    this.mode = mode;
    this.validation = validation;
    this.interceptDir = interceptDir;
    this.policyLayerDir = policyLayerDir;
    this.date = LocalDate.ofInstant(generatedAt, ZoneOffset.UTC);
    this.options = options;
  }

  /**
   * Both formats into {@code dir/intercept} and {@code dir/policylayer}, created here, files {@link
   * FileMode#CREATE created}, Intercept files {@link Validation#SAMPLED sampled}.
   *
   * @param dir a fresh folder
   * @param generatedAt its UTC date dates the policies
   * @throws IOException when a folder cannot be created
   */
  static PolicyFileWriter intoNewFolders(Path dir, Instant generatedAt, ExportOptions options)
      throws IOException {
    return new PolicyFileWriter(
        EnumSet.of(ExportFormat.INTERCEPT, ExportFormat.POLICYLAYER),
        Files.createDirectories(dir.resolve(Exporter.INTERCEPT_DIR)),
        Files.createDirectories(dir.resolve(Exporter.POLICYLAYER_DIR)),
        FileMode.CREATE,
        Validation.SAMPLED,
        generatedAt,
        options);
  }

  /**
   * One policy format straight into {@code dir}, each file {@link FileMode#REPLACE replaced},
   * Intercept files {@link Validation#SAMPLED sampled}.
   *
   * @param dir an existing folder; its other files are left alone
   * @param format {@link ExportFormat#INTERCEPT} or {@link ExportFormat#POLICYLAYER}
   */
  static PolicyFileWriter intoFolder(
      Path dir, ExportFormat format, Instant generatedAt, ExportOptions options) {
    return new PolicyFileWriter(
        EnumSet.of(format), dir, dir, FileMode.REPLACE, Validation.SAMPLED, generatedAt, options);
  }

  /**
   * Both formats into existing folders, each file {@link FileMode#REPLACE replaced}, {@link
   * Validation#EVERY_FILE every} Intercept file validated.
   */
  static PolicyFileWriter replacingIn(
      Path interceptDir, Path policyLayerDir, Instant generatedAt, ExportOptions options) {
    return new PolicyFileWriter(
        EnumSet.of(ExportFormat.INTERCEPT, ExportFormat.POLICYLAYER),
        interceptDir,
        policyLayerDir,
        FileMode.REPLACE,
        Validation.EVERY_FILE,
        generatedAt,
        options);
  }

  /**
   * Writes the files of every server of {@code servers} and returns the counts ({@link #finish}).
   */
  PolicyFiles writeAll(Iterable<CatalogueServer> servers) throws IOException {
    for (CatalogueServer server : servers) {
      write(server);
    }
    return finish();
  }

  /**
   * Writes the files of one server (none when it has no tools).
   *
   * @throws IOException when a file cannot be written
   * @throws IllegalStateException when its Intercept file fails {@link InterceptPolicyValidator} or
   *     its file name stem is taken by another server
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
          validation == Validation.EVERY_FILE || validateInFull(files, policy.yaml())
              ? InterceptPolicyValidator.validate(policy.yaml())
              : List.of();
      if (!violations.isEmpty()) {
        throw new IllegalStateException(
            "generated Intercept policy for '" + id + "' is invalid: " + violations);
      }
      bytes += write(interceptDir.resolve(stem + ".yaml"), policy.yaml(), mode);
      rules = rules.plus(policy.rules());
    }
    if (policyLayer) {
      bytes +=
          write(
              policyLayerDir.resolve(stem + ".json"),
              PolicyLayerWriter.render(server, options),
              mode);
    }
    files++;
    tools += server.tools().size();
  }

  /** Forces the folders of {@link FileMode#CREATE created} files to disk and returns the counts. */
  PolicyFiles finish() {
    if (mode == FileMode.CREATE) {
      if (intercept) {
        AtomicFiles.forceDirectory(interceptDir);
      }
      if (policyLayer) {
        AtomicFiles.forceDirectory(policyLayerDir);
      }
    }
    return new PolicyFiles(seen, files, bytes, tools, rules);
  }

  /**
   * Whether the {@code index}-th generated Intercept file (from 0) is parsed and checked with
   * {@link InterceptPolicyValidator} before it is written: the first {@value
   * #VALIDATE_FIRST_FILES}, every file that is not plain (any character outside printable ASCII and
   * line feed, any escape, any long key in the explicit {@code ? key} form: where the quoting of
   * {@link YamlText} does real work), and one in {@value #VALIDATE_ONE_IN} of the rest.
   *
   * <p>Why not all: the full check re-parses the YAML (SnakeYAML), about 4x the cost of rendering
   * it, and was a third of the export's CPU at 43,000 servers (BENCHMARKS.md). The writer is valid
   * by construction ({@link InterceptPolicyWriter}: fixed rule templates, names from the model's
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
   * Writes {@code text} as UTF-8 to {@code file} the {@code mode} way; returns the bytes written.
   */
  private static long write(Path file, String text, FileMode mode) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (mode == FileMode.REPLACE) {
      AtomicFiles.replace(file, bytes);
    } else {
      // A fresh folder, stems checked unique: plain create-and-write (faster than Files.write).
      try (FileOutputStream out = new FileOutputStream(file.toFile())) {
        out.write(bytes);
      }
    }
    return bytes.length;
  }
}
