package dev.mcprisk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {
  private final DurationConverter converter = new DurationConverter();

  @Test
  void readsSecondsMinutesHoursAndIso8601() {
    assertEquals(Duration.ofSeconds(90), converter.convert("90s"));
    assertEquals(Duration.ofMinutes(15), converter.convert("15m"));
    assertEquals(Duration.ofMinutes(15), converter.convert(" 15 M "));
    assertEquals(Duration.ofHours(2), converter.convert("2h"));
    assertEquals(Duration.ofMinutes(15), converter.convert("PT15M"));
  }

  @Test
  void refusesZeroNegativeAndUnitlessValuesWithTheValueInTheMessage() {
    for (String bad : new String[] {"0s", "PT0S", "PT-1S", "15", "soon", "", "1d"}) {
      TypeConversionException e =
          assertThrows(TypeConversionException.class, () -> converter.convert(bad), bad);
      assertEquals(bad + " is not a positive duration (e.g. 90s, 15m, 2h)", e.getMessage());
    }
  }
}
