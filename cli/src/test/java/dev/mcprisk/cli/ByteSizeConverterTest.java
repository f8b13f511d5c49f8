package dev.mcprisk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class ByteSizeConverterTest {
  private final ByteSizeConverter converter = new ByteSizeConverter();

  @Test
  void readsBytesAndBinaryUnitsInAnyCase() {
    assertEquals(1_048_576L, converter.convert("1048576"));
    assertEquals(512L, converter.convert("512B"));
    assertEquals(64L * 1024, converter.convert("64KiB"));
    assertEquals(256L << 20, converter.convert("256MiB"));
    assertEquals(256L << 20, converter.convert(" 256 mib "));
    assertEquals(1L << 30, converter.convert("1GiB"));
  }

  @Test
  void refusesZeroOverflowAndOtherUnitsWithTheValueInTheMessage() {
    for (String bad : new String[] {"0", "0MiB", "-1", "1MB", "1 TiB", "", "9999999999GiB"}) {
      TypeConversionException e =
          assertThrows(TypeConversionException.class, () -> converter.convert(bad), bad);
      assertEquals(bad + " is not a positive size (e.g. 256MiB, 1GiB, 1048576)", e.getMessage());
    }
  }
}
