package dev.mcprisk.index;

import java.util.List;

/**
 * Every limit, weight and default of the index and search, with its unit, in one place.
 *
 * <p>Thread-safe: constants only.
 */
public final class IndexDefaults {
  /** Version of the field model, stored in each commit's user data; bump on any field change. */
  public static final String INDEX_FORMAT_VERSION = "2";

  /** Commit user-data key that holds {@link #INDEX_FORMAT_VERSION}. */
  public static final String FORMAT_VERSION_KEY = "mcprisk.index.format";

  /**
   * Memory the rebuild's IndexWriters buffer before they flush a segment: 256 MB, split evenly
   * between the indexing threads' writers (Lucene's default is 16 MB per writer); fewer, larger
   * segments leave less to merge before the final merge ({@link #REBUILD_MAX_SEGMENTS}). Sized for
   * the 1 GiB heap of the nightly job, where the rebuild runs alone.
   */
  public static final double REBUILD_RAM_BUFFER_MB = 256;

  /**
   * Threads that analyse and index documents during a rebuild: 1. The caller's thread walks the
   * catalogue and hands servers over. Two threads (one per core of the target machine) only cost
   * CPU on the shared 2-core machine (BENCHMARKS.md, index build at 500,000 tools).
   */
  public static final int REBUILD_THREADS = 1;

  /**
   * Servers walked ahead of each indexing thread during a rebuild: 64 servers, so memory stays
   * bounded however large the catalogue.
   */
  public static final int REBUILD_QUEUE_SERVERS = 64;

  /**
   * Consecutive servers one indexing thread takes during a rebuild: 256 servers. Chunk {@code k}
   * goes to thread {@code k mod} {@link #REBUILD_THREADS}, so the split, and with it the document
   * order, depends only on the catalogue's order; a catalogue of at most this many servers is
   * indexed in its own order.
   */
  public static final int REBUILD_CHUNK_SERVERS = 256;

  /**
   * Most segments the rebuild's merges join in one pass: 100 (Lucene's default merge factor is 10),
   * so flushed segments wait for the one final merge instead of being merged again and again while
   * documents still arrive.
   */
  public static final int REBUILD_MERGE_FACTOR = 100;

  /**
   * Segments a rebuild merges down to at the end: 1 segment. Measured at 500,000 tools
   * (BENCHMARKS.md): leaving the flushed segments unmerged cuts the build by about a quarter (no
   * final rewrite of the whole index: 56 against 80 CPU seconds, 38 against 50 s wall on a quiet
   * machine), but every segment adds term look-ups and block-max bookkeeping to every query: 2
   * segments (256 MB flushes) cost 10 to 25 %, 4 segments (96 MB) about 20 %, 14 segments (40,000
   * documents each) 35 to 50 % more search CPU than one, which the search p99 target cannot spare.
   */
  public static final int REBUILD_MAX_SEGMENTS = 1;

  /**
   * How long the thread walking the catalogue waits for room in the full queue before it checks
   * whether an indexing thread failed: 100 ms.
   */
  public static final long REBUILD_QUEUE_POLL_MILLIS = 100;

  /** Most hits one search returns: 1,000 hits. */
  public static final int MAX_LIMIT = 1000;

  /** Hits per page when the caller does not say: 10 hits. */
  public static final int DEFAULT_LIMIT = 10;

  /**
   * Deepest page start: 10,000 hits. Paging collects {@code offset + limit} hits, so deep pages
   * cost memory and time; past this, narrow the query with filters instead.
   */
  public static final int MAX_OFFSET = 10_000;

  /**
   * Hits the ranking pass counts exactly before it may skip non-competitive documents: 1,000 hits.
   * Totals stay exact (the facet pass or a count supplies them); this only lets Lucene's block-max
   * WAND skip scoring.
   */
  public static final int TOTAL_HITS_THRESHOLD = 1000;

  /** Riskiest tools listed on a server hit: 3 tools. */
  public static final int RISKIEST_TOOLS_PER_SERVER = 3;

  /** Most values returned per facet dimension: 50 values (signals are the longest list). */
  public static final int MAX_FACET_VALUES = 50;

  /**
   * Edit distance of the fuzzy retry for a word of at most this many chars: 0 edits up to 2 chars,
   * 1 edit up to {@value #FUZZY_ONE_EDIT_MAX_CHARS} chars, 2 edits beyond (as Elasticsearch's
   * {@code AUTO} fuzziness).
   */
  public static final int FUZZY_ONE_EDIT_MAX_CHARS = 5;

  /** Leading chars a fuzzy match must share with the typed word: 1 char (keeps the retry fast). */
  public static final int FUZZY_PREFIX_CHARS = 1;

  /** Most terms one fuzzy word expands to: 50 terms. */
  public static final int FUZZY_MAX_EXPANSIONS = 50;

  /** MoreLikeThis: most interesting terms taken from the given tool: 25 terms. */
  public static final int SIMILAR_MAX_QUERY_TERMS = 25;

  /**
   * MoreLikeThis: a term in more than this share of documents is too common to tell tools apart: 20
   * percent.
   */
  public static final int SIMILAR_MAX_DOC_FREQ_PERCENT = 20;

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

  /**
   * Words dropped from queries (not from the index): English function words that match nearly every
   * description and would otherwise be highlighted ("take «a» screenshot «in» «the» page"). The
   * list is Lucene's {@code EnglishAnalyzer.ENGLISH_STOP_WORDS_SET} less "no" and "not", which can
   * carry meaning in a tool search ("no-verify"), plus the filler of requests to an assistant ("i",
   * "my", "me", "all", "from", "some", "using"). A stop word inside an identifier ({@code
   * slack_reply_to_thread}) is kept as part of it.
   */
  public static final List<String> QUERY_STOP_WORDS =
      List.of(
          "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is",
          "it", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these", "they",
          "this", "to", "was", "will", "with", "my", "me", "i", "all", "from", "some", "using");

  /** Weight of a synonym relative to the word the user typed (1.0): 0.5. */
  public static final float SYNONYM_BOOST = 0.5f;

  /**
   * Share of the other fields' scores a word keeps besides its best field's (dis-max tie breaker):
   * 0.3. 0 would score a word by its best field alone; 1 would add all fields up, letting one word
   * matched in name, description and parameters outweigh several words matched once.
   */
  public static final float FIELD_TIE_BREAKER = 0.3f;

  /**
   * Query weight of {@link IndexFields#NAME}: the tool name (or server name) weighs most. Tuned on
   * the judged queries: 10 let one name word beat a description that matched every word (MRR
   * 0.936), 6 gave 0.931, 4 gives 0.959.
   */
  public static final float BOOST_NAME = 4f;

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
