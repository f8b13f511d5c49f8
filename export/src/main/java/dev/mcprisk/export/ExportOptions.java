package dev.mcprisk.export;

import dev.mcprisk.model.AssessedTool;
import dev.mcprisk.model.CatalogueServer;
import dev.mcprisk.model.Category;
import dev.mcprisk.model.PolicyAction;
import dev.mcprisk.model.PolicyRecommendation;
import dev.mcprisk.model.RiskLevel;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an export writes and how: the options of {@code mcprisk export}, shared by every writer.
 *
 * @param profile the profile's name, written into the files (e.g. {@code "balanced"}); never blank
 * @param policies the rule per tool under that profile; {@link PolicyMapper#STORED} for the
 *     recommendations stored with the tools (balanced)
 * @param defaultDeny {@code --default-deny}: policies refuse every tool they do not list ({@code
 *     default: deny}); every tool that is allowed is listed, with {@code rules: []} when unchecked
 * @param hideDestructive {@code --hide-destructive}: Destructive tools are hidden (removed from
 *     {@code tools/list} and refused) instead of what the profile says
 * @param minRisk {@code --min-risk}: only tools of this risk level or above are written; {@link
 *     RiskLevel#LOW} writes all. Servers left with no tools are then left out too
 * @param server {@code --server}: only the server with this id or name; null for all
 * @throws IllegalArgumentException when {@code profile} is blank, {@code server} is empty, or
 *     {@code defaultDeny} is combined with a {@code minRisk} above Low (the allow-list would then
 *     refuse exactly the safest tools)
 */
public record ExportOptions(
    String profile,
    PolicyMapper policies,
    boolean defaultDeny,
    boolean hideDestructive,
    RiskLevel minRisk,
    String server) {

  /** Name of the profile of {@link PolicyMapper#STORED}. */
  public static final String DEFAULT_PROFILE = "balanced";

  /** Rule name for a tool hidden by {@code hideDestructive}. */
  public static final String HIDE_RULE = "hide destructive tool";

  /** The options of {@code mcprisk run}: balanced, default allow, nothing hidden, all tools. */
  public static final ExportOptions DEFAULTS =
      new ExportOptions(DEFAULT_PROFILE, PolicyMapper.STORED, false, false, RiskLevel.LOW, null);

  public ExportOptions {
    Objects.requireNonNull(profile, "profile == null");
    Objects.requireNonNull(policies, "policies == null");
    Objects.requireNonNull(minRisk, "minRisk == null");
    if (profile.isBlank()) {
      throw new IllegalArgumentException("profile is blank");
    }
    if (server != null && server.isEmpty()) {
      throw new IllegalArgumentException("server is empty (use null for every server)");
    }
    if (defaultDeny && minRisk != RiskLevel.LOW) {
      throw new IllegalArgumentException(
          "--default-deny cannot be combined with --min-risk "
              + minRisk
              + ": tools left out of an allow-list are refused, so the safest tools would be");
    }
  }

  /** These options with another profile. */
  public ExportOptions withProfile(String name, PolicyMapper mapper) {
    return new ExportOptions(name, mapper, defaultDeny, hideDestructive, minRisk, server);
  }

  /** These options with {@code defaultDeny} set. */
  public ExportOptions withDefaultDeny(boolean value) {
    return new ExportOptions(profile, policies, value, hideDestructive, minRisk, server);
  }

  /** These options with {@code hideDestructive} set. */
  public ExportOptions withHideDestructive(boolean value) {
    return new ExportOptions(profile, policies, defaultDeny, value, minRisk, server);
  }

  /** These options with another minimum risk level. */
  public ExportOptions withMinRisk(RiskLevel value) {
    return new ExportOptions(profile, policies, defaultDeny, hideDestructive, value, server);
  }

  /** These options restricted to one server id or name (null for all). */
  public ExportOptions withServer(String value) {
    return new ExportOptions(profile, policies, defaultDeny, hideDestructive, minRisk, value);
  }

  /**
   * The server as it is exported: empty when the server filter excludes it, or when {@code minRisk}
   * is above Low and none of its tools reach it; else the server with only the tools at or above
   * {@code minRisk}.
   */
  public Optional<CatalogueServer> select(CatalogueServer catalogueServer) {
    Objects.requireNonNull(catalogueServer, "catalogueServer == null");
    if (server != null
        && !server.equals(catalogueServer.server().id())
        && !server.equals(catalogueServer.server().name())) {
      return Optional.empty();
    }
    if (minRisk == RiskLevel.LOW) {
      return Optional.of(catalogueServer);
    }
    List<AssessedTool> kept =
        catalogueServer.tools().stream()
            .filter(t -> t.assessment().riskLevel().compareTo(minRisk) >= 0)
            .toList();
    if (kept.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new CatalogueServer(catalogueServer.server(), catalogueServer.crawl(), kept));
  }

  /**
   * The rule written for a tool: the profile's, except that a Destructive tool is hidden when
   * {@code hideDestructive} is set (keeping the profile's refusal message when it refused the
   * tool).
   */
  public PolicyRecommendation policyFor(AssessedTool tool) {
    PolicyRecommendation base =
        Objects.requireNonNull(policies.recommend(tool), "policy mapper returned null");
    if (!hideDestructive || tool.assessment().category() != Category.DESTRUCTIVE) {
      return base;
    }
    String message =
        base.action() == PolicyAction.DENY || base.action() == PolicyAction.HIDE
            ? base.onDeny()
            : "Hidden: Destructive tool (" + tool.assessment().riskLevel().label() + " risk).";
    return new PolicyRecommendation(PolicyAction.HIDE, HIDE_RULE, 0, null, List.of(), message);
  }
}
