package dev.mcprisk.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

class YamlTextTest {
  static final YAMLMapper YAML = new YAMLMapper();

  @Test
  void everyBasicPlaneCharacterAndSomeSupplementaryOnesRoundTrip() throws Exception {
    StringBuilder all = new StringBuilder();
    for (int cp = 0; cp <= 0xFFFF; cp++) {
      all.appendCodePoint(cp);
    }
    all.appendCodePoint(0x1F600).appendCodePoint(0xE0001).appendCodePoint(0x10FFFF);
    String text = all.toString();
    String yaml = "k: " + YamlText.quote(text) + "\n";
    assertEquals(text, YAML.readTree(yaml).get("k").asText());
  }

  @Test
  void quotedTextHasNoLineBreaksOrInvisibleCharacters() {
    String quoted = YamlText.quote("a\nb\r\u0085\u2028\u2029\u202E\u200B\uFEFF\u00A0c");
    assertEquals("\"a\\nb\\r\\u0085\\u2028\\u2029\\u202E\\u200B\\uFEFF\\u00A0c\"", quoted);
  }

  @Test
  void commentTextIsOneLineCollapsedAndCut() {
    assertEquals("a b c", YamlText.comment(" a\n\n b\u2028\u202Ec ", 100));
    assertEquals("abc...", YamlText.comment("abcdef", 3));
    assertEquals("", YamlText.comment(null, 3));
    assertFalse(YamlText.comment("x\ny", 10).contains("\n"));
  }

  @Test
  void longKeysUseTheExplicitForm() {
    assertEquals("  \"k\":", YamlText.key("k", "  "));
    String longKey = "k".repeat(YamlText.MAX_IMPLICIT_KEY_CHARS);
    assertEquals("  ? \"" + longKey + "\"\n  :", YamlText.key(longKey, "  "));
  }
}
