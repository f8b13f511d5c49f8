/**
 * The Lucene index and search over the catalogue: {@link dev.mcprisk.index.CatalogueIndexer}
 * rebuilds it atomically, {@link dev.mcprisk.index.CatalogueSearcher} searches it.
 *
 * <h2>Field model</h2>
 *
 * <p>One document per server ({@code type=server}) and one per tool ({@code type=tool}). Names are
 * constants of {@link dev.mcprisk.index.IndexFields}; weights are in {@link
 * dev.mcprisk.index.IndexDefaults}.
 *
 * <table>
 *   <caption>Fields</caption>
 *   <tr><th>field</th><th>Lucene type</th><th>tool document</th><th>server document</th>
 *       <th>query weight</th></tr>
 *   <tr><td>{@code id}</td><td>KeywordField, stored</td><td>{@code tool:<server id>#<name>}</td>
 *       <td>{@code server:<server id>}</td><td>-</td></tr>
 *   <tr><td>{@code type}</td><td>KeywordField, stored</td><td>{@code tool}</td>
 *       <td>{@code server}</td><td>-</td></tr>
 *   <tr><td>{@code server_id}</td><td>KeywordField, stored</td><td>its server's id</td>
 *       <td>the id</td><td>-</td></tr>
 *   <tr><td>{@code tool}</td><td>StoredField</td><td>tool name as listed</td><td>-</td>
 *       <td>-</td></tr>
 *   <tr><td>{@code name}</td><td>TextField</td><td>tool name</td><td>server name</td>
 *       <td>10</td></tr>
 *   <tr><td>{@code title}</td><td>TextField</td><td>title / annotations.title</td>
 *       <td>title</td><td>4</td></tr>
 *   <tr><td>{@code description}</td><td>text, stored, offsets in postings</td><td>description</td>
 *       <td>description</td><td>2</td></tr>
 *   <tr><td>{@code parameter_names}</td><td>TextField, multi-valued</td>
 *       <td>{@code inputSchema.properties} keys</td><td>-</td><td>1.5</td></tr>
 *   <tr><td>{@code parameter_descriptions}</td><td>TextField, multi-valued</td>
 *       <td>their {@code description}s</td><td>-</td><td>0.75</td></tr>
 *   <tr><td>{@code server_name}</td><td>TextField</td><td>server name</td><td>-</td>
 *       <td>0.5</td></tr>
 *   <tr><td>{@code server_description}</td><td>TextField</td><td>server description</td><td>-</td>
 *       <td>0.25</td></tr>
 *   <tr><td>{@code category}</td><td>KeywordField (lower-case), stored</td>
 *       <td>assessment category</td><td>riskiest tool's</td><td>-</td></tr>
 *   <tr><td>{@code risk_level}</td><td>KeywordField (lower-case), stored</td>
 *       <td>assessment risk level</td><td>riskiest tool's</td><td>-</td></tr>
 *   <tr><td>{@code signal}</td><td>KeywordField, multi-valued</td><td>signal ids</td>
 *       <td>all its tools' signal ids</td><td>-</td></tr>
 *   <tr><td>{@code score}</td><td>IntField (points, doc values), stored</td>
 *       <td>risk score 0..100</td><td>riskiest tool's</td><td>-</td></tr>
 *   <tr><td>{@code registry_type}</td><td>KeywordField (lower-case), multi-valued</td>
 *       <td>its server's</td><td>{@code packages[].registryType}</td><td>-</td></tr>
 *   <tr><td>{@code transport}</td><td>KeywordField (lower-case), multi-valued</td>
 *       <td>its server's</td><td>{@code packages[].transportType}, {@code remotes[].type}</td>
 *       <td>-</td></tr>
 *   <tr><td>{@code parameter_names_stored}</td><td>StoredField, multi-valued</td>
 *       <td>parameter names (for MoreLikeThis)</td><td>-</td><td>-</td></tr>
 *   <tr><td>{@code facet_key}</td><td>SortedDocValuesField</td>
 *       <td>one key of all facet dimensions: category, riskLevel, signal, registryType,
 *       transport ({@code FacetKey})</td><td>-</td><td>-</td></tr>
 * </table>
 *
 * <p>All text fields use {@link dev.mcprisk.index.IdentifierAnalyzer} (stop words and synonyms at
 * query time only). The "riskiest tool" of a server is the greatest by risk level, then score, then
 * category danger. Facets are on tool documents only, so facet counts are tool counts. Facets are
 * drill-sideways: a dimension narrowed by a filter counts the matches of the other filters, so the
 * alternatives to the chosen value stay visible.
 *
 * <h2>Building</h2>
 *
 * <p>A rebuild streams the catalogue ({@code Iterable}): the caller's thread walks it and hands
 * chunks of {@link dev.mcprisk.index.IndexDefaults#REBUILD_CHUNK_SERVERS} servers in turn to {@link
 * dev.mcprisk.index.IndexDefaults#REBUILD_THREADS} indexing threads, each with its own IndexWriter;
 * the parts are then added in thread order and merged with in-order merges down to {@link
 * dev.mcprisk.index.IndexDefaults#REBUILD_MAX_SEGMENTS} segment, so the document order (which
 * breaks score ties) depends on the catalogue's order alone. Search statistics are index-wide, so
 * results do not depend on how documents fall into segments (an incremental update adds segments).
 *
 * <h2>Queries</h2>
 *
 * <p>{@link dev.mcprisk.index.SearchRequest} carries filters, page, order and options; its text may
 * hold field syntax ({@code category:Destructive risk:Critical min-risk:High server:github
 * signal:shell registry:npm transport:stdio}) that becomes filters. Plain words are scored per word
 * as the best field plus a share of the others ({@link
 * dev.mcprisk.index.IndexDefaults#FIELD_TIE_BREAKER}), summed over words; text with operators goes
 * through Lucene's classic query parser, where the keyword fields are also queryable: {@code
 * risk_level:critical}, {@code type:tool}.
 *
 * <h2>Relevance</h2>
 *
 * <p>Measured by {@code RelevanceTest} over {@code
 * src/main/resources/dev/mcprisk/index/relevance/judgements.jsonl} ({@link
 * dev.mcprisk.index.JudgedQueries}; 75 judged queries over the bundled catalogue): MRR 0.957,
 * nDCG@10 0.949. What was tuned, each step measured on the whole set: query stop words (MRR 0.917
 * with them), verb synonyms search/find/lookup and move/rename (0.928), per-word dis-max over
 * fields (0.936), name weight 10 → 4 (0.959); then, for speed at 500,000 tools, no synonyms in
 * descriptions and server fields and no server description in plain-word queries (0.957; p99 CPU 41
 * → 31 ms).
 */
package dev.mcprisk.index;
