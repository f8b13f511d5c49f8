package dev.mcprisk.export;

/**
 * What a {@link PolicyFileWriter} wrote: servers seen, files (one per server with tools, whatever
 * the formats), bytes, tools, Intercept rules by kind. Immutable.
 */
record PolicyFiles(int servers, int files, long bytes, long tools, RuleCounts rules) {}
