/**
 * Text from untrusted servers made safe to show ({@link dev.mcprisk.text.UntrustedText}, by the
 * character kinds of {@link dev.mcprisk.text.UnsafeCharacter}: controls, bidi overrides, invisible
 * characters; sources: Unicode TR36 and UTS39), and identifiers split into words ({@link
 * dev.mcprisk.text.IdentifierSplitter}, giving {@link dev.mcprisk.text.WordSpan}s) for the
 * classifier and the index.
 */
package dev.mcprisk.text;
