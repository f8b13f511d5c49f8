package dev.mcprisk.index;

import java.util.List;
import java.util.Objects;

/**
 * One hit of a search: a tool or a server.
 *
 * @param server the server id ({@code io.github.owner/name}, {@code npm:<package>}, ...); never
 *     null
 * @param tool the tool name as listed; null for a server hit
 * @param category the tool's category label ({@code Destructive}); for a server hit its riskiest
 *     tool's; null for a server without tools
 * @param riskLevel the tool's risk level label ({@code Critical}); as {@code category} for servers
 * @param score the tool's risk score 0..100; as {@code category} for servers
 * @param relevance Lucene's relevance score (BM25 with field weights), ≥ 0; only comparable within
 *     one result
 * @param snippet plain text from the description, at most {@value IndexDefaults#SNIPPET_MAX_CHARS}
 *     chars, query words marked {@code «like this»}; null when there is no description
 * @param riskiestTools for a server hit, its riskiest tools (risk score descending, then name), at
 *     most {@value IndexDefaults#RISKIEST_TOOLS_PER_SERVER}; empty for a tool hit
 */
public record SearchHit(
    String server,
    String tool,
    String category,
    String riskLevel,
    Integer score,
    float relevance,
    String snippet,
    List<RiskyTool> riskiestTools) {
  public SearchHit {
    riskiestTools = List.copyOf(riskiestTools == null ? List.of() : riskiestTools);
    Objects.requireNonNull(server, "server == null");
    if (score != null && (score < 0 || score > 100)) {
      throw new IllegalArgumentException("score out of 0..100: " + score);
    }
    if (snippet != null && snippet.length() > IndexDefaults.SNIPPET_MAX_CHARS) {
      throw new IllegalArgumentException(
          "snippet is "
              + snippet.length()
              + " chars, over the limit of "
              + IndexDefaults.SNIPPET_MAX_CHARS);
    }
  }

  /** A hit without {@link #riskiestTools()}. */
  public SearchHit(
      String server,
      String tool,
      String category,
      String riskLevel,
      Integer score,
      float relevance,
      String snippet) {
    this(server, tool, category, riskLevel, score, relevance, snippet, List.of());
  }

  /** True for a server hit ({@link #tool()} is null). */
  public boolean isServer() {
    return tool == null;
  }
}
