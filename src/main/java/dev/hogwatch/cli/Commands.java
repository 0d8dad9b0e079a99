package dev.hogwatch.cli;

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
}
