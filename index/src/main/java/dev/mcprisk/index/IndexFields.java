package dev.mcprisk.index;

import java.util.List;
import java.util.Map;

/**
 * Field names of the catalogue index; the model is described in {@code package-info.java}.
 *
 * <p>Thread-safe: constants only.
 */
public final class IndexFields {
  /** Keyword, stored: {@code server:<server id>} or {@code tool:<server id>#<tool name>}. */
  public static final String ID = "id";

  /** Keyword, stored: {@link #TYPE_SERVER} or {@link #TYPE_TOOL}. */
  public static final String TYPE = "type";

  /** Value of {@link #TYPE} for a server document. */
  public static final String TYPE_SERVER = "server";

  /** Value of {@link #TYPE} for a tool document. */
  public static final String TYPE_TOOL = "tool";

  /** Keyword, stored: the server id (case-sensitive), on both document types. */
  public static final String SERVER_ID = "server_id";

  /** Stored only: the tool name exactly as listed (tool documents). */
  public static final String TOOL = "tool";

  /** Text ({@link IdentifierAnalyzer}): the tool name, or the server name on a server document. */
  public static final String NAME = "name";

  /** Text: the tool title, or the server title. */
  public static final String TITLE = "title";

  /** Text, stored, offsets in postings: the tool or server description; source of snippets. */
  public static final String DESCRIPTION = "description";

  /** Text, one value per parameter: {@code inputSchema.properties} keys. */
  public static final String PARAMETER_NAMES = "parameter_names";

  /** Text, one value per parameter: {@code inputSchema.properties.*.description}. */
  public static final String PARAMETER_DESCRIPTIONS = "parameter_descriptions";

  /** Text: the server name, on tool documents. */
  public static final String SERVER_NAME = "server_name";

  /** Text: the server description, on tool documents. */
  public static final String SERVER_DESCRIPTION = "server_description";

  /** Keyword, stored, lower-case: category ({@code destructive}); a server's riskiest tool's. */
  public static final String CATEGORY = "category";

  /** Keyword, stored, lower-case: risk level ({@code critical}); a server's riskiest tool's. */
  public static final String RISK_LEVEL = "risk_level";

  /** Keyword, one value per signal id ({@code shell}); a server holds all its tools' signals. */
  public static final String SIGNAL = "signal";

  /** Int point + doc values, stored: risk score 0..100; a server's riskiest tool's. */
  public static final String SCORE = "score";

  /**
   * Keyword, lower-case, one value per distinct {@code packages[].registryType} ({@code npm},
   * {@code pypi}, {@code oci}, ...), on server and tool documents.
   */
  public static final String REGISTRY_TYPE = "registry_type";

  /**
   * Keyword, lower-case, one value per distinct {@code packages[].transportType} and {@code
   * remotes[].type} ({@code stdio}, {@code streamable-http}, {@code sse}), on server and tool
   * documents.
   */
  public static final String TRANSPORT = "transport";

  /**
   * Stored only, one value per parameter: {@code inputSchema.properties} keys, for MoreLikeThis.
   */
  public static final String PARAMETER_NAMES_STORED = "parameter_names_stored";

  /**
   * Sorted doc values, tool documents only: the tool's values of every facet dimension joined in
   * one key ({@link FacetKey}), so counting facets reads one ordinal per matching tool; see {@link
   * #FACET_DIMENSIONS}.
   */
  public static final String FACETS = "facet_key";

  /** Facet dimension of the category label, e.g. {@code Destructive}. */
  public static final String DIM_CATEGORY = "category";

  /** Facet dimension of the risk level label, e.g. {@code Critical}. */
  public static final String DIM_RISK_LEVEL = "riskLevel";

  /** Facet dimension of the signal ids (multi-valued), e.g. {@code shell}. */
  public static final String DIM_SIGNAL = "signal";

  /** Facet dimension of the package registry types (multi-valued), e.g. {@code npm}. */
  public static final String DIM_REGISTRY_TYPE = "registryType";

  /** Facet dimension of the transports (multi-valued), e.g. {@code streamable-http}. */
  public static final String DIM_TRANSPORT = "transport";

  /**
   * Facet dimensions in output order. Facet counts are tool counts: server documents carry no facet
   * values, so a tool is never counted twice.
   */
  public static final List<String> FACET_DIMENSIONS =
      List.of(DIM_CATEGORY, DIM_RISK_LEVEL, DIM_SIGNAL, DIM_REGISTRY_TYPE, DIM_TRANSPORT);

  /** Searched text fields with their query weights, in weight order. */
  public static final Map<String, Float> TEXT_FIELD_BOOSTS =
      Map.of(
          NAME, IndexDefaults.BOOST_NAME,
          TITLE, IndexDefaults.BOOST_TITLE,
          DESCRIPTION, IndexDefaults.BOOST_DESCRIPTION,
          PARAMETER_NAMES, IndexDefaults.BOOST_PARAMETER_NAMES,
          PARAMETER_DESCRIPTIONS, IndexDefaults.BOOST_PARAMETER_DESCRIPTIONS,
          SERVER_NAME, IndexDefaults.BOOST_SERVER_NAME,
          SERVER_DESCRIPTION, IndexDefaults.BOOST_SERVER_DESCRIPTION);

  /** {@link #TEXT_FIELD_BOOSTS} keys, in weight order. */
  public static final List<String> TEXT_FIELDS =
      List.of(
          NAME,
          TITLE,
          DESCRIPTION,
          PARAMETER_NAMES,
          PARAMETER_DESCRIPTIONS,
          SERVER_NAME,
          SERVER_DESCRIPTION);

  /** Keyword fields whose values are lower-cased at index and query time. */
  public static final List<String> LOWER_CASE_KEYWORD_FIELDS =
      List.of(TYPE, CATEGORY, RISK_LEVEL, SIGNAL, REGISTRY_TYPE, TRANSPORT);

  /** Keyword fields matched exactly (case-sensitive). */
  public static final List<String> EXACT_KEYWORD_FIELDS = List.of(ID, SERVER_ID);

  private IndexFields() {}
}
