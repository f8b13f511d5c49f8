package dev.mcprisk.pipeline;

import dev.mcprisk.text.UnsafeCharacter;
import dev.mcprisk.text.UntrustedText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's structured log: one INFO line per stage and per run end, one WARN line per
 * failure, as {@code key=value} pairs on the {@value #LOGGER} logger (stderr through logback in the
 * jar).
 */
final class RunLog {
  /** Name of the logger. */
  static final String LOGGER = "mcprisk.pipeline";

  static final Logger LOG = LoggerFactory.getLogger(LOGGER);

  private RunLog() {}

  /**
   * A log value from strangers (server ids, reasons) as one quoted token: quotes and backslashes
   * escaped, unsafe characters (controls, line separators, bidi, zero-width and tag characters,
   * unpaired surrogates) as the visible escapes of {@link UntrustedText#escapeCodePoint}, so a
   * value cannot forge a log line or hide in one.
   *
   * @param value any text, or null (logged as {@code ""})
   */
  static String quoted(String value) {
    if (value == null) {
      return "\"\"";
    }
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    int i = 0;
    while (i < value.length()) {
      int cp = value.codePointAt(i);
      if (cp == '"' || cp == '\\') {
        out.append('\\').appendCodePoint(cp);
      } else if (UnsafeCharacter.isUnsafe(cp)) {
        out.append(UntrustedText.escapeCodePoint(cp));
      } else {
        out.appendCodePoint(cp);
      }
      i += Character.charCount(cp);
    }
    return out.append('"').toString();
  }

  /** {@code SimpleName: message}, or the simple name alone when there is no message. */
  static String describe(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
