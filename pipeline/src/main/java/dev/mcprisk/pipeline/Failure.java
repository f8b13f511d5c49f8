package dev.mcprisk.pipeline;

/**
 * Something that went wrong in a run without stopping it: a rejected registry entry, a broken
 * snapshot file, a failed live crawl.
 *
 * @param stage the stage it happened in
 * @param subject what it is about: a server id, a file and entry index
 * @param status a status such as {@code REJECTED}, {@code NOT_INSTALLED}, {@code TIMEOUT}
 * @param reason what happened, for a person
 */
public record Failure(String stage, String subject, String status, String reason) {}
