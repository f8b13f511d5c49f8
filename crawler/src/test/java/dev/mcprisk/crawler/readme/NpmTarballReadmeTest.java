package dev.mcprisk.crawler.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class NpmTarballReadmeTest {

  /** Writes a gzip-compressed ustar archive of the given (path, content) pairs. */
  private static byte[] tgz(String... pathsAndContents) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream gzip = new GZIPOutputStream(bytes)) {
      for (int i = 0; i < pathsAndContents.length; i += 2) {
        byte[] content = pathsAndContents[i + 1].getBytes(StandardCharsets.UTF_8);
        entry(gzip, pathsAndContents[i], content.length);
        gzip.write(content);
        gzip.write(new byte[(512 - content.length % 512) % 512]);
      }
      gzip.write(new byte[1024]);
    }
    return bytes.toByteArray();
  }

  private static void entry(OutputStream out, String path, long size) throws IOException {
    byte[] header = new byte[512];
    put(header, 0, path);
    put(header, 100, "0000644");
    put(header, 124, String.format("%011o", size));
    header[156] = '0';
    put(header, 257, "ustar");
    put(header, 263, "00");
    Arrays.fill(header, 148, 156, (byte) ' ');
    int sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    put(header, 148, String.format("%06o", sum));
    out.write(header);
  }

  private static void put(byte[] header, int offset, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, header, offset, bytes.length);
  }

  @Test
  void readsTheReadmeOfARealNpmTarball() throws IOException {
    String expected;
    try (InputStream md =
        getClass().getResourceAsStream("/readme/modelcontextprotocol__server-postgres.md")) {
      expected = new String(md.readAllBytes(), StandardCharsets.UTF_8);
    }
    Optional<String> readme;
    try (InputStream tgz =
        getClass()
            .getResourceAsStream(
                "/readme/tarball/modelcontextprotocol-server-postgres-0.6.2.tgz")) {
      readme = NpmTarballReadme.read(tgz);
    }

    assertEquals(Optional.of(expected), readme);
    assertEquals(
        List.of("query"),
        ReadmeToolExtractor.extractFromMarkdown(readme.orElseThrow()).toolNames());
  }

  @Test
  void takesTheReadmeInTheTopFolderNotOneInASubFolder() throws IOException {
    byte[] tgz =
        tgz(
            "package/docs/README.md", "# docs",
            "package/index.js", "console.log(1)",
            "package/readme.markdown", "# top");

    assertEquals(Optional.of("# top"), NpmTarballReadme.read(new ByteArrayInputStream(tgz)));
  }

  @Test
  void answersEmptyWhenTheTarballHasNoReadme() throws IOException {
    byte[] tgz = tgz("package/package.json", "{}");

    assertEquals(Optional.empty(), NpmTarballReadme.read(new ByteArrayInputStream(tgz)));
  }

  @Test
  void stopsAtTheUnpackedBytesCapBeforeReadingAGzipBomb() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream gzip = new GZIPOutputStream(bytes)) {
      entry(gzip, "package/zeros.bin", NpmTarballReadme.MAX_UNPACKED_BYTES);
      gzip.write(new byte[4096]);
    }

    IOException error =
        assertThrows(
            IOException.class,
            () -> NpmTarballReadme.read(new ByteArrayInputStream(bytes.toByteArray())));
    assertTrue(error.getMessage().startsWith("tarball unpacks to more than"), error.getMessage());
  }

  @Test
  void rejectsAStreamThatIsNotGzip() {
    byte[] notGzip = "{\"readme\": \"# hi\"}".getBytes(StandardCharsets.UTF_8);

    assertThrows(IOException.class, () -> NpmTarballReadme.read(new ByteArrayInputStream(notGzip)));
  }
}
