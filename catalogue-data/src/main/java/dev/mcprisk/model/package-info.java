/**
 * The catalogue's data types, shared by every stage: what a registry says about a server ({@link
 * dev.mcprisk.model.ServerEntry}, {@link dev.mcprisk.model.ServerPackage}, {@link
 * dev.mcprisk.model.Remote}), what a crawl found ({@link dev.mcprisk.model.CrawlOutcome} with a
 * {@link dev.mcprisk.model.CrawlStatus}, {@link dev.mcprisk.model.ToolDefinition}, {@link
 * dev.mcprisk.model.FetchRecord}), what the classifier said ({@link dev.mcprisk.model.Assessment}:
 * {@link dev.mcprisk.model.Category}, {@link dev.mcprisk.model.RiskLevel}, {@link
 * dev.mcprisk.model.Signal}) and what is recommended ({@link
 * dev.mcprisk.model.PolicyRecommendation}).
 *
 * <p>Records, immutable and validated in their compact constructors; safe to share across threads
 * except where a type says it wraps a JSON tree. Identity rules: docs/design.md; categories and
 * risk levels: docs/taxonomy.md.
 */
package dev.mcprisk.model;
