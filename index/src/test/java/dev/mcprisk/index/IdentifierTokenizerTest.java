package dev.mcprisk.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mcprisk.model.CatalogueServer;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.pattern.PatternTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.junit.jupiter.api.Test;

class IdentifierTokenizerTest {
  /** Letters, digits, joiners, marks, a supplementary letter and number, punctuation, spaces. */
  private static final String[] ALPHABET = {
    "a",
    "Z",
    "7",
    "_",
    "-",
    ".",
    "/",
    ":",
    " ",
    ",",
    "é",
    "\u0301",
    "ß",
    "日",
    "\uD835\uDC00",
    "\uD800\uDD07",
    "²",
    "Ⅻ",
    "'",
    "\t",
    "\uD800",
    "@",
    "(",
    "–"
  };

  @Test
  void emitsTheSameTokensAndOffsetsAsThePatternTokenizerOnTheBundledTexts() throws IOException {
    Tokenizer fast = new IdentifierTokenizer();
    Tokenizer regex = new PatternTokenizer(IdentifierAnalyzer.TOKEN_PATTERN, 0);
    int texts = 0;
    for (CatalogueServer server : BundledCatalogue.load()) {
      List<String> values = new ArrayList<>();
      values.add(server.server().name());
      values.add(String.valueOf(server.server().description()));
      server
          .tools()
          .forEach(
              t -> {
                values.add(t.tool().name());
                values.add(String.valueOf(t.tool().description()));
                values.add(t.tool().json().toString());
              });
      for (String value : values) {
        assertEquals(tokens(regex, value), tokens(fast, value), value);
        texts++;
      }
    }
    assertEquals(true, texts > 900, "texts compared: " + texts);
  }

  @Test
  void emitsTheSameTokensAndOffsetsAsThePatternTokenizerOnRandomText() throws IOException {
    Tokenizer fast = new IdentifierTokenizer();
    Tokenizer regex = new PatternTokenizer(IdentifierAnalyzer.TOKEN_PATTERN, 0);
    SplittableRandom random = new SplittableRandom(20261121L);
    for (int n = 0; n < 20_000; n++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(40);
      for (int i = 0; i < length; i++) {
        text.append(ALPHABET[random.nextInt(ALPHABET.length)]);
      }
      String value = text.toString();
      assertEquals(tokens(regex, value), tokens(fast, value), value);
    }
  }

  @Test
  void readsInputsLongerThanItsBuffer() throws IOException {
    String value = "delete_file ".repeat(5_000);
    List<String> tokens = tokens(new IdentifierTokenizer(), value);
    assertEquals(5_001, tokens.size());
    assertEquals("delete_file[0,11]", tokens.get(0));
    assertEquals("end[" + value.length() + "]", tokens.get(5_000));
  }

  /** Each token as {@code term[start,end]}, then {@code end[finalOffset]}. */
  private static List<String> tokens(Tokenizer tokenizer, String text) throws IOException {
    List<String> out = new ArrayList<>();
    CharTermAttribute term = tokenizer.addAttribute(CharTermAttribute.class);
    OffsetAttribute offset = tokenizer.addAttribute(OffsetAttribute.class);
    tokenizer.setReader(new StringReader(text));
    tokenizer.reset();
    while (tokenizer.incrementToken()) {
      out.add(term + "[" + offset.startOffset() + "," + offset.endOffset() + "]");
    }
    tokenizer.end();
    out.add("end[" + offset.endOffset() + "]");
    tokenizer.close();
    return out;
  }
}
