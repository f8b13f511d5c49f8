package dev.mcprisk.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Runs {@link Main#commandLine()} in this JVM with its output captured through picocli's writers
 * ({@code setOut}/{@code setErr}), without starting the jar and without touching {@code
 * System.out}.
 */
final class InProcessCli {
  /** Exit code, standard output and standard error of one run. */
  record Result(int exitCode, String stdout, String stderr) {}

  private InProcessCli() {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode =
        Main.commandLine()
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(args);
    return new Result(exitCode, out.toString(), err.toString());
  }
}
