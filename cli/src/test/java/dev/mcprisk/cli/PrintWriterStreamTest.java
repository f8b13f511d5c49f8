package dev.mcprisk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PrintWriterStreamTest {
  @Test
  void textReachesTheWriterUnchangedAndAtOnce() {
    StringWriter target = new StringWriter();
    // no autoflush: the stream itself must flush every write through
    PrintStream stream = PrintWriterStream.over(new PrintWriter(target, false));
    stream.print("\r[###...] registry entries 1/2 (50%) · café 東京 🙂");
    assertEquals("\r[###...] registry entries 1/2 (50%) · café 東京 🙂", target.toString());
    stream.println();
    stream.printf("%s %d%n", "stage", 42);
    assertEquals(
        "\r[###...] registry entries 1/2 (50%) · café 東京 🙂"
            + System.lineSeparator()
            + "stage 42"
            + System.lineSeparator(),
        target.toString());
  }

  @Test
  void aCharacterSplitOverTwoWritesIsWrittenWhole() {
    StringWriter target = new StringWriter();
    PrintStream stream = PrintWriterStream.over(new PrintWriter(target, false));
    byte[] bytes = "é🙂".getBytes(StandardCharsets.UTF_8);
    stream.write(bytes, 0, 1);
    assertEquals("", target.toString());
    stream.write(bytes, 1, 3);
    assertEquals("é", target.toString());
    stream.write(bytes, 4, bytes.length - 4);
    assertEquals("é🙂", target.toString());
  }

  @Test
  void closingLeavesTheWriterOpen() {
    StringWriter target = new StringWriter();
    PrintWriter writer = new PrintWriter(target, false);
    PrintWriterStream.over(writer).close();
    writer.print("still open");
    writer.flush();
    assertEquals("still open", target.toString());
  }
}
