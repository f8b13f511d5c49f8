package dev.mcprisk.crawler.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.CrawlOutcome;
import dev.mcprisk.model.ToolDefinition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The one place secrets are masked: every supplied secret value (header values, environment values
 * marked secret, a URL's password) becomes {@link #MASK} in everything a crawl hands on, which is
 * what is printed and what is stored: the reason, the server's {@code serverInfo}, capabilities,
 * instructions and protocol version, every tool's whole JSON (names, descriptions, schemas, field
 * names too), the {@code WWW-Authenticate} resource-metadata URL and scopes. {@link McpProbe#probe}
 * and {@link StdioMcpClient#crawl(StdioServerSpec, CrawlLimits, Sandbox, Set)} apply it to their
 * results, so nothing unmasked leaves the crawler.
 *
 * <p>A value is masked in each of its forms: as given; for an {@code Authorization}-style value
 * {@code <scheme> <credentials>} with a scheme of {@link #SCHEMES} (RFC 9110, section 11.4), the
 * credentials alone; for {@code Basic} (RFC 7617) also the decoded {@code user:password} and the
 * password. Forms shorter than {@link #MIN_SECRET_CHARS} are not masked (they would mask ordinary
 * text). Matching is exact and case-sensitive; a server that re-encodes a secret (URL-encoding,
 * base64) is not caught.
 *
 * <p>Immutable and thread-safe.
 */
final class Redactor {

  /** What a secret becomes. */
  static final String MASK = "[REDACTED]";

  /** Shortest value treated as a secret: 3 chars (shorter ones would mask ordinary text). */
  static final int MIN_SECRET_CHARS = 3;

  /** Authorization schemes whose credentials alone are a secret too (lower case). */
  static final Set<String> SCHEMES = Set.of("bearer", "basic", "token", "bot", "dpop", "apikey");

  private final List<String> secrets;

  /**
   * @param secrets the secret values as supplied; null and too short ones are ignored
   */
  Redactor(Collection<String> secrets) {
    Set<String> forms = new LinkedHashSet<>();
    for (String secret : Objects.requireNonNull(secrets, "secrets == null")) {
      if (secret != null) {
        forms.addAll(forms(secret));
      }
    }
    this.secrets =
        forms.stream()
            .filter(s -> s.length() >= MIN_SECRET_CHARS)
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList();
  }

  /** {@code value} and, for {@code <scheme> <credentials>}, the credentials (Basic: decoded). */
  static List<String> forms(String value) {
    List<String> forms = new ArrayList<>();
    forms.add(value);
    String trimmed = value.strip();
    forms.add(trimmed);
    int space = trimmed.indexOf(' ');
    if (space < 0) {
      return forms;
    }
    String scheme = trimmed.substring(0, space).toLowerCase(Locale.ROOT);
    String credentials = trimmed.substring(space + 1).strip();
    if (!SCHEMES.contains(scheme) || credentials.isEmpty()) {
      return forms;
    }
    forms.add(credentials);
    if (scheme.equals("basic")) {
      try {
        String decoded =
            new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
        forms.add(decoded);
        int colon = decoded.indexOf(':');
        if (colon >= 0) {
          forms.add(decoded.substring(colon + 1));
        }
      } catch (IllegalArgumentException e) {
        // Not base64: the credentials as given are masked already.
      }
    }
    return forms;
  }

  /** {@code text} with every secret masked; null stays null. */
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

  /**
   * {@code node} with every string value, number and field name masked: a copy when anything in it
   * was masked, else {@code node} itself (so an outcome without a secret is not copied); null stays
   * null.
   */
  JsonNode redact(JsonNode node) {
    if (node == null || secrets.isEmpty()) {
      return node;
    }
    if (node.isTextual() || node.isNumber()) {
      String text = node.asText();
      String clean = redact(text);
      return clean.equals(text) ? node : TextNode.valueOf(clean);
    }
    if (node.isArray()) {
      ArrayNode out = Json.array();
      boolean changed = false;
      for (JsonNode item : node) {
        JsonNode clean = redact(item);
        changed |= clean != item;
        out.add(clean);
      }
      return changed ? out : node;
    }
    if (node.isObject()) {
      ObjectNode out = Json.object();
      boolean changed = false;
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String key = redact(field.getKey());
        JsonNode value = redact(field.getValue());
        changed |= !key.equals(field.getKey()) || value != field.getValue();
        out.set(key, value);
      }
      return changed ? out : node;
    }
    return node;
  }

  /**
   * {@code tool} with its JSON masked; a name the mask made longer than {@link
   * ToolDefinition#MAX_NAME_LENGTH} is cut to it.
   */
  ToolDefinition redact(ToolDefinition tool) {
    ObjectNode json = (ObjectNode) redact((JsonNode) tool.json());
    if (json == tool.json()) {
      return tool;
    }
    String name = json.path("name").asText();
    if (name.length() > ToolDefinition.MAX_NAME_LENGTH) {
      json.put("name", name.substring(0, ToolDefinition.MAX_NAME_LENGTH));
    }
    return new ToolDefinition(json);
  }

  /**
   * {@code outcome} with everything the server or the crawl wrote masked: reason, protocol version,
   * serverInfo, capabilities, instructions, tools, the methods of the server's requests. The client
   * capabilities (ours) are kept as they are. The server id (given by the caller, the key it is
   * stored under) is kept.
   */
  CrawlOutcome redact(CrawlOutcome outcome) {
    if (secrets.isEmpty()) {
      return outcome;
    }
    List<ToolDefinition> tools = new ArrayList<>(outcome.tools().size());
    for (ToolDefinition tool : outcome.tools()) {
      tools.add(redact(tool));
    }
    return new CrawlOutcome(
        outcome.serverId(),
        outcome.status(),
        redact(outcome.reason()),
        outcome.at(),
        outcome.method(),
        redact(outcome.protocolVersion()),
        redact(outcome.serverInfo()),
        redact(outcome.capabilities()),
        redact(outcome.instructions()),
        tools,
        outcome.pages(),
        outcome.durationMs(),
        outcome.bytesRead(),
        outcome.clientCapabilities(),
        redactKeys(outcome.serverRequests()));
  }

  /** {@code counts} with each key (a method name the server chose) masked; equal keys are added. */
  private Map<String, Integer> redactKeys(Map<String, Integer> counts) {
    Map<String, Integer> masked = new TreeMap<>();
    counts.forEach((key, count) -> masked.merge(redact(key), count, Integer::sum));
    return masked;
  }

  /** {@code result} with its outcome, resource-metadata URL and scopes masked. */
  ProbeResult redact(ProbeResult result) {
    if (secrets.isEmpty()) {
      return result;
    }
    List<String> scopes = result.authScopes().stream().map(this::redact).toList();
    return new ProbeResult(
        redact(result.outcome()),
        result.truncated(),
        result.prompts(),
        result.resources(),
        result.resourceTemplates(),
        redact(result.authResourceMetadata()),
        scopes,
        result.toolsTtlMs());
  }
}
