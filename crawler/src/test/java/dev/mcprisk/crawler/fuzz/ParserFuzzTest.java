package dev.mcprisk.crawler.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcprisk.bundled.BundledData;
import dev.mcprisk.crawler.registry.RegistryReadResult;
import dev.mcprisk.crawler.registry.RegistrySeedReader;
import dev.mcprisk.crawler.snapshot.Snapshot;
import dev.mcprisk.crawler.snapshot.SnapshotReader;
import dev.mcprisk.model.CrawlStatus;
import dev.mcprisk.model.ServerEntry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Property-based fuzzing of the parsers that read untrusted files: registry entries in both shapes
 * and recorded tools/list answers. Inputs are real bundled files mutated (truncated, a byte
 * replaced, a range deleted, syntax inserted) and soups of syntax; only the documented outcomes may
 * come out: a result with rejected entries, or a snapshot with status SNAPSHOT_INVALID — never an
 * exception. Tries per property: {@code jqwik.tries.default} in junit-platform.properties.
 */
class ParserFuzzTest {
  private static final byte[] SEED = bundled(BundledData.REGISTRY, "seed.json");
  private static final byte[] OLD_SEED_PREFIX =
      java.util.Arrays.copyOf(bundled(BundledData.REGISTRY, "seed_2025_05_16.json"), 40_000);
  private static final byte[] SNAPSHOT =
      bundled(BundledData.TOOLS_LIST, "modelcontextprotocol__server-memory.json");

  @Property
  void registryReaderNeverThrowsOnMutatedCurrentShape(@ForAll("mutatedSeed") byte[] input) {
    assertRegistryOutcome(input);
  }

  @Property
  void registryReaderNeverThrowsOnMutatedSnakeCaseShape(@ForAll("mutatedOldSeed") byte[] input) {
    assertRegistryOutcome(input);
  }

  @Property
  void registryReaderNeverThrowsOnSyntaxSoup(@ForAll("soup") String input) {
    assertRegistryOutcome(input.getBytes(StandardCharsets.UTF_8));
  }

  @Property
  void snapshotReaderGivesOkOrSnapshotInvalid(@ForAll("mutatedSnapshot") byte[] input) {
    Snapshot snapshot = SnapshotReader.read("fuzz.json", new ByteArrayInputStream(input));
    assertNotNull(snapshot);
    assertTrue(
        EnumSet.of(CrawlStatus.OK, CrawlStatus.SNAPSHOT_INVALID)
            .contains(snapshot.outcome().status()),
        snapshot.outcome().status().toString());
    if (snapshot.outcome().status() == CrawlStatus.SNAPSHOT_INVALID) {
      assertFalse(snapshot.outcome().reason().isBlank(), "an invalid snapshot says why");
      assertEquals(0, snapshot.outcome().tools().size());
    }
  }

  @Property
  void snapshotReaderNeverThrowsOnSyntaxSoup(@ForAll("soup") String input) {
    Snapshot snapshot =
        SnapshotReader.read(
            "fuzz.json", new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
    assertNotNull(snapshot.outcome());
  }

  private static void assertRegistryOutcome(byte[] input) {
    RegistryReadResult result = RegistrySeedReader.read("fuzz", new ByteArrayInputStream(input));
    assertNotNull(result);
    for (ServerEntry entry : result.entries()) {
      assertFalse(entry.id().isBlank(), "every kept entry has a name");
    }
    result.rejected().forEach(r -> assertFalse(r.reason().isBlank(), "a rejection says why"));
  }

  @Provide
  Arbitrary<byte[]> mutatedSeed() {
    return Mutations.of(SEED);
  }

  @Provide
  Arbitrary<byte[]> mutatedOldSeed() {
    return Mutations.of(OLD_SEED_PREFIX);
  }

  @Provide
  Arbitrary<byte[]> mutatedSnapshot() {
    return Mutations.of(SNAPSHOT);
  }

  @Provide
  Arbitrary<String> soup() {
    return Mutations.syntaxSoup();
  }

  private static byte[] bundled(String folder, String name) {
    try (InputStream in = BundledData.open(folder, name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
