package dev.mcprisk.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class FacetKeyTest {
  @Test
  void roundTripsSingleMultiAndEmptyDimensions() {
    List<List<String>> dimensions =
        List.of(
            List.of("Destructive"),
            List.of("Critical"),
            List.of("shell", "irreversible"),
            List.of(),
            List.of("stdio", "streamable-http"));
    assertEquals(dimensions, FacetKey.decode(FacetKey.encode(dimensions)));
  }

  @Test
  void controlCharactersInsideValuesCannotBreakTheKey() {
    List<List<String>> decoded =
        FacetKey.decode(FacetKey.encode(List.of(List.of("n\u001fp\u001em"), List.of("x"))));
    assertEquals(List.of(List.of("npm"), List.of("x")), decoded);
  }
}
