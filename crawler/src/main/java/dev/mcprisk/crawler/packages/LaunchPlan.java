package dev.mcprisk.crawler.packages;

import dev.mcprisk.model.CrawlStatus;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether a registry package may be launched, and with which environment: the decision {@link
 * PackageLauncher} makes before installing anything.
 *
 * @param refusedWith the status of a refusal ({@code BLOCKED} for what policy never launches,
 *     {@code NOT_INSTALLED} for a package that needs a secret the user did not supply); null when
 *     the package may be launched
 * @param reason why it was refused; empty when it was not
 * @param environment variables for the server: required ones with their {@code default} or {@link
 *     PackageLauncher#PLACEHOLDER}, and the user-supplied values of variables the package declares
 * @param secretValues the user-supplied values in {@code environment}, to redact from every reason
 * @param notes variables skipped (bad or reserved names), for the crawl log; never a value
 */
public record LaunchPlan(
    CrawlStatus refusedWith,
    String reason,
    Map<String, String> environment,
    Set<String> secretValues,
    List<String> notes) {

  public LaunchPlan {
    reason = reason == null ? "" : reason;
    if ((refusedWith == null) != reason.isEmpty()) {
      throw new IllegalArgumentException("a refusal needs a status and a reason: " + refusedWith);
    }
    environment = Map.copyOf(Objects.requireNonNull(environment, "environment == null"));
    secretValues = Set.copyOf(Objects.requireNonNull(secretValues, "secretValues == null"));
    notes = List.copyOf(Objects.requireNonNull(notes, "notes == null"));
  }

  /** A refusal with no environment. */
  static LaunchPlan refused(CrawlStatus status, String reason) {
    return new LaunchPlan(
        Objects.requireNonNull(status, "status == null"), reason, Map.of(), Set.of(), List.of());
  }

  /** True when the package must not be launched. */
  public boolean refused() {
    return refusedWith != null;
  }

  @Override
  public String toString() {
    return "LaunchPlan[refusedWith="
        + refusedWith
        + ", reason="
        + reason
        + ", variables="
        + new TreeSet<>(environment.keySet())
        + ", notes="
        + notes
        + "]";
  }
}
