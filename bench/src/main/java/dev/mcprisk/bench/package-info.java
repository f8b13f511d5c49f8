/**
 * The synthetic world of {@code mcprisk bench}: a deterministic catalogue of up to tens of
 * thousands of servers built from the real bundled tools, served on loopback by a local registry
 * and a fleet of MCP endpoints, run through the real pipeline, and measured stage by stage.
 *
 * <ul>
 *   <li>{@link dev.mcprisk.bench.SyntheticCatalogue} (from {@link dev.mcprisk.bench.RealParts}):
 *       the generated server.json entries and their tools;
 *   <li>{@link dev.mcprisk.bench.LocalWorld}: {@link dev.mcprisk.bench.LocalRegistry} and {@link
 *       dev.mcprisk.bench.LocalMcpFleet} on 127.0.0.1;
 *   <li>{@link dev.mcprisk.bench.BenchReport} with {@link dev.mcprisk.bench.BenchStages}: the
 *       figures of one run (seconds, tools per second, bytes, peak heap), printed as a {@link
 *       dev.mcprisk.bench.BenchTable} and drawn by {@link dev.mcprisk.bench.GrowthPlot}.
 * </ul>
 *
 * <p>Nothing here is used by a nightly run; the bench only drives the pipeline from outside.
 */
package dev.mcprisk.bench;
