package dev.hogwatch.wiring;

import dev.hogwatch.ui.window.GraphWindow;
import dev.hogwatch.ui.window.Graphs;
import java.awt.GraphicsEnvironment;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code hogwatch window}: the graph window alone, without the tray; closing it quits. Example:
 * {@code hogwatch window --demo} shows the window on the bundled trace.
 */
@Command(
    name = "window",
    mixinStandardHelpOptions = true,
    description = "Opens the graph window without the tray; closing the window quits.")
final class WindowCommand implements Callable<Integer> {
  @ParentCommand App app;

  @Spec CommandSpec spec;

  @Option(
      names = "--allow-root",
      description = "open the window as root anyway (better: grant nethogs capabilities)")
  boolean allowRoot;

  @Override
  public Integer call() throws InterruptedException {
    // like the tray: the GUI (and the nethogs it starts) never runs as root unless asked to
    String nethogs = app.nethogs == null ? "/usr/sbin/nethogs" : app.nethogs.toString();
    if (dev.hogwatch.desktop.Privileges.isRoot() && !allowRoot && !app.allowRoot) {
      spec.commandLine().getErr().println(TrayLauncher.rootMessage(nethogs));
      spec.commandLine().getErr().flush();
      return TrayLauncher.EXIT_ROOT;
    }
    if (GraphicsEnvironment.isHeadless()) {
      spec.commandLine()
          .getErr()
          .println("hogwatch: the window needs a graphical desktop (DISPLAY is not set)");
      return 1;
    }
    Engine engine = Engine.start(app.options());
    Graphs graphs = new Graphs(engine.hub(), engine.controls(), Paths.userPrefs());
    HistoryViews.install(engine, graphs); // long ranges and the Usage tab from the history file
    var unusedAlerts = AlertsWiring.start(engine, graphs); // the Alerts tab and notifications
    GraphWindow w = graphs.open(true);
    w.awaitClosed();
    if (w.failure().isPresent()) {
      spec.commandLine().getErr().println("hogwatch: cannot open the window: " + w.failure().get());
      return 1;
    }
    return 0;
  }
}
