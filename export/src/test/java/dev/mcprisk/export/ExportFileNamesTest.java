package dev.mcprisk.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcprisk.json.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExportFileNamesTest {
  static final List<String> IDS =
      List.of(
          "io.github.mongodb-js/mongodb-mcp-server",
          "io.github.mongodb-js_mongodb-mcp-server",
          "npm:@scope/pkg",
          "npm:@scope_pkg",
          "../x",
          "..",
          ".",
          ".hidden",
          "a..b",
          "a/../../etc/passwd",
          "Foo",
          "foo",
          "FOO",
          "a: b",
          "- x",
          "\"quoted\"",
          "line\nbreak",
          "#",
          "\u202Eevil",
          "zero\u200Bwidth",
          "x".repeat(300),
          "x".repeat(299) + "y",
          "https://example.com/mcp?x=1",
          "C:\\Windows\\x",
          "caf\u00e9",
          "cafe",
          "plain-id",
          "plain-id-1234abcd");

  @Test
  void registryNameGetsMappedStemAndHashSuffix() {
    String id = "io.github.mongodb-js/mongodb-mcp-server";
    assertEquals(
        "io.github.mongodb-js_mongodb-mcp-server-" + Json.sha256Hex(id).substring(0, 8),
        ExportFileNames.forServer(id));
  }

  @Test
  void safeIdIsKeptAsIs() {
    assertEquals("plain-id", ExportFileNames.forServer("plain-id"));
    assertEquals("a.b_c-1", ExportFileNames.forServer("a.b_c-1"));
  }

  @Test
  void everyStemIsSafeAndDistinct() {
    Map<String, String> seen = new HashMap<>();
    for (String id : IDS) {
      String stem = ExportFileNames.forServer(id);
      assertTrue(stem.matches("[a-z0-9._-]+"), stem);
      assertFalse(stem.startsWith("."), stem);
      assertFalse(stem.contains(".."), stem);
      assertTrue(stem.length() <= ExportFileNames.MAX_STEM_CHARS, stem);
      String other = seen.put(stem, id);
      assertEquals(null, other, "collision of '" + id + "' and '" + other + "' on " + stem);
    }
  }

  @Test
  void idThatLooksLikeAHashedStemIsHashedAgain() {
    String id = "foo";
    String hashedUpper = ExportFileNames.forServer("Foo");
    assertNotEquals(hashedUpper, ExportFileNames.forServer(hashedUpper));
    assertEquals(id, ExportFileNames.forServer(id));
  }
}
