package dev.mcprisk.cli;

import dev.mcprisk.export.InterceptPolicyValidator;
import dev.mcprisk.export.PolicyFileReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mcprisk policy}: tools for gateway policy files. */
@Command(
    name = "policy",
    mixinStandardHelpOptions = true,
    description = "Gateway policy tools.",
    subcommands = {PolicyCommand.Validate.class})
final class PolicyCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
  }

  /** {@code mcprisk policy validate FILE…}. */
  @Command(
      name = "validate",
      mixinStandardHelpOptions = true,
      description = {
        "Checks Intercept policy files (version \"1\") against Intercept's own rules, and also"
            + " rejects unknown keys (Intercept ignores them silently).",
        "Prints one line per violation, FILE: where: problem. Exit code 1 when any file has a"
            + " violation."
      })
  static final class Validate implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Intercept YAML files.")
    List<Path> files;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      boolean allValid = true;
      for (Path file : files) {
        PolicyFileReport report = InterceptPolicyValidator.validateFile(file);
        if (report.valid()) {
          out.println(Terminal.safe(file.toString()) + ": valid");
        } else {
          allValid = false;
          for (String violation : report.violations()) {
            out.println(Terminal.safe(file + ": " + violation));
          }
        }
      }
      return allValid ? Main.EXIT_OK : Main.EXIT_FAILURE;
    }
  }
}
