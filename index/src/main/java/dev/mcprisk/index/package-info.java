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
 * </table>
 *
 * <p>All text fields use {@link dev.mcprisk.index.IdentifierAnalyzer} (synonyms at query time
 * only). The "riskiest tool" of a server is the greatest by risk level, then score, then category
 * danger. Keyword fields can be queried with the classic syntax: {@code category:destructive},
 * {@code risk_level:critical}, {@code signal:shell}, {@code type:tool}.
 */
package dev.mcprisk.index;
