package dev.mcprisk.crawler.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mcprisk.json.Json;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class ClientCapabilitiesTest {

  @Test
  void twentyTwentyFourElevenFiveHasRootsAndSamplingOnly() {
    assertEquals("{\"roots\":{\"listChanged\":true},\"sampling\":{}}", full("2024-11-05"));
  }

  @Test
  void twentyTwentyFiveThreeTwentySixHasRootsAndSamplingOnly() {
    assertEquals("{\"roots\":{\"listChanged\":true},\"sampling\":{}}", full("2025-03-26"));
  }

  @Test
  void twentyTwentyFiveSixEighteenAddsAnEmptyElicitation() {
    assertEquals(
        "{\"roots\":{\"listChanged\":true},\"sampling\":{},\"elicitation\":{}}",
        full("2025-06-18"));
  }

  @Test
  void twentyTwentyFiveElevenTwentyFiveAnnouncesFormAndUrlElicitation() {
    assertEquals(
        "{\"roots\":{\"listChanged\":true},\"sampling\":{},\"elicitation\":{\"form\":{},\"url\":{}}}",
        full("2025-11-25"));
  }

  @Test
  void twentyTwentySixSevenTwentyEightHasRootsWithoutListChanged() {
    assertEquals(
        "{\"roots\":{},\"sampling\":{},\"elicitation\":{\"form\":{},\"url\":{}}}",
        full(VersionNegotiation.MODERN_VERSION));
  }

  @Test
  void noneAnnouncesAnEmptyObjectInEveryVersion() {
    for (String version : VersionNegotiation.LEGACY_VERSIONS) {
      assertEquals("{}", Json.write(ClientCapabilities.none().forVersion(version)), version);
    }
    assertEquals(
        "{}", Json.write(ClientCapabilities.none().forVersion(VersionNegotiation.MODERN_VERSION)));
  }

  @Test
  void elicitationAloneIsNothingBeforeItExisted() {
    ClientCapabilities elicitation = ClientCapabilities.parse("elicitation");
    assertEquals("{}", Json.write(elicitation.forVersion("2025-03-26")));
    assertEquals("{\"elicitation\":{}}", Json.write(elicitation.forVersion("2025-06-18")));
  }

  @Test
  void parsesAllNoneAndLists() {
    assertEquals(ClientCapabilities.full(), ClientCapabilities.parse("all"));
    assertEquals(ClientCapabilities.none(), ClientCapabilities.parse(" NONE "));
    assertEquals(
        new ClientCapabilities(EnumSet.of(ClientCapability.ROOTS, ClientCapability.SAMPLING)),
        ClientCapabilities.parse("sampling, roots"));
    assertEquals("roots,sampling,elicitation", ClientCapabilities.full().toString());
    assertEquals("none", ClientCapabilities.none().toString());
    assertEquals("roots,sampling", ClientCapabilities.parse("sampling,roots").toString());
  }

  @Test
  void rejectsAnUnknownNameNamingTheValidOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ClientCapabilities.parse("roots,tasks"));
    assertEquals(
        "unknown client capability 'tasks': give all, none or a comma-separated list of roots,"
            + " sampling, elicitation",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ClientCapabilities.parse(""));
  }

  private static String full(String version) {
    return Json.write(ClientCapabilities.full().forVersion(version));
  }
}
