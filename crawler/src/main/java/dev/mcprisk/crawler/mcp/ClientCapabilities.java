package dev.mcprisk.crawler.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcprisk.json.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Which optional capabilities the crawler announces to a server, and their shape in each protocol
 * version ({@code ClientCapabilities} in {@code schema/<version>/schema.ts} of
 * modelcontextprotocol/modelcontextprotocol):
 *
 * <ul>
 *   <li>{@code roots}: {@code {"listChanged": true}} up to 2025-11-25 (the list, always empty,
 *       never changes); {@code {}} in 2026-07-28, which dropped {@code listChanged};
 *   <li>{@code sampling}: {@code {}} in every version (no {@code context} or {@code tools}
 *       sub-capability);
 *   <li>{@code elicitation}: absent before 2025-06-18 (it does not exist there); {@code {}} in
 *       2025-06-18; {@code {"form": {}, "url": {}}} in 2025-11-25 and 2026-07-28.
 * </ul>
 *
 * <p>{@code experimental}, {@code tasks} and {@code extensions} are never announced. The default,
 * {@link #full()}, announces all three, as a full client (an IDE or a desktop app) does, so servers
 * that list tools conditionally show the tools such a client sees.
 *
 * @param announced the capabilities to announce; never null; empty for {@code --client-capabilities
 *     none}
 */
public record ClientCapabilities(Set<ClientCapability> announced) {

  /**
   * Server requests answered in one session: 100. Later ones are counted and left unanswered (the
   * crawl goes on), so a server that floods requests costs at most 100 small writes.
   */
  public static final int MAX_ANSWERED_SERVER_REQUESTS = 100;

  /** The value of {@code --client-capabilities} that announces nothing. */
  public static final String NONE = "none";

  /** The value of {@code --client-capabilities} that announces everything (the default). */
  public static final String ALL = "all";

  public ClientCapabilities {
    Objects.requireNonNull(announced, "announced == null");
    announced =
        announced.isEmpty()
            ? Collections.unmodifiableSet(EnumSet.noneOf(ClientCapability.class))
            : Collections.unmodifiableSet(EnumSet.copyOf(announced));
  }

  /** Roots, sampling and elicitation: what a full client announces; the default. */
  public static ClientCapabilities full() {
    return new ClientCapabilities(EnumSet.allOf(ClientCapability.class));
  }

  /** No capability: {@code capabilities: {}}. */
  public static ClientCapabilities none() {
    return new ClientCapabilities(Set.of());
  }

  /**
   * Parses {@code --client-capabilities}: {@value #ALL}, {@value #NONE}, or a comma-separated list
   * of {@code roots}, {@code sampling}, {@code elicitation} (case-insensitive, blanks ignored).
   *
   * @throws IllegalArgumentException for an unknown name or an empty list, naming the valid ones
   */
  public static ClientCapabilities parse(String text) {
    Objects.requireNonNull(text, "text == null");
    String trimmed = text.strip().toLowerCase(Locale.ROOT);
    if (trimmed.equals(ALL)) {
      return full();
    }
    if (trimmed.equals(NONE)) {
      return none();
    }
    Set<ClientCapability> set = EnumSet.noneOf(ClientCapability.class);
    for (String part : trimmed.split(",", -1)) {
      String name = part.strip();
      ClientCapability found = null;
      for (ClientCapability capability : ClientCapability.values()) {
        if (capability.key().equals(name)) {
          found = capability;
        }
      }
      if (found == null) {
        throw new IllegalArgumentException(
            "unknown client capability '"
                + name
                + "': give "
                + ALL
                + ", "
                + NONE
                + " or a comma-separated list of roots, sampling, elicitation");
      }
      set.add(found);
    }
    return new ClientCapabilities(set);
  }

  /**
   * The {@code capabilities} object to send for {@code protocolVersion} (the version offered in
   * {@code initialize}, or 2026-07-28 in {@code _meta}): only what that version defines. Versions
   * compare as their {@code YYYY-MM-DD} text, so any other version gets the shape of the newest
   * known version not after it.
   *
   * @return a new object; {@code {}} when nothing is announced
   */
  public ObjectNode forVersion(String protocolVersion) {
    Objects.requireNonNull(protocolVersion, "protocolVersion == null");
    ObjectNode capabilities = Json.object();
    if (announced.contains(ClientCapability.ROOTS)) {
      ObjectNode roots = capabilities.putObject(ClientCapability.ROOTS.key());
      if (protocolVersion.compareTo(VersionNegotiation.MODERN_VERSION) < 0) {
        roots.put("listChanged", true);
      }
    }
    if (announced.contains(ClientCapability.SAMPLING)) {
      capabilities.putObject(ClientCapability.SAMPLING.key());
    }
    if (announced.contains(ClientCapability.ELICITATION)
        && protocolVersion.compareTo("2025-06-18") >= 0) {
      ObjectNode elicitation = capabilities.putObject(ClientCapability.ELICITATION.key());
      if (protocolVersion.compareTo("2025-11-25") >= 0) {
        elicitation.putObject("form");
        elicitation.putObject("url");
      }
    }
    return capabilities;
  }

  /** {@value #NONE}, or the names joined by commas in declaration order: {@code roots,sampling}. */
  @Override
  public String toString() {
    if (announced.isEmpty()) {
      return NONE;
    }
    List<String> names = new ArrayList<>();
    for (ClientCapability capability : announced) {
      names.add(capability.key());
    }
    return String.join(",", names);
  }
}
