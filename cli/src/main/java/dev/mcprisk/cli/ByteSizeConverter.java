package dev.mcprisk.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a size option in bytes: a number of bytes ({@code 1048576}, or {@code 512B}) or a number of
 * KiB, MiB or GiB (powers of 1024; {@code 64KiB}, {@code 256MiB}, {@code 1GiB}; the unit in any
 * case, a space before it allowed). The value must be positive and fit in a {@code long}.
 *
 * <p>A bad value is a usage error: picocli prints "Invalid value for option 'NAME': VALUE is not a
 * positive size (...)" and the command exits with {@link Main#EXIT_USAGE}.
 *
 * <p>Stateless and thread-safe.
 */
final class ByteSizeConverter implements ITypeConverter<Long> {
  private static final Pattern SIZE =
      Pattern.compile("(\\d{1,18})\\s*(KiB|MiB|GiB|B)?", Pattern.CASE_INSENSITIVE);

  /**
   * The size in bytes.
   *
   * @throws TypeConversionException when {@code value} is not a positive size in this form
   */
  @Override
  public Long convert(String value) {
    Matcher m = SIZE.matcher(value == null ? "" : value.strip());
    long n = 0;
    if (m.matches()) {
      try {
        long unit =
            switch (m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT)) {
              case "kib" -> 1L << 10;
              case "mib" -> 1L << 20;
              case "gib" -> 1L << 30;
              default -> 1L;
            };
        n = Math.multiplyExact(Long.parseLong(m.group(1)), unit);
      } catch (ArithmeticException | NumberFormatException e) {
        n = 0;
      }
    }
    if (n <= 0) {
      throw new TypeConversionException(
          value + " is not a positive size (e.g. 256MiB, 1GiB, 1048576)");
    }
    return n;
  }
}
