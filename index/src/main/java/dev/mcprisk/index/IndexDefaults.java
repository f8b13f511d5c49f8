package dev.mcprisk.index;

/**
 * Every limit, weight and default of the index and search, with its unit, in one place.
 *
 * <p>Thread-safe: constants only.
 */
public final class IndexDefaults {
  /** Version of the field model, stored in each commit's user data; bump on any field change. */
  public static final String INDEX_FORMAT_VERSION = "1";

  /** Commit user-data key that holds {@link #INDEX_FORMAT_VERSION}. */
  public static final String FORMAT_VERSION_KEY = "mcprisk.index.format";

  /** Most hits one search returns: 1,000 hits. */
  public static final int MAX_LIMIT = 1000;

  /** Longest query accepted: 512 chars (a search box, not a document). */
  public static final int MAX_QUERY_CHARS = 512;

  /** Longest snippet returned in a hit: 200 chars, highlight marks included. */
  public static final int SNIPPET_MAX_CHARS = 200;

  /** Snippet length the highlighter aims for before the hard cap: 150 chars. */
  public static final int SNIPPET_GOAL_CHARS = 150;

  /** Opening highlight mark in snippets. */
  public static final String HIGHLIGHT_OPEN = "«";

  /** Closing highlight mark in snippets. */
  public static final String HIGHLIGHT_CLOSE = "»";

  /** Longest token kept by {@link IdentifierAnalyzer}: 255 chars; longer ones are dropped. */
  public static final int MAX_TOKEN_CHARS = 255;

  /** Most input-schema parameters indexed per tool: 500 parameters. */
  public static final int MAX_PARAMETERS = 500;

  /** Weight of a synonym relative to the word the user typed (1.0): 0.5. */
  public static final float SYNONYM_BOOST = 0.5f;

  /** Query weight of {@link IndexFields#NAME}: the tool name (or server name) dominates. */
  public static final float BOOST_NAME = 10f;

  /** Query weight of {@link IndexFields#TITLE}. */
  public static final float BOOST_TITLE = 4f;

  /** Query weight of {@link IndexFields#DESCRIPTION}. */
  public static final float BOOST_DESCRIPTION = 2f;

  /** Query weight of {@link IndexFields#PARAMETER_NAMES}. */
  public static final float BOOST_PARAMETER_NAMES = 1.5f;

  /** Query weight of {@link IndexFields#PARAMETER_DESCRIPTIONS}. */
  public static final float BOOST_PARAMETER_DESCRIPTIONS = 0.75f;

  /** Query weight of {@link IndexFields#SERVER_NAME} (on tool documents). */
  public static final float BOOST_SERVER_NAME = 0.5f;

  /** Query weight of {@link IndexFields#SERVER_DESCRIPTION} (on tool documents). */
  public static final float BOOST_SERVER_DESCRIPTION = 0.25f;

  private IndexDefaults() {}
}
