package dev.mcprisk.crawler.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionsTest {

  @Test
  void ordersLikeSemverWithLenientParts() {
    List<String> sorted =
        List.of(
            "",
            "0.0.1-seed",
            "0.0.1",
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.beta",
            "1.0.0-beta.2",
            "1.0.0-beta.11",
            "1.0.0-rc.1",
            "1.0.0",
            "1.7.2",
            "v1.7.3",
            "1.10.0",
            "2026.8.31");
    List<String> shuffled = new ArrayList<>(sorted);
    java.util.Collections.reverse(shuffled);
    shuffled.sort(Versions.ORDER);

    assertEquals(sorted, shuffled);
  }

  @Test
  void missingPartsAndBuildMetadataDoNotCount() {
    assertEquals(0, Versions.compare("1.2", "1.2.0"));
    assertEquals(0, Versions.compare("1.2.0+build.5", "1.2.0"));
    assertEquals(0, Versions.compare("01.2.3", "1.2.3"));
  }

  @Test
  void nullRanksBelowEverything() {
    assertEquals(-1, Integer.signum(Versions.compare(null, "0.0.0-a")));
    assertEquals(0, Versions.compare(null, " "));
    assertEquals(
        List.of("a", "1"),
        Arrays.stream(new String[] {"a", "1"}).sorted(Versions.ORDER.reversed()).toList());
  }
}
