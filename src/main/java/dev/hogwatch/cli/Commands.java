package dev.hogwatch.cli;

import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * Registers the headless commands ({@code top}, {@code replay}, {@code doctor}) on the root command
 * line. The root wiring supplies the {@link Backend}, built from the global options after parsing.
 *
 * <pre>{@code
 * CommandLine cl = new CommandLine(app);
 * Commands.register(cl, () -> new CliBackend(app.options()));
 * }</pre>
 */
public final class Commands {
  /** Usage error. */
  public static final int EXIT_USAGE = 2;

  /** Capture impossible (nethogs missing, no permission, no device). */
  public static final int EXIT_CAPTURE = 3;

  private Commands() {}

  /** Adds the subcommands; {@code backend} is called when a command runs. */
  public static void register(CommandLine root, Supplier<Backend> backend) {
    root.addSubcommand("top", new TopCommand(backend));
    root.addSubcommand("replay", new ReplayCommand(backend));
    root.addSubcommand("doctor", new DoctorCommand(backend));
    AlertsCommand.register(root, new AlertsCommand());
  }
}
