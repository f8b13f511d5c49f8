/**
 * The project's one Jackson mapper, canonical JSON and the SHA-256 definition hash ({@link
 * dev.mcprisk.json.Json}; the hash contract is in docs/design.md, "Identity and change").
 */
package dev.mcprisk.json;
