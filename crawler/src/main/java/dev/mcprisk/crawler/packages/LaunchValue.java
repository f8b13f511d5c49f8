package dev.mcprisk.crawler.packages;

import java.util.Map;
import java.util.Objects;

/**
 * The value of one environment variable in a {@link LaunchConfig}: a literal, or the value of a
 * variable of the user's environment read when the package is launched.
 *
 * @param value the literal value; null when {@code fromEnv} is given
 * @param fromEnv name of the user's environment variable to read at launch time; null for a literal
 * @param secret true when the value must never be shown or stored: always for {@code fromEnv}; for
 *     a literal, when the file marks it {@code "secret": true}
 */
public record LaunchValue(String value, String fromEnv, boolean secret) {
  public LaunchValue {
    if ((value == null) == (fromEnv == null)) {
      throw new IllegalArgumentException("exactly one of value and fromEnv");
    }
    if (fromEnv != null) {
      secret = true;
    }
  }

  /** A literal value that is not secret. */
  public static LaunchValue plain(String value) {
    return new LaunchValue(Objects.requireNonNull(value, "value == null"), null, false);
  }

  /**
   * The value to give the server: the literal, or {@code fromEnv}'s value in {@code environment};
   * null when that variable is not set.
   */
  public String resolve(Map<String, String> environment) {
    return fromEnv == null ? value : environment.get(fromEnv);
  }

  @Override
  public String toString() {
    if (fromEnv != null) {
      return "LaunchValue[fromEnv=" + fromEnv + "]";
    }
    return secret ? "LaunchValue[secret]" : "LaunchValue[" + value + "]";
  }
}
