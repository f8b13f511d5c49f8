/**
 * The {@code mcprisk} command line: picocli commands that map their options onto the pipeline
 * ({@code dev.mcprisk.pipeline}), the bench ({@code dev.mcprisk.bench}) and the catalogue readers
 * (store, index, export), and print the result.
 *
 * <p>{@link dev.mcprisk.cli.Main} is the entry point and lists the subcommands; each subcommand is
 * a {@code *Command} class implementing {@code Callable<Integer>} (exit codes: 0 success, 1
 * failure, 2 usage error; see {@link dev.mcprisk.cli.Main}). Options shared by several commands are
 * mixins ({@code HomeOption}, {@code PipelineOptions}, {@code CrawlOptions}); option values with
 * units are read by picocli converters ({@code ByteSizeConverter}, {@code DurationConverter}).
 *
 * <p>Commands print only through picocli's writers ({@code CommandLine.getOut()} and {@code
 * getErr()}, see <a href="https://picocli.info/#_usage_help_api">picocli's usage help API</a>),
 * never through {@code System.out} or {@code System.err}, so a caller (or a test) chooses where the
 * output goes with {@code CommandLine.setOut} and {@code setErr}. Printing helpers take the writer:
 * {@code SummaryPrinter} renders a run summary, {@code Terminal} escapes text from strangers, and
 * {@code PrintWriterStream} gives the pipeline's progress a {@code PrintStream} view of the error
 * writer.
 */
package dev.mcprisk.cli;
