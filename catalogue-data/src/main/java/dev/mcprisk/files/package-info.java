/**
 * File-system helpers shared by every module that owns a folder under the data home ({@link
 * dev.mcprisk.files.FileTrees}: delete a tree without following links, measure its size).
 */
package dev.mcprisk.files;
