/**
 * The real data shipped in the jar, so the default run works offline: registry seed files and
 * recorded {@code initialize} + {@code tools/list} answers of real servers ({@link
 * dev.mcprisk.bundled.BundledData}; provenance in {@code dev/mcprisk/bundled/SOURCES.md}).
 */
package dev.mcprisk.bundled;
