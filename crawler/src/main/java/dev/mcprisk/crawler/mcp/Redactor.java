package dev.mcprisk.crawler.mcp;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Replaces secret values (header values and environment values marked {@code isSecret}) in any text
 * that leaves a crawl: reasons, stderr tails, echoed bodies.
 *
 * <p>Immutable and thread-safe.
 */
final class Redactor {

  /** What a secret becomes. */
  static final String MASK = "[REDACTED]";

  /** Shortest value treated as a secret: 3 chars (shorter ones would mask ordinary text). */
  static final int MIN_SECRET_CHARS = 3;

  private final List<String> secrets;

  Redactor(Collection<String> secrets) {
    this.secrets =
        Objects.requireNonNull(secrets, "secrets == null").stream()
            .filter(s -> s != null && s.length() >= MIN_SECRET_CHARS)
            .distinct()
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList();
  }

  String redact(String text) {
    if (text == null || secrets.isEmpty()) {
      return text;
    }
    String out = text;
    for (String secret : secrets) {
      out = out.replace(secret, MASK);
    }
    return out;
  }
}
