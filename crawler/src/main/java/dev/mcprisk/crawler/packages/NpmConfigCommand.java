package dev.mcprisk.crawler.packages;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Asks npm itself for the registry ({@code npm config get registry}), the last step of {@link
 * NpmRegistryConfig}. npm answers with its built-in default when the user configured nothing, so
 * the default registry host lives in npm, not in this project.
 */
@FunctionalInterface
public interface NpmConfigCommand {

  /** Longest wait for {@code npm config get registry}: 10 seconds. */
  Duration TIMEOUT = Duration.ofSeconds(10);

  /** Output of {@code npm config get registry} kept: 4 KiB. */
  int OUTPUT_BYTES = 4 * 1024;

  /**
   * The registry npm reports, as printed (one URL), or empty when npm cannot answer.
   *
   * @return the registry text; never null
   */
  Optional<String> getRegistry();

  /**
   * Runs {@code <npm> config get registry} in {@code directory} for at most {@link #TIMEOUT}, with
   * an environment of only {@code PATH} and {@code HOME}; the answer is the last output line that
   * starts with {@code http://} or {@code https://} (npm prints warnings on other lines).
   *
   * @param npm the npm executable
   * @param directory working directory (npm reads a project {@code .npmrc} there)
   * @param path value of {@code PATH} for npm (it runs under node); may be null
   * @param home value of {@code HOME}; may be null
   */
  static NpmConfigCommand npm(Path npm, Path directory, String path, String home) {
    return () -> {
      Map<String, String> environment = new HashMap<>();
      if (path != null) {
        environment.put("PATH", path);
      }
      if (home != null) {
        environment.put("HOME", home);
      }
      try {
        ProcessResult result =
            Processes.run(
                List.of(npm.toString(), "config", "get", "registry"),
                directory,
                environment,
                TIMEOUT,
                OUTPUT_BYTES);
        if (!result.ok()) {
          return Optional.empty();
        }
        String found = null;
        for (String line : result.outputTail().split("\n")) {
          String s = line.strip();
          if (s.startsWith("http://") || s.startsWith("https://")) {
            found = s;
          }
        }
        return Optional.ofNullable(found);
      } catch (IOException e) {
        return Optional.empty();
      }
    };
  }

  /** A command that never answers: for tests and for runs that must not start npm. */
  static NpmConfigCommand none() {
    return Optional::empty;
  }
}
