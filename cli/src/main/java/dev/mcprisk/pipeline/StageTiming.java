package dev.mcprisk.pipeline;

/**
 * How one pipeline stage went.
 *
 * @param stage stage name: registry, tools, store, classify, index, export
 * @param millis wall time in milliseconds
 * @param result one line on what it did, e.g. "468 servers from 2 files"
 */
public record StageTiming(String stage, long millis, String result) {}
