/**
 * The nightly job: {@link dev.mcprisk.pipeline.Pipeline} runs the stages in order (registry, tools,
 * store, classify, index, export), each its own class returning a typed {@link
 * dev.mcprisk.pipeline.StageReport}; {@code PipelineLock} keeps one run per data home; {@link
 * dev.mcprisk.pipeline.RunSummary} is what a run reports; {@code IndexPlan} and {@code ExportPlan}
 * decide between an update and a rewrite; {@link dev.mcprisk.pipeline.PipelineScheduler} runs it on
 * a Quartz schedule. The sources of entries and tools are in {@code dev.mcprisk.pipeline.source}.
 */
package dev.mcprisk.pipeline;
