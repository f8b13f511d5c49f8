package dev.mcprisk.crawler.packages;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcprisk.crawler.fuzz.Mutations;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Property-based fuzzing of the package metadata parsers with mutated real packuments and the PyPI
 * fixtures: only a record or a {@link PackageMetadataException} with a reason may come out, never
 * another exception; a parsed README stays within its cap.
 */
class PackageMetadataFuzzTest {
  private static final byte[] PACKUMENT = resource("/packages/npm/upstash__context7-mcp.json");
  private static final byte[] PYPI = resource("/packages/pypi/example-weather-mcp.json");

  @Property
  void npmParserGivesAnInfoOrAReason(@ForAll("mutatedPackument") byte[] input) {
    try {
      NpmPackageInfo info = NpmPackument.parse(input);
      assertNotNull(info.evidence());
      assertTrue(
          info.readme() == null
              || info.readme().getBytes(StandardCharsets.UTF_8).length
                  <= NpmPackument.MAX_README_BYTES);
    } catch (PackageMetadataException e) {
      assertFalse(e.getMessage().isBlank());
    }
  }

  @Property
  void pypiParserGivesAnInfoOrAReason(@ForAll("mutatedPypi") byte[] input) {
    try {
      assertNotNull(PypiJson.parse(input).evidence());
    } catch (PackageMetadataException e) {
      assertFalse(e.getMessage().isBlank());
    }
  }

  @Property
  void bothParsersSurviveSyntaxSoup(@ForAll("soup") String input) {
    byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
    try {
      NpmPackument.parse(bytes);
    } catch (PackageMetadataException e) {
      assertFalse(e.getMessage().isBlank());
    }
    try {
      PypiJson.parse(bytes);
    } catch (PackageMetadataException e) {
      assertFalse(e.getMessage().isBlank());
    }
  }

  @Provide
  Arbitrary<byte[]> mutatedPackument() {
    return Mutations.of(PACKUMENT);
  }

  @Provide
  Arbitrary<byte[]> mutatedPypi() {
    return Mutations.of(PYPI);
  }

  @Provide
  Arbitrary<String> soup() {
    return Mutations.syntaxSoup();
  }

  private static byte[] resource(String path) {
    try (InputStream in = PackageMetadataFuzzTest.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
