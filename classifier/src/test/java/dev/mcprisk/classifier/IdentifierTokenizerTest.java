package dev.mcprisk.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifierTokenizerTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "delete_entities | delete entities",
        "read_text_file | read text file",
        "drop-collection | drop collection",
        "API-post-page | api post page",
        "API-retrieve-a-page-property | api retrieve a page property",
        "createIssue | create issue",
        "CreateIssue | create issue",
        "StartAHORunBatch | start aho run batch",
        "getHTTPResponse | get http response",
        "HTTPServer | http server",
        "URL | url",
        "github.issues.create | github issues create",
        "github/issues:create | github issues create",
        "s3Upload2 | s3 upload2",
        "ec2StartInstance | ec2 start instance",
        "oauth2token | oauth2 token",
        "v2_list_items | v2 list items",
        "2faVerify | 2 fa verify",
        "issue_create | issue create",
        "__private__name__ | private name",
        "browser_mouse_click_xy | browser mouse click xy",
        "sequentialthinking | sequentialthinking",
        "créerFichier | créer fichier",
      })
  void splitsIdentifierIntoLowerCaseWords(String identifier, String expected) {
    assertEquals(Arrays.asList(expected.split(" ")), IdentifierTokenizer.split(identifier));
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "   ", "\t\n", "___", "-.-"})
  void givesNoWordsForEmptyBlankOrSeparatorOnlyInput(String identifier) {
    assertEquals(List.of(), IdentifierTokenizer.split(identifier));
  }
}
