/**
 * Recorded {@code initialize} + {@code tools/list} answers read as crawl outcomes ({@link
 * dev.mcprisk.crawler.snapshot.SnapshotReader}), so a catalogue can be built without starting any
 * server.
 */
package dev.mcprisk.crawler.snapshot;
