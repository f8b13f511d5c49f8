package dev.mcprisk.export;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link InterceptPolicyValidator#validateFile}: a file and its violations.
 *
 * @param file the file as given
 * @param violations each as {@code "<location>: <problem>"}, in document order; empty when valid
 */
public record PolicyFileReport(Path file, List<String> violations) {
  public PolicyFileReport {
    Objects.requireNonNull(file, "file == null");
    violations = List.copyOf(violations == null ? List.of() : violations);
  }

  /** True when the file has no violation. */
  public boolean valid() {
    return violations.isEmpty();
  }
}
