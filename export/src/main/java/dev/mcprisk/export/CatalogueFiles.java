package dev.mcprisk.export;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;

/**
 * {@code catalogue.json} and {@code catalogue.ndjson} written side by side into new files ({@link
 * CatalogueJsonWriter.Pair}), both forced to disk by {@link #finish}. Not thread-safe.
 */
final class CatalogueFiles implements Closeable {
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
