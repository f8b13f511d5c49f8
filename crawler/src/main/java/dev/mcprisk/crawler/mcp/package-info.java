/**
 * The MCP client of the crawler: connects to one MCP server (Streamable HTTP, legacy HTTP+SSE, or a
 * command over stdio in a sandbox), agrees on a protocol version, lists its tools and counts its
 * prompts and resources, treating the server as hostile throughout (every read bounded in bytes,
 * nesting and time; nothing a server sends makes the client read a file or call a model).
 *
 * <h2>Entry points</h2>
 *
 * <ul>
 *   <li>{@link dev.mcprisk.crawler.mcp.McpProbe#probe}: one server by {@link
 *       dev.mcprisk.crawler.mcp.ProbeTarget} and {@link dev.mcprisk.crawler.mcp.ProbeOptions}, to a
 *       {@link dev.mcprisk.crawler.mcp.ProbeResult} whose secrets the {@link
 *       dev.mcprisk.crawler.mcp.Redactor} masked;
 *   <li>{@link dev.mcprisk.crawler.mcp.StdioMcpClient#crawl}: one stdio server by {@link
 *       dev.mcprisk.crawler.mcp.StdioServerSpec}, in a {@link dev.mcprisk.crawler.mcp.Sandbox};
 *   <li>{@link dev.mcprisk.crawler.mcp.CrawlLimits} and {@link
 *       dev.mcprisk.crawler.mcp.ClientCapabilities}: the bounds and what is announced.
 * </ul>
 *
 * <h2>One session, in layers</h2>
 *
 * <ul>
 *   <li>{@code McpSession}: the sequence of one crawl (negotiate, list tools, count the rest) and
 *       its result;
 *   <li>{@code VersionNegotiation}: {@code server/discover} (2026-07-28) or {@code initialize}
 *       across 2024-11-05..2025-11-25, and {@code notifications/initialized}
 *       (https://modelcontextprotocol.io/specification/2025-06-18/basic/lifecycle);
 *   <li>{@code Listing} and {@code CursorPager}: {@code tools/list}, {@code prompts/list}, {@code
 *       resources/list} and {@code resources/templates/list}, all through one cursor loop
 *       (https://modelcontextprotocol.io/specification/2025-06-18/server/utilities/pagination);
 *   <li>{@code JsonRpcChannel}: JSON-RPC 2.0 request ids, answer matching, batches, and the answers
 *       to the server's own requests;
 *   <li>{@code McpTransport}: moves messages, implemented by {@code StdioTransport}, {@code
 *       StreamableHttpTransport} and {@code LegacySseTransport}.
 * </ul>
 *
 * <p>Outcomes are data: nothing a server does makes these classes throw; the status and reason of a
 * crawl are in {@link dev.mcprisk.model.CrawlOutcome}. Each type states its thread-safety; a
 * session and its parts belong to one crawl thread.
 */
package dev.mcprisk.crawler.mcp;
