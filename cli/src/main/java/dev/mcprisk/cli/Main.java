package dev.mcprisk.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code mcprisk} command line.
 *
 * <p>Exit codes: {@value #EXIT_OK} success, {@value #EXIT_FAILURE} failure (the run failed, a bad
 * input line, no index), {@value #EXIT_USAGE} usage error (unknown option, missing argument).
 */
@Command(
    name = "mcprisk",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Builds and searches a risk catalogue of MCP servers and their tools.",
    subcommands = {
      RunCommand.class,
      CrawlCommand.class,
      CrawlLogCommand.class,
      ScheduleCommand.class,
      RunsCommand.class,
      ChangesCommand.class,
      SearchCommand.class,
      SimilarCommand.class,
      ClassifyCommand.class,
      EvalCommand.class,
      ProbeCommand.class,
      ExportCommand.class,
      PolicyCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "1:failure", "2:usage error"})
public final class Main implements Runnable {
  /** Success. */
  public static final int EXIT_OK = 0;

  /** The command ran and failed. */
  public static final int EXIT_FAILURE = 1;

  /** The command line was wrong. */
  public static final int EXIT_USAGE = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
  }

  /**
   * Builds the configured command line; used by {@link #main} and by tests. Every command prints
   * through the command line's writers ({@link CommandLine#getOut()}, {@link
   * CommandLine#getErr()}), so {@code commandLine().setOut(...).setErr(...)} captures all output. A
   * failure the command throws is printed as one line {@code mcprisk: MESSAGE} on the error writer
   * (with the stack trace when {@code MCPRISK_DEBUG} is set) and exits {@value #EXIT_FAILURE}; a
   * usage error exits {@value #EXIT_USAGE}.
   */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setExitCodeExceptionMapper(
        e -> e instanceof CommandLine.ParameterException ? EXIT_USAGE : EXIT_FAILURE);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          PrintWriter err = commandLine.getErr();
          // A message may quote a server's text: escaped like every other text output.
          err.println(
              "mcprisk: " + Terminal.safe(e.getMessage() == null ? e.toString() : e.getMessage()));
          if (System.getenv("MCPRISK_DEBUG") != null) {
            e.printStackTrace(err);
          }
          err.flush();
          return EXIT_FAILURE;
        });
    return cli;
  }

  /**
   * Entry point: prints UTF-8 on standard output whatever the locale (JSON must be UTF-8, RFC 8259
   * section 8.1, and {@code classify} always wrote UTF-8), flushes what the command printed on
   * picocli's writers and exits the JVM with the command's exit code.
   */
  public static void main(String[] args) {
    CommandLine cli = commandLine();
    cli.setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
    int exitCode = cli.execute(args);
    cli.getOut().flush();
    cli.getErr().flush();
    System.exit(exitCode);
  }
}
