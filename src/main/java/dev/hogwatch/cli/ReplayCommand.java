package dev.hogwatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code hogwatch replay FILE}: the final per-process totals of a saved {@code nethogs -t} output,
 * in any {@code -v} mode (detected, or given with {@code --view-mode}).
 *
 * <p>Example: {@code nethogs -t -v 2 -c 60 > trace.txt; hogwatch replay trace.txt --json}.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = "Final per-process totals of a saved 'nethogs -t' output.")
public final class ReplayCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "saved nethogs -t output")
  Path file;

  @Option(names = "--json", description = "print JSON instead of a table")
  boolean json;

  @Option(
      names = "--view-mode",
      paramLabel = "N",
      description = "the -v mode it was recorded with, 0..5 (default: detected)")
  Integer viewMode;

  @Option(
      names = "--delay",
      paramLabel = "S",
      defaultValue = "1",
      description = "the -d it was recorded with, in seconds (rate modes only; default: 1)")
  double delay;

  /** Longest refresh period accepted, in seconds (a day; nethogs's -d is a few seconds). */
  static final double MAX_DELAY = 86_400;

  @ParentCommand Backend.Provider root;

  ReplayCommand() {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (viewMode != null && (viewMode < 0 || viewMode > 5)) {
      err.println("hogwatch replay: --view-mode must be 0..5");
      return Commands.EXIT_USAGE;
    }
    if (!(delay > 0) || delay > MAX_DELAY) {
      err.println(
          "hogwatch replay: --delay must be a number of seconds above 0 and at most "
              + MAX_DELAY
              + " (nethogs's -d)");
      return Commands.EXIT_USAGE;
    }
    if (!Files.isReadable(file) || Files.isDirectory(file)) {
      err.println("hogwatch replay: cannot read " + file);
      return Commands.EXIT_USAGE;
    }
    Backend.Replay r;
    try {
      r = root.backend().replay(file, viewMode, delay);
    } catch (IOException e) {
      err.println(
          "hogwatch replay: cannot read "
              + file
              + " ("
              + dev.hogwatch.model.FileProblem.words(e)
              + ")");
      return Commands.EXIT_USAGE;
    } catch (Backend.NotATrace e) {
      err.println("hogwatch replay: " + e.getMessage());
      return Commands.EXIT_USAGE;
    }
    if (r.garbage() > 0) {
      err.println(
          "hogwatch replay: "
              + r.garbage()
              + (r.garbage() == 1 ? " unreadable line" : " unreadable lines")
              + " skipped (not process lines, or numbers no link carries); the first, "
              + r.firstGarbage());
      err.flush();
    }
    Report report = Report.of(r.snapshot());
    if (json) {
      out.println(report.json());
    } else {
      out.printf(
          "%s: %d blocks%s, view mode %d (%s)%s%n",
          file,
          r.blocks(),
          r.runs() > 1 ? " in " + r.runs() + " nethogs runs" : "",
          r.viewMode(),
          r.detected() ? "detected" : "given",
          r.garbage() > 0 ? ", " + r.garbage() + " unreadable lines skipped" : "");
      out.print(report.table(0, TopCommand.charset()));
    }
    out.flush();
    return 0;
  }
}
