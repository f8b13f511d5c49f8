package dev.mcprisk.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link InterceptPolicyValidator#validateFile} on users' files: the CLI's policy validate. */
class InterceptPolicyValidatorFileTest {
  @TempDir Path dir;

  static Path fixture(String name) {
    try {
      return Path.of(InterceptPolicyValidatorFileTest.class.getResource("/export/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void goodFileIsValid() {
    PolicyFileReport report = InterceptPolicyValidator.validateFile(fixture("good-policy.yaml"));
    assertEquals(List.of(), report.violations());
    assertTrue(report.valid());
  }

  @Test
  void badFileReportsEveryViolation() {
    PolicyFileReport report = InterceptPolicyValidator.validateFile(fixture("bad-policy.yaml"));
    assertFalse(report.valid());
    assertEquals(4, report.violations().size(), report.violations().toString());
  }

  @Test
  void yamlSyntaxErrorIsOneViolationWithLineAndColumn() {
    PolicyFileReport report = InterceptPolicyValidator.validateFile(fixture("syntax-error.yaml"));
    assertEquals(1, report.violations().size(), report.violations().toString());
    assertTrue(
        report.violations().get(0).matches("\\(file\\) line \\d+, column \\d+: not valid YAML: .+"),
        report.violations().get(0));
  }

  @Test
  void duplicateKeyIsReportedWithItsLine() {
    PolicyFileReport report = InterceptPolicyValidator.validateFile(fixture("duplicate-key.yaml"));
    assertEquals(1, report.violations().size(), report.violations().toString());
    assertTrue(report.violations().get(0).startsWith("(file) line 3, column"), report.toString());
    assertTrue(report.violations().get(0).contains("version"), report.toString());
  }

  @Test
  void aliasBombIsCheckedWithoutExpandingIt() {
    long started = System.nanoTime();
    PolicyFileReport report = InterceptPolicyValidator.validateFile(fixture("aliases.yaml"));
    assertTrue((System.nanoTime() - started) / 1_000_000 < 5_000, "bounded time");
    assertEquals(7, report.violations().size(), report.toString());
    assertTrue(report.violations().get(0).startsWith("\"a\": unknown key"), report.toString());
  }

  @Test
  void textThatIsNotAPolicyIsAViolation() throws Exception {
    Path text = Files.writeString(dir.resolve("readme.txt"), "Just some words.\n");
    assertEquals(
        List.of("(file): the policy must be a mapping"),
        InterceptPolicyValidator.validateFile(text).violations());
    Path empty = Files.writeString(dir.resolve("empty.yaml"), "");
    assertEquals(
        List.of("(file): the policy must be a mapping"),
        InterceptPolicyValidator.validateFile(empty).violations());
  }

  @Test
  void binaryFileIsNotUtf8() throws Exception {
    Path binary = Files.write(dir.resolve("x.yaml"), new byte[] {0x76, (byte) 0xC3, 0x28, 0x00});
    assertEquals(
        List.of("(file): not UTF-8 text"),
        InterceptPolicyValidator.validateFile(binary).violations());
  }

  @Test
  void fileOverTheLimitIsRefusedWithoutParsing() throws Exception {
    Path huge = dir.resolve("huge.yaml");
    try (OutputStream out = Files.newOutputStream(huge)) {
      byte[] line = "# padding padding padding padding padding padding padding\n".getBytes();
      for (long written = 0;
          written <= InterceptPolicyValidator.MAX_FILE_BYTES;
          written += line.length) {
        out.write(line);
      }
    }
    assertEquals(
        List.of("(file): larger than the limit of 4194304 bytes"),
        InterceptPolicyValidator.validateFile(huge).violations());
  }

  @Test
  void policyJustUnderTheLimitIsParsedAndChecked() throws Exception {
    StringBuilder yaml = new StringBuilder("version: \"1\"\ntools:\n");
    String entry =
        "  # Write, Medium: creates a record in the remote system and returns its id\n"
            + "  \"tool_%07d\":\n"
            + "    rules:\n"
            + "      - name: \"write rate limit\"\n"
            + "        rate_limit: \"30/hour\"\n";
    int tools = 0;
    while (yaml.length() + entry.length() < InterceptPolicyValidator.MAX_FILE_BYTES) {
      yaml.append(entry.formatted(tools++));
    }
    Path big = Files.writeString(dir.resolve("big.yaml"), yaml);
    assertTrue(Files.size(big) > InterceptPolicyValidator.MAX_FILE_BYTES - entry.length());
    long started = System.nanoTime();
    assertEquals(List.of(), InterceptPolicyValidator.validateFile(big).violations());
    System.out.printf(
        "validated a %d-byte policy with %d tools in %d ms%n",
        Files.size(big), tools, (System.nanoTime() - started) / 1_000_000);
  }

  @Test
  void missingFileAndFolderAreViolations() {
    PolicyFileReport missing = InterceptPolicyValidator.validateFile(dir.resolve("nope.yaml"));
    assertEquals(1, missing.violations().size());
    assertTrue(missing.violations().get(0).startsWith("(file): cannot read: "), missing.toString());
    PolicyFileReport folder = InterceptPolicyValidator.validateFile(dir);
    assertEquals(1, folder.violations().size());
    assertTrue(folder.violations().get(0).startsWith("(file): cannot read: "), folder.toString());
  }
}
