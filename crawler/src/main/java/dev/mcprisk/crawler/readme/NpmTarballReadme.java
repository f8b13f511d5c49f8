package dev.mcprisk.crawler.readme;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Reads the README from an npm package tarball ({@code .tgz}: a gzip-compressed ustar archive whose
 * files sit under one top folder, normally {@code package/}).
 *
 * <p>Needed because the registry's packuments often carry no {@code readme} field: on 2026-11-21
 * none of the 21 servers in the bundled captures had one (registry.npmjs.org), while every tarball
 * but one shipped {@code package/README.md}. The README is the first file in the top folder named
 * {@code README}, {@code README.md}, {@code README.markdown} or {@code README.txt} (any case), as
 * npm picks it for npmjs.com.
 *
 * <p>Bounded: at most {@link #MAX_UNPACKED_BYTES} are unpacked (a gzip bomb fails fast) and the
 * README is cut at {@link ReadmeToolExtractor#MAX_INPUT_CHARS} bytes, so it fits the extractor.
 * Format: POSIX ustar (IEEE Std 1003.1-2001, "pax" format), as written by node-tar.
 *
 * <p>Thread-safe: stateless.
 */
public final class NpmTarballReadme {

  /** Most bytes unpacked from one tarball before giving up: 64 MiB. */
  public static final long MAX_UNPACKED_BYTES = 64L * 1024 * 1024;

  private static final int BLOCK = 512;
  private static final Pattern README =
      Pattern.compile("[^/]+/readme(?:\\.(?:md|markdown|txt))?", Pattern.CASE_INSENSITIVE);

  private NpmTarballReadme() {}

  /**
   * The README text (UTF-8, malformed bytes replaced), or empty when the tarball has none.
   *
   * @param tgz the tarball; read up to the README (or to the end), not closed
   * @throws IOException when the stream is not gzip, the archive is malformed, or it unpacks to
   *     more than {@link #MAX_UNPACKED_BYTES} before the README
   * @throws NullPointerException when {@code tgz} is null
   */
  public static Optional<String> read(InputStream tgz) throws IOException {
    Objects.requireNonNull(tgz, "tgz == null");
    InputStream tar = new GZIPInputStream(tgz);
    byte[] header = new byte[BLOCK];
    long unpacked = 0;
    while (true) {
      if (!readBlock(tar, header)) {
        return Optional.empty();
      }
      unpacked += BLOCK;
      if (isZero(header)) {
        return Optional.empty();
      }
      long size = octal(header, 124, 12);
      long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
      if (unpacked + padded > MAX_UNPACKED_BYTES) {
        throw new IOException(
            "tarball unpacks to more than " + MAX_UNPACKED_BYTES + " bytes before its README");
      }
      char type = (char) header[156];
      String path = path(header);
      if ((type == '0' || type == '\0') && README.matcher(path).matches()) {
        return Optional.of(readme(tar, size));
      }
      skip(tar, padded);
      unpacked += padded;
    }
  }

  private static String readme(InputStream tar, long size) throws IOException {
    int kept = (int) Math.min(size, ReadmeToolExtractor.MAX_INPUT_CHARS);
    byte[] bytes = tar.readNBytes(kept);
    if (bytes.length < kept) {
      throw new EOFException("tarball ends inside its README");
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static String path(byte[] header) {
    String name = field(header, 0, 100);
    boolean ustar = field(header, 257, 5).equals("ustar");
    String prefix = ustar ? field(header, 345, 155) : "";
    String path = prefix.isEmpty() ? name : prefix + "/" + name;
    return path.startsWith("./") ? path.substring(2) : path;
  }

  private static String field(byte[] header, int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return new String(header, offset, end - offset, StandardCharsets.UTF_8);
  }

  private static long octal(byte[] header, int offset, int length) throws IOException {
    if ((header[offset] & 0x80) != 0) {
      throw new IOException("tar entry size in base-256 (over 8 GiB) is not supported");
    }
    String text = field(header, offset, length).strip();
    if (text.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(text.toLowerCase(Locale.ROOT), 8);
    } catch (NumberFormatException e) {
      throw new IOException("malformed tar entry size '" + text + "'", e);
    }
  }

  private static boolean readBlock(InputStream tar, byte[] block) throws IOException {
    int read = tar.readNBytes(block, 0, BLOCK);
    if (read == 0) {
      return false;
    }
    if (read < BLOCK) {
      throw new EOFException("tarball ends inside a header");
    }
    return true;
  }

  private static void skip(InputStream tar, long bytes) throws IOException {
    tar.skipNBytes(bytes);
  }

  private static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }
}
