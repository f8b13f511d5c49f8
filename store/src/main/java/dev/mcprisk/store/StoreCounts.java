package dev.mcprisk.store;

/**
 * Row counts of the store, for run statistics and the CLI's status output.
 *
 * @param servers servers known
 * @param tools tools in the current tool sets of all servers
 * @param definitions distinct definition hashes ever seen (history, not only current tools)
 * @param crawls crawls recorded in the crawl log
 * @param runs pipeline runs started
 * @param assessments cached assessments, over all classifier versions
 */
public record StoreCounts(
    long servers, long tools, long definitions, long crawls, long runs, long assessments) {}
