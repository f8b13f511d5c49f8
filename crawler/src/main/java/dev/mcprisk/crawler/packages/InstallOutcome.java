package dev.mcprisk.crawler.packages;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How installing one pinned npm package into the launch cache went.
 *
 * @param ok true when the package is installed at its pinned version
 * @param installDir the install's folder ({@code <cacheDir>/npm/<name>@<version>}); never null
 * @param reused true when an earlier install was found and nothing ran
 * @param reason what was done, or why it failed (with npm's output tail); never null
 * @param durationMs wall time in milliseconds
 */
public record InstallOutcome(
    boolean ok, Path installDir, boolean reused, String reason, long durationMs) {
  public InstallOutcome {
    Objects.requireNonNull(installDir, "installDir == null");
    Objects.requireNonNull(reason, "reason == null");
  }
}
