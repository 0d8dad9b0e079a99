package dev.hogwatch.wiring;

import dev.hogwatch.desktop.Autostart;
import dev.hogwatch.desktop.Privileges;
import dev.hogwatch.desktop.TrayHost;
import dev.hogwatch.history.History;
import dev.hogwatch.history.HistoryStatus;
import dev.hogwatch.model.Controls;
import dev.hogwatch.model.Hub;
import dev.hogwatch.serve.HistorySource;
import dev.hogwatch.serve.StoredHistory;
import dev.hogwatch.ui.tray.Tray;
import dev.hogwatch.ui.tray.TrayHooks;
import dev.hogwatch.ui.window.Graphs;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.swing.JOptionPane;
import javax.swing.JTextArea;
import javax.swing.SwingUtilities;

/**
 * What {@code hogwatch} with no subcommand does: refuses to run the GUI as root, starts the tray
 * when a tray host is there (else, or with {@code --no-tray}, the graphs window with a one-line
 * notice) and waits until the user quits.
 *
 * <p>The graphs window is reached through {@link Graphs}, so the tray never loads FlatLaf or XChart
 * before the window is really opened.
 */
final class TrayLauncher {
  private static final Logger LOG = Logger.getLogger(TrayLauncher.class.getName());

  /** Exit code when the GUI is started as root without {@code --allow-root}. */
  static final int EXIT_ROOT = 4;

  /** The root refusal, explaining the capability route. */
  static String rootMessage(String nethogs) {
    return "Hogwatch's tray and window run as your desktop user, never as root.\n"
        + "To let nethogs see every process without root, give it capabilities once:\n"
        + "    "
        + dev.hogwatch.capture.NethogsTrust.setcapFix(nethogs)
        + "\n"
        + "then start hogwatch as yourself (the tray menu also offers \"Grant capture"
        + " permission…\").\n"
        + "To run the GUI as root anyway, add --allow-root.";
  }

  /** Checks for root before the engine starts; returns an exit code, or -1 to go on. */
  static int refuseRoot(boolean allowRoot, String nethogs, PrintStream err) {
    if (Privileges.isRoot() && !allowRoot) {
      err.println(rootMessage(nethogs));
      return EXIT_ROOT;
    }
    return -1;
  }

  private final Hub hub;
  private final Controls controls;
  private final Graphs graphs;
  private final CountDownLatch quit = new CountDownLatch(1);
  private final Autostart autostart =
      new Autostart(Autostart.dir(System.getenv()), Autostart.launcher(System.getenv()));
  private volatile Tray tray;
  private final WebShare share;
  private volatile Supplier<String> historyNotice = () -> "";
  private volatile Supplier<TrayHooks.CapMark> capMark = () -> TrayHooks.CapMark.NONE;

  /**
   * A tray over {@code hub}; its menu opens windows through {@code graphs}; {@code history} answers
   * the shared web view's past ranges.
   */
  TrayLauncher(Hub hub, Controls controls, Graphs graphs, HistorySource history) {
    this.hub = hub;
    this.controls = controls;
    this.graphs = graphs;
    this.share = WebShare.onLocalhost(hub, history);
  }

  /**
   * {@code hogwatch} with no subcommand: the tray, or the window when there is no tray host.
   * Returns the exit code once the user quits.
   */
  static int launch(App app) throws InterruptedException {
    String nethogs = app.nethogs == null ? "/usr/sbin/nethogs" : app.nethogs.toString();
    int refused = refuseRoot(app.allowRoot, nethogs, System.err);
    if (refused >= 0) {
      return refused;
    }
    Tray.disableUpdateCheck(); // before anything touches dorkbox.systemTray
    NativeTuning.forDesktop(); // before the engine's threads start: two malloc arenas
    Engine engine = Engine.start(app.options()); // its shutdown hook stops nethogs on SIGTERM
    // the window, opened later, shows the minutes before
    Graphs graphs = new Graphs(engine.hub(), engine.controls(), Paths.userPrefs());
    HistoryViews.install(engine, graphs); // long ranges and the Usage tab from the history file
    TrayLauncher launcher =
        new TrayLauncher(
            engine.hub(), engine.controls(), graphs, StoredHistory.of(engine.history()));
    AlertsWiring alerts = AlertsWiring.start(engine, graphs); // caps, rules, notifications
    launcher.historyNotice =
        () -> AlertsWiring.join(historyNotice(engine.history()), alerts.trayNotice());
    launcher.capMark = alerts::capMark;
    // /api/alerts and the alert metrics of the shared web view
    launcher.share.alerts(() -> AlertsWeb.report(alerts.service().state()));
    return launcher.run(app.noTray);
  }

  /** Runs the GUI until the user quits; returns the exit code. */
  int run(boolean noTray) throws InterruptedException {
    String notice = "";
    if (noTray) {
      notice = "Tray icon off (--no-tray).";
    } else {
      TrayHost.Result host = TrayHost.detect(System.getenv());
      if (!host.displayReachable()) {
        System.err.println(
            "hogwatch: no graphical session ("
                + host.description()
                + "); in a terminal use 'hogwatch top'.");
        controls.shutdown();
        return 1;
      }
      if (!host.present()) {
        notice = "No tray to put the icon in (" + host.description() + "): showing the window.";
      } else {
        TrayHost.Choice path =
            TrayHost.choose(host, System.getProperty(TrayHost.TYPE_PROPERTY, ""));
        Optional<Tray> t =
            Tray.start(
                hub,
                controls,
                new Hooks(),
                graphs.prefs(),
                path.statusNotifier() ? Tray.Kind.STATUS_NOTIFIER : Tray.Kind.XEMBED);
        if (t.isPresent()) {
          tray = t.get();
          LOG.info(
              "tray started as "
                  + path.path()
                  + ": "
                  + path.reason()
                  + " ("
                  + host.description()
                  + ")");
          quit.await();
          return 0;
        }
        notice = "The tray could not show a native icon: showing the window.";
      }
    }
    System.err.println("hogwatch: " + notice); // the one-line notice
    graphs.open(true).awaitClosed(); // closing it shuts the engine down
    controls.shutdown();
    return 0;
  }

  /**
   * The tray's status-line word for a history problem the user should know about (a damaged file
   * moved aside, or history kept in memory only); the details are in the window's Usage tab.
   */
  static String historyNotice(History history) {
    if (history == null) {
      return "";
    }
    HistoryStatus s = history.status();
    return switch (s.state()) {
      case RECOVERED -> "history file was damaged, new one started";
      case MEMORY_ONLY -> "history not saved";
      default -> "";
    };
  }

  private static void message(String title, String text, int type) {
    JTextArea area = new JTextArea(text);
    area.setEditable(false);
    area.setOpaque(false);
    JOptionPane.showMessageDialog(null, area, title, type);
  }

  /** The tray's requests, on the event thread. */
  private final class Hooks implements TrayHooks {
    @Override
    public String notice() {
      return historyNotice.get();
    }

    @Override
    public CapMark capMark() {
      return capMark.get();
    }

    @Override
    public void openGraphs() {
      graphs.open(false);
    }

    @Override
    public void showProgram(String name, int pid) {
      graphs.open(false).select(name, pid);
    }

    @Override
    public void showApp(dev.hogwatch.model.AppId app, int uid) {
      graphs.open(false).selectApp(app, uid);
    }

    @Override
    public boolean autostart() {
      return autostart.enabled();
    }

    @Override
    public String setAutostart(boolean enabled) {
      try {
        autostart.set(enabled);
        return "";
      } catch (IOException e) {
        LOG.log(Level.WARNING, "changing " + autostart.file(), e);
        return "Could not change "
            + autostart.file()
            + (e instanceof java.nio.file.AccessDeniedException
                ? ": permission denied."
                : ": the file or its folder cannot be written.");
      }
    }

    @Override
    public boolean sharing() {
      return share.enabled();
    }

    @Override
    public String setSharing(boolean enabled) {
      return share.set(enabled);
    }

    @Override
    public void grantPermission() {
      Thread t =
          new Thread(
              () -> {
                Controls.Grant r = controls.grantCapturePermission();
                SwingUtilities.invokeLater(
                    () ->
                        message(
                            "Capture permission",
                            r.message(),
                            r.ok()
                                ? JOptionPane.INFORMATION_MESSAGE
                                : JOptionPane.WARNING_MESSAGE));
              },
              "hogwatch-grant");
      t.setDaemon(true);
      t.setUncaughtExceptionHandler(
          (th, e) -> LOG.log(Level.WARNING, "granting capture permission failed", e));
      t.start();
    }

    @Override
    public String installCommand() {
      return controls.installNethogsCommand();
    }

    @Override
    public String about() {
      String v = App.class.getPackage().getImplementationVersion();
      return "Hogwatch "
          + (v == null ? "(development build)" : v)
          + "\nShows who is using the network, per process, from nethogs.\n"
          + "nethogs: "
          + controls.nethogsPath()
          + "\nMIT licence. Makes no network connections of its own.";
    }

    @Override
    public void quit() {
      Tray t = tray;
      share.close();
      controls.shutdown();
      if (t != null) {
        t.close();
      }
      quit.countDown();
    }
  }
}
