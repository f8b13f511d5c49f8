package dev.mcprisk.crawler.reference;

import java.util.Objects;

/**
 * Whether the pinned reference servers are installed and usable.
 *
 * @param ok true when every pinned package is present at its pinned version
 * @param reason what was found or done, or why it failed; never null
 */
public record InstallResult(boolean ok, String reason) {
  public InstallResult {
    Objects.requireNonNull(reason, "reason == null");
  }
}
