package dev.hogwatch.cli;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Exit codes the commands share. The commands themselves are registered by the root command's
 * {@code @Command(subcommands = ...)} annotation in the wiring; the headless ones reach the engine
 * through their {@code @ParentCommand} ({@link Backend.Provider}).
 */
public final class Commands {
  /** Usage error. */
  public static final int EXIT_USAGE = 2;

  /** Capture impossible (nethogs missing, no permission, no device). */
  public static final int EXIT_CAPTURE = 3;

  private Commands() {}

  /**
   * The data directory: {@code --data-dir} (a global option, inherited by every command), else the
   * default of the root command ({@link Backend.Provider#dataDir()}).
   */
  static Path dataDir(CommandSpec spec) {
    OptionSpec o = spec.findOption("--data-dir");
    if (o != null && o.getValue() instanceof Path p) {
      return p;
    }
    for (CommandSpec s = spec.parent(); s != null; s = s.parent()) {
      if (s.userObject() instanceof Backend.Provider root) {
        return root.dataDir();
      }
    }
    throw new CommandLine.ParameterException(spec.commandLine(), "--data-dir DIR is needed");
  }

  /** The alert rules file of the root command ({@link Backend.Provider#alertRules()}). */
  static Path alertRules(CommandSpec spec) {
    for (CommandSpec s = spec; s != null; s = s.parent()) {
      if (s.userObject() instanceof Backend.Provider root) {
        return root.alertRules();
      }
    }
    throw new IllegalStateException("no root command names the alert rules file");
  }
}
