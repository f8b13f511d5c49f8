package dev.mcprisk.index;

import dev.mcprisk.model.Category;
import dev.mcprisk.model.RiskLevel;
import java.util.Objects;

/**
 * One search: query text, filters, page, order and options, for {@link
 * CatalogueSearcher#search(SearchRequest)}.
 *
 * <p>The query text may also hold filters in field syntax, case-insensitive values: {@code
 * category:Destructive}, {@code risk:Critical}, {@code min-risk:High}, {@code server:github},
 * {@code signal:shell}, {@code registry:npm}, {@code transport:stdio} (quote a value with spaces:
 * {@code server:"desktop commander"}). Filters from the text and from this record all apply (AND).
 * What is left of the text is searched as words (see {@link CatalogueQueries}); when nothing is
 * left, every document that passes the filters matches.
 *
 * @param query the query text; never null, at most {@value IndexDefaults#MAX_QUERY_CHARS} chars;
 *     may be blank only when a filter is set
 * @param category only this category; null for any
 * @param risk only this risk level (exact); null for any
 * @param minRisk only this risk level or higher; null for any
 * @param server only servers whose id equals this, or whose name contains all these words ({@code
 *     github} matches {@code @modelcontextprotocol/server-github}); null for any
 * @param signal only documents with this signal id ({@code shell}), case-insensitive; null for any
 * @param registryType only servers with a package of this registry type ({@code npm}, {@code pypi},
 *     {@code oci}, ...) and their tools; null for any
 * @param transport only servers with a package transport or remote of this type ({@code stdio},
 *     {@code streamable-http}, {@code sse}) and their tools; null for any
 * @param limit hits per page, 1..{@value IndexDefaults#MAX_LIMIT}
 * @param offset hits to skip, 0..{@value IndexDefaults#MAX_OFFSET}
 * @param sort hit order; never null
 * @param facets whether to count facets over the matching tools
 * @param fuzzy whether to retry with typo tolerance when the exact query matches nothing
 */
public record SearchRequest(
    String query,
    Category category,
    RiskLevel risk,
    RiskLevel minRisk,
    String server,
    String signal,
    String registryType,
    String transport,
    int limit,
    int offset,
    SearchSort sort,
    boolean facets,
    boolean fuzzy) {
  public SearchRequest {
    Objects.requireNonNull(query, "query == null");
    Objects.requireNonNull(sort, "sort == null");
    server = blankToNull(server);
    signal = blankToNull(signal);
    registryType = blankToNull(registryType);
    transport = blankToNull(transport);
    if (query.length() > IndexDefaults.MAX_QUERY_CHARS) {
      throw new IllegalArgumentException(
          "query is "
              + query.length()
              + " chars, over the limit of "
              + IndexDefaults.MAX_QUERY_CHARS);
    }
    if (limit < 1 || limit > IndexDefaults.MAX_LIMIT) {
      throw new IllegalArgumentException(
          "limit must be 1.." + IndexDefaults.MAX_LIMIT + ": " + limit);
    }
    if (offset < 0 || offset > IndexDefaults.MAX_OFFSET) {
      throw new IllegalArgumentException(
          "offset must be 0.." + IndexDefaults.MAX_OFFSET + ": " + offset);
    }
    boolean anyFilter =
        category != null
            || risk != null
            || minRisk != null
            || server != null
            || signal != null
            || registryType != null
            || transport != null;
    if (query.isBlank() && !anyFilter) {
      throw new IllegalArgumentException("query is blank");
    }
  }

  /**
   * A request with defaults: no filters, first page of {@code limit} hits, by relevance, facets and
   * fuzzy retry on.
   *
   * @throws IllegalArgumentException as the canonical constructor
   */
  public static SearchRequest of(String query, int limit) {
    return builder(query).limit(limit).build();
  }

  /** A builder with the defaults of {@link #of} and {@link IndexDefaults#DEFAULT_LIMIT} hits. */
  public static Builder builder(String query) {
    return new Builder(query);
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }

  /** Builds a {@link SearchRequest}. Not thread-safe. */
  public static final class Builder {
    private final String query;
    private Category category;
    private RiskLevel risk;
    private RiskLevel minRisk;
    private String server;
    private String signal;
    private String registryType;
    private String transport;
    private int limit = IndexDefaults.DEFAULT_LIMIT;
    private int offset;
    private SearchSort sort = SearchSort.RELEVANCE;
    private boolean facets = true;
    private boolean fuzzy = true;

    private Builder(String query) {
      this.query = query;
    }

    /** Only this category; null for any. */
    public Builder category(Category category) {
      this.category = category;
      return this;
    }

    /** Only this risk level; null for any. */
    public Builder risk(RiskLevel risk) {
      this.risk = risk;
      return this;
    }

    /** Only this risk level or higher; null for any. */
    public Builder minRisk(RiskLevel minRisk) {
      this.minRisk = minRisk;
      return this;
    }

    /** Only this server (id, or words of its name); null for any. */
    public Builder server(String server) {
      this.server = server;
      return this;
    }

    /** Only this signal id; null for any. */
    public Builder signal(String signal) {
      this.signal = signal;
      return this;
    }

    /** Only this package registry type; null for any. */
    public Builder registryType(String registryType) {
      this.registryType = registryType;
      return this;
    }

    /** Only this transport; null for any. */
    public Builder transport(String transport) {
      this.transport = transport;
      return this;
    }

    /** Hits per page, 1..{@value IndexDefaults#MAX_LIMIT}. */
    public Builder limit(int limit) {
      this.limit = limit;
      return this;
    }

    /** Hits to skip, 0..{@value IndexDefaults#MAX_OFFSET}. */
    public Builder offset(int offset) {
      this.offset = offset;
      return this;
    }

    /** Hit order. */
    public Builder sort(SearchSort sort) {
      this.sort = sort;
      return this;
    }

    /** Whether to count facets (default true). */
    public Builder facets(boolean facets) {
      this.facets = facets;
      return this;
    }

    /** Whether to retry with typo tolerance when nothing matches (default true). */
    public Builder fuzzy(boolean fuzzy) {
      this.fuzzy = fuzzy;
      return this;
    }

    /**
     * The request.
     *
     * @throws IllegalArgumentException as the canonical constructor
     * @throws NullPointerException when the query or sort is null
     */
    public SearchRequest build() {
      return new SearchRequest(
          query,
          category,
          risk,
          minRisk,
          server,
          signal,
          registryType,
          transport,
          limit,
          offset,
          sort,
          facets,
          fuzzy);
    }
  }
}
