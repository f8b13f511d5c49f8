package dev.mcprisk.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionLengthAttribute;
import org.apache.lucene.search.BoostAttribute;
import org.junit.jupiter.api.Test;

class IdentifierAnalyzerTest {
  private final Analyzer index = IdentifierAnalyzer.forIndexing();
  private final Analyzer query = IdentifierAnalyzer.forQuery();

  @Test
  void splitsPascalCaseWithAcronymAndKeepsTheWholeIdentifier() throws IOException {
    assertEquals(
        List.of("startahorunbatch", "start", "aho", "run", "batch"),
        terms(index, "StartAHORunBatch"));
  }

  @Test
  void splitsSnakeCaseAndStemsThePlural() throws IOException {
    assertEquals(List.of("delete_entities", "delete", "entity"), terms(index, "delete_entities"));
  }

  @Test
  void splitsKebabCaseWithLeadingAcronym() throws IOException {
    assertEquals(List.of("api-post-page", "api", "post", "page"), terms(index, "API-post-page"));
  }

  @Test
  void splitsDottedNames() throws IOException {
    // KStem folds "browser" into "browse", at index and query time alike
    assertEquals(List.of("browser.click", "browse", "click"), terms(index, "browser.click"));
  }

  @Test
  void splitsCamelCaseDigitsAndPluralAcronyms() throws IOException {
    assertEquals(List.of("createentities", "create", "entity"), terms(index, "createEntities"));
    assertEquals(List.of("oauth2token", "oauth", "2", "token"), terms(index, "oauth2Token"));
    assertEquals(List.of("getuserids", "get", "user", "ids"), terms(index, "getUserIDs"));
    assertEquals(
        List.of("xmlhttprequest", "xml", "http", "request"), terms(index, "XMLHttpRequest"));
  }

  @Test
  void dropsSentencePunctuationAndStemsInflections() throws IOException {
    assertEquals(
        List.of("delete", "the", "file", "in", "directory"),
        terms(index, "Deletes the files, (in directories)."));
    assertEquals(List.of("delete"), terms(index, "deleted"));
  }

  @Test
  void wholeIdentifierSpansItsPartsAndPartsHaveTheirOwnOffsets() throws IOException {
    assertEquals(
        List.of(
            "startahorunbatch@0+4[0-16]",
            "start@0+1[0-5]",
            "aho@1+1[5-8]",
            "run@2+1[8-11]",
            "batch@3+1[11-16]",
            "now@4+1[17-20]"),
        graph(index, "StartAHORunBatch now"));
  }

  @Test
  void queryAnalyzerAddsSynonymsAtTheSamePositionWithLowerBoost() throws IOException {
    assertEquals(
        List.of("delete^1.0", "remove^0.5", "drop^0.5", "destroy^0.5", "purge^0.5"),
        boosted(query, "delete"));
    assertEquals(List.of("folder^1.0", "directory^0.5"), boosted(query, "folders"));
  }

  @Test
  void indexAnalyzerAddsNoSynonyms() throws IOException {
    assertEquals(List.of("remove"), terms(index, "remove"));
  }

  @Test
  void queryDropsStandAloneStopWordsButKeepsThemInsideIdentifiers() throws IOException {
    Analyzer words = IdentifierAnalyzer.forQueryWords();
    assertEquals(
        List.of("take", "screenshot", "page"), terms(words, "take a screenshot of The page"));
    assertEquals(
        List.of("slack_reply_to_thread", "slack", "reply", "to", "thread"),
        terms(words, "slack_reply_to_thread"));
    assertEquals(
        List.of("take", "a", "screenshot"), terms(index, "take a screenshot"), "index keeps them");
  }

  @Test
  void queryClosesThePositionGapsStopWordsLeave() throws IOException {
    List<Integer> increments = new ArrayList<>();
    try (TokenStream stream =
        IdentifierAnalyzer.forQueryWords().tokenStream("name", "delete_file in the folder")) {
      PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        increments.add(increment.getPositionIncrement());
      }
      stream.end();
    }
    assertEquals(List.of(1, 0, 1, 1), increments);
  }

  private static List<String> terms(Analyzer analyzer, String text) throws IOException {
    List<String> out = new ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream("name", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        out.add(term.toString());
      }
      stream.end();
    }
    return out;
  }

  private static List<String> graph(Analyzer analyzer, String text) throws IOException {
    List<String> out = new ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream("name", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
      PositionLengthAttribute length = stream.addAttribute(PositionLengthAttribute.class);
      OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
      stream.reset();
      int position = -1;
      while (stream.incrementToken()) {
        position += increment.getPositionIncrement();
        out.add(
            term
                + "@"
                + position
                + "+"
                + length.getPositionLength()
                + "["
                + offset.startOffset()
                + "-"
                + offset.endOffset()
                + "]");
      }
      stream.end();
    }
    return out;
  }

  private static List<String> boosted(Analyzer analyzer, String text) throws IOException {
    List<String> out = new ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream("name", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      BoostAttribute boost = stream.addAttribute(BoostAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        out.add(term + "^" + boost.getBoost());
      }
      stream.end();
    }
    return out;
  }
}
