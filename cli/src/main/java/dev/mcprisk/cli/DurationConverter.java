package dev.mcprisk.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a duration option: a whole number of seconds, minutes or hours ({@code 90s}, {@code 15m},
 * {@code 2h}; the unit in any case, a space before it allowed) or an ISO-8601 duration ({@code
 * PT15M}, see {@link Duration#parse}). The duration must be positive.
 *
 * <p>A bad value is a usage error: picocli prints "Invalid value for option 'NAME': VALUE is not a
 * positive duration (...)" and the command exits with {@link Main#EXIT_USAGE}.
 *
 * <p>Stateless and thread-safe.
 */
final class DurationConverter implements ITypeConverter<Duration> {
  private static final Pattern DURATION =
      Pattern.compile("(\\d{1,12})\\s*(s|m|h)", Pattern.CASE_INSENSITIVE);

  /**
   * The duration.
   *
   * @throws TypeConversionException when {@code value} is not a positive duration in these forms
   */
  @Override
  public Duration convert(String value) {
    String v = value == null ? "" : value.strip();
    Duration d;
    Matcher m = DURATION.matcher(v);
    try {
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        d =
            switch (m.group(2).toLowerCase(Locale.ROOT)) {
              case "h" -> Duration.ofHours(n);
              case "m" -> Duration.ofMinutes(n);
              default -> Duration.ofSeconds(n);
            };
      } else {
        d = Duration.parse(v);
      }
    } catch (ArithmeticException | DateTimeParseException | NumberFormatException e) {
      d = null;
    }
    if (d == null || d.isNegative() || d.isZero()) {
      throw new TypeConversionException(value + " is not a positive duration (e.g. 90s, 15m, 2h)");
    }
    return d;
  }
}
