package dev.mcprisk.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {
  @TempDir Path dir;

  @Test
  void sizeCountsRegularFilesAndDeleteRemovesTheTree() throws Exception {
    Path root = Files.createDirectories(dir.resolve("a/b/c"));
    Files.writeString(root.resolve("x"), "12345");
    Files.writeString(dir.resolve("a/y"), "123");
    assertEquals(8, FileTrees.size(dir.resolve("a")));
    FileTrees.delete(dir.resolve("a"));
    assertFalse(Files.exists(dir.resolve("a")));
    FileTrees.delete(dir.resolve("a"));
  }

  @Test
  void deleteDoesNotFollowALinkOutOfTheTree() throws Exception {
    Path outside = Files.writeString(dir.resolve("keep.txt"), "keep");
    Path tree = Files.createDirectories(dir.resolve("tree"));
    Files.createSymbolicLink(tree.resolve("link"), outside);
    FileTrees.deleteQuietly(tree);
    assertFalse(Files.exists(tree));
    assertTrue(Files.exists(outside));
  }

  @Test
  void deleteQuietlyIgnoresAMissingFolder() {
    FileTrees.deleteQuietly(dir.resolve("absent"));
    FileTrees.deleteQuietly(null);
  }
}
