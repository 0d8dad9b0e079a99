package dev.hogwatch.wiring;

import dev.hogwatch.cli.AlertsCommand;
import dev.hogwatch.cli.Backend;
import dev.hogwatch.cli.DoctorCommand;
import dev.hogwatch.cli.ReplayCommand;
import dev.hogwatch.cli.ReportCommand;
import dev.hogwatch.cli.TopCommand;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Entry point: the root command line. It holds the global options ({@code --demo}, {@code
 * --nethogs}, ...; they work before or after a subcommand) and names every subcommand in its
 * {@code @Command} annotation; picocli makes each one, and each reaches these options through its
 * {@code @ParentCommand}.
 *
 * <p>{@code hogwatch} alone starts the tray ({@link TrayLauncher}); {@code hogwatch --help} lists
 * the subcommands. The wiring itself lives beside this class, in this package, the only one that
 * imports every other: {@link Engine} builds capture, model and history; {@link TrayLauncher},
 * {@link WindowCommand} and {@link ServeCommand} put the user interfaces on top of it; {@link
 * CliBackend} serves the headless commands of {@code cli}.
 */
@Command(
    name = "hogwatch",
    mixinStandardHelpOptions = true,
    versionProvider = App.Version.class,
    description = "Shows who is using the network, per process, from nethogs.",
    subcommands = {
      CommandLine.HelpCommand.class,
      TopCommand.class,
      ReplayCommand.class,
      DoctorCommand.class,
      ReportCommand.class,
      AlertsCommand.class,
      ServeCommand.class,
      WindowCommand.class
    })
public final class App implements Callable<Integer>, Backend.Provider {

  @Option(
      names = "--nethogs",
      scope = ScopeType.INHERIT,
      paramLabel = "PATH",
      converter = Paths.Nethogs.class,
      description = "nethogs binary (default: nethogs on PATH, then /usr/sbin/nethogs)")
  Path nethogs;

  @Option(
      names = "--data-dir",
      scope = ScopeType.INHERIT,
      paramLabel = "DIR",
      converter = Paths.DataDir.class,
      description = "where history is kept (default: $XDG_DATA_HOME/hogwatch)")
  Path dataDir;

  @Option(
      names = "--no-history",
      scope = ScopeType.INHERIT,
      description = "do not record traffic to the history file")
  boolean noHistory;

  @Option(
      names = "--history-keep",
      scope = ScopeType.INHERIT,
      paramLabel = "LIST",
      converter = Recording.KeepConverter.class,
      description =
          "how long history keeps each resolution, e.g. second=24h,minute=31d,hour=366d,"
              + "day=forever,process=48h (these are the defaults)")
  dev.hogwatch.history.Retention historyKeep;

  @Option(
      names = "--devices",
      scope = ScopeType.INHERIT,
      split = ",",
      paramLabel = "LIST",
      converter = Paths.Device.class,
      description = "network devices to monitor, comma separated (default: all up)")
  List<String> devices = List.of();

  @Option(
      names = "--demo",
      scope = ScopeType.INHERIT,
      description = "play a bundled real nethogs trace instead of capturing live")
  boolean demo;

  @Option(names = "--no-tray", description = "open the graphs window instead of a tray icon")
  boolean noTray;

  @Option(
      names = "--allow-root",
      description = "run the tray or window as root anyway (better: grant nethogs capabilities)")
  boolean allowRoot;

  /** {@code hogwatch} alone: the tray (see {@link TrayLauncher}). */
  @Override
  public Integer call() throws InterruptedException {
    return TrayLauncher.launch(this);
  }

  /** The engine options the global flags ask for (valid once the command line is parsed). */
  Engine.Options options() {
    return Engine.Options.defaults()
        .withNethogs(nethogs)
        .withDevices(devices)
        .withDemo(demo)
        .withDataDir(dataDir)
        .withRecording(Recording.of(noHistory, demo, dataDir, historyKeep));
  }

  /** The headless commands' view of the engine, built from the global options. */
  @Override
  public Backend backend() {
    return new CliBackend(options());
  }

  /** {@code --data-dir}, or the default: {@code $XDG_DATA_HOME/hogwatch}. */
  @Override
  public Path dataDir() {
    return options().dataDir();
  }

  @Override
  public Path alertRules() {
    return Paths.alertRules();
  }

  /** The command line with every subcommand registered. */
  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new App());
    cl.setExecutionExceptionHandler(
        (e, cmd, parsed) -> { // a message, never a stack trace
          java.util.logging.Logger.getLogger(App.class.getName())
              .log(java.util.logging.Level.FINE, "command failed", e);
          // a message for people, never an exception's text or class (those go to the log)
          cmd.getErr()
              .println(
                  "hogwatch "
                      + cmd.getCommandName()
                      + ": failed unexpectedly; run again with -Dhogwatch.log=FINE for details");
          cmd.getErr().flush();
          return 1;
        });
    return cl;
  }

  /** Runs the command line and returns the exit code. */
  static int run(String... args) {
    // picocli already exits with 2 (Commands.EXIT_USAGE) on invalid input
    return commandLine().execute(args);
  }

  public static void main(String[] args) {
    quietConsoleLogging();
    catchUncaught();
    int code;
    try {
      code = run(args);
    } catch (OutOfMemoryError e) { // one line, not a stack trace
      System.err.println("hogwatch: out of memory (more heap: JAVA_TOOL_OPTIONS=-Xmx512m)");
      code = 1;
    }
    System.exit(code);
  }

  /** The system property naming a file that gets the full trace of every uncaught exception. */
  static final String CRASH_LOG = "hogwatch.crashlog";

  /**
   * An exception no code caught, on any thread (the Swing event thread included), is one line on
   * the terminal, its trace in the log ({@code -Dhogwatch.log=WARNING}) and, with {@code
   * -Dhogwatch.crashlog=FILE}, appended to FILE (the walkthrough test fails on any).
   */
  private static void catchUncaught() {
    java.util.logging.Logger log = java.util.logging.Logger.getLogger(App.class.getName());
    String file = System.getProperty(CRASH_LOG, "");
    Thread.setDefaultUncaughtExceptionHandler(
        (t, e) -> {
          log.log(java.util.logging.Level.WARNING, "uncaught on thread " + t.getName(), e);
          if (!file.isEmpty()) {
            java.io.StringWriter w = new java.io.StringWriter();
            e.printStackTrace(new java.io.PrintWriter(w));
            try {
              java.nio.file.Files.writeString(
                  java.nio.file.Path.of(file),
                  "thread " + t.getName() + ": " + w + "\n",
                  java.nio.file.StandardOpenOption.CREATE,
                  java.nio.file.StandardOpenOption.APPEND);
            } catch (java.io.IOException ignored) {
              // the line below still tells
            }
          }
          System.err.println(
              "hogwatch: an internal error happened ("
                  + t.getName()
                  + "); please report it. -Dhogwatch.log=WARNING shows the details.");
        });
  }

  /**
   * Diagnostics go to java.util.logging; on the console only SEVERE ones, so that commands print
   * one clear message. {@code -Dhogwatch.log=FINE} (or any level) shows more.
   */
  private static void quietConsoleLogging() {
    java.util.logging.Level level =
        java.util.logging.Level.parse(System.getProperty("hogwatch.log", "SEVERE"));
    for (java.util.logging.Handler h : java.util.logging.Logger.getLogger("").getHandlers()) {
      h.setLevel(level);
      if (level.intValue() >= java.util.logging.Level.SEVERE.intValue()) {
        h.setFormatter(new ConsoleFormat()); // the message only: no stack trace on the terminal
      }
    }
    java.util.logging.Logger.getLogger("dev.hogwatch").setLevel(level);
  }

  /**
   * One line per record, {@code hogwatch: <message>}, without the exception: what reaches the
   * terminal names the problem, never a class or a stack trace ({@code -Dhogwatch.log=FINE} keeps
   * the JDK's full format for diagnosis).
   */
  static final class ConsoleFormat extends java.util.logging.Formatter {
    @Override
    public String format(java.util.logging.LogRecord r) {
      return "hogwatch: " + formatMessage(r) + System.lineSeparator();
    }
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
