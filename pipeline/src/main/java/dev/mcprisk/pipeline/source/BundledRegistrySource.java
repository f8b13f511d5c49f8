package dev.mcprisk.pipeline.source;

import dev.mcprisk.bundled.BundledData;
import dev.mcprisk.crawler.registry.RegistryReadResult;
import dev.mcprisk.crawler.registry.RegistrySeedReader;
import dev.mcprisk.crawler.registry.RejectedEntry;
import dev.mcprisk.model.Origins;
import dev.mcprisk.model.ServerEntry;
import java.io.IOException;
import java.io.InputStream;

/**
 * The registry seed files bundled with the jar ({@link BundledData#REGISTRY}): the 2025-05-16 seed
 * in its snake_case shape (source {@value dev.mcprisk.model.Origins#REGISTRY_SEED_2025}) and
 * entries in the current server.json shape (source {@value
 * dev.mcprisk.model.Origins#REGISTRY_SEED}).
 *
 * <p>Counts: {@code files} read, {@code superseded} older versions dropped inside a file, {@code
 * trimmed} over-long descriptions and titles cut.
 *
 * <p>Thread-safe: stateless.
 */
public final class BundledRegistrySource implements EntrySource {
  /** This source's name. */
  public static final String NAME = "bundled";

  /** Prefix of the bundled file in the 2025-05-16 seed shape. */
  static final String SEED_2025_PREFIX = "seed_2025_05_16";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void read(SourceContext ctx, EntrySink sink) throws IOException {
    for (String file : BundledData.list(BundledData.REGISTRY)) {
      String source =
          file.startsWith(SEED_2025_PREFIX) ? Origins.REGISTRY_SEED_2025 : Origins.REGISTRY_SEED;
      RegistryReadResult result;
      try (InputStream in = BundledData.open(BundledData.REGISTRY, file)) {
        result = RegistrySeedReader.read(source, in);
      }
      sink.count(SourceCount.FILES, 1);
      sink.count(SourceCount.SUPERSEDED, result.superseded());
      if (result.trimmed() > 0) {
        sink.count(SourceCount.TRIMMED, result.trimmed());
      }
      for (ServerEntry entry : result.entries()) {
        sink.accept(entry);
      }
      for (RejectedEntry r : result.rejected()) {
        sink.rejected(file + (r.index() >= 0 ? " entry #" + r.index() : ""), r.reason());
      }
    }
  }
}
