package dev.hogwatch;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Entry point. Wires capture, model, history and the user interfaces by hand; the only class that
 * imports every package.
 *
 * <p>{@code hogwatch} alone starts the tray; subcommands are listed by {@code hogwatch --help}.
 * Global options ({@code --demo}, {@code --nethogs}, ...) work before or after a subcommand.
 */
@Command(
    name = "hogwatch",
    mixinStandardHelpOptions = true,
    versionProvider = App.Version.class,
    description = "Shows who is using the network, per process, from nethogs.",
    subcommands = {CommandLine.HelpCommand.class})
public final class App implements Callable<Integer> {

  /** Exit code for a usage error. */
  public static final int EXIT_USAGE = 2;

  /** Exit code when capture is impossible (nethogs missing, no permission, no device). */
  public static final int EXIT_CAPTURE = 3;

  @Option(
      names = "--nethogs",
      scope = ScopeType.INHERIT,
      paramLabel = "PATH",
      description = "nethogs binary (default: nethogs on PATH, then /usr/sbin/nethogs)")
  Path nethogs;

  @Option(
      names = "--data-dir",
      scope = ScopeType.INHERIT,
      paramLabel = "DIR",
      description = "where history is kept (default: $XDG_DATA_HOME/hogwatch)")
  Path dataDir;

  @Option(
      names = "--devices",
      scope = ScopeType.INHERIT,
      split = ",",
      paramLabel = "LIST",
      description = "network devices to monitor, comma separated (default: all up)")
  List<String> devices = List.of();

  @Option(
      names = "--demo",
      scope = ScopeType.INHERIT,
      description = "play a bundled real nethogs trace instead of capturing live")
  boolean demo;

  @Override
  public Integer call() {
    // the tray issue replaces this with the tray; until then show the commands
    new CommandLine(this).usage(System.out);
    return 0;
  }

  /** Runs the command line and returns the exit code. */
  static int run(String... args) {
    // picocli already exits with 2 (EXIT_USAGE) on invalid input
    CommandLine cl = new CommandLine(new App());
    return cl.execute(args);
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = App.class.getPackage().getImplementationVersion();
      return new String[] {"hogwatch " + (v == null ? "(development build)" : v)};
    }
  }
}
