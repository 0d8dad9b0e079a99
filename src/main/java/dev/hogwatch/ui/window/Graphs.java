package dev.hogwatch.ui.window;

import dev.hogwatch.model.Controls;
import dev.hogwatch.model.Hub;
import dev.hogwatch.ui.UiPrefs;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.swing.JComponent;
import javax.swing.SwingUtilities;

/**
 * The graph windows of one engine: made once by the wiring and passed to whoever opens a window
 * (the tray's menu, a notification's "Open graphs", {@code hogwatch window}). It keeps the hub's
 * recent past in memory from the moment it is made, so a window opened later shows the minutes
 * before it opened; it knows where older rates come from and which tabs sit next to "Live"; it
 * opens one window at a time. Making it is cheap: it loads neither Swing nor FlatLaf nor XChart.
 *
 * <pre>{@code
 * Graphs graphs = new Graphs(engine.hub(), engine.controls(), prefs);
 * graphs.setHistory(new HistoryPast(engine.history())); // older rates, from the history file
 * graphs.addTab("Usage", new UsageTab(history));        // a factory run on the EDT
 * graphs.open(false).select("/usr/bin/curl", 4242);
 * }</pre>
 */
public final class Graphs {
  private static final Logger LOG = Logger.getLogger(Graphs.class.getName());

  private final Hub hub;
  private final Controls controls;
  private final MemoryPast memory;
  private final List<GraphWindow.Tab> tabs = new CopyOnWriteArrayList<>();
  private volatile PastSource history;
  private final UiPrefs prefs;
  private volatile boolean everOpened; // addTab starts no EDT before the first window
  private boolean probing; // EDT only
  GraphWindow current; // EDT only

  /**
   * Starts keeping the recent past of {@code hub}; windows open on it with {@code controls} and the
   * user's {@code prefs} (theme, units, place on the screen).
   */
  public Graphs(Hub hub, Controls controls, UiPrefs prefs) {
    this(hub, controls, prefs, new MemoryPast());
  }

  /** Records {@code hub} into {@code memory} (tests that prefill a long past). */
  Graphs(Hub hub, Controls controls, UiPrefs prefs, MemoryPast memory) {
    this.hub = hub;
    this.controls = controls;
    this.prefs = prefs;
    this.memory = memory;
    hub.addListener(memory);
  }

  /** The preferences windows and tabs use. */
  public UiPrefs prefs() {
    return prefs;
  }

  /** Rates older than memory come from {@code older} (the history file); null: memory only. */
  public void setHistory(PastSource older) {
    history = older;
  }

  /**
   * Adds a tab to every window opened from now on (and to the open one); {@code factory} runs on
   * the EDT. Example: {@code graphs.addTab("Usage", () -> new UsagePanel(history))}.
   */
  public void addTab(String title, Supplier<? extends JComponent> factory) {
    GraphWindow.Tab tab = new GraphWindow.Tab(title, factory);
    tabs.add(tab);
    if (!everOpened) {
      return; // no window yet: the tray's JVM keeps AWT and Swing unloaded
    }
    SwingUtilities.invokeLater(
        () -> {
          if (current != null) {
            current.addTab(tab);
          }
        });
  }

  private volatile dev.hogwatch.alerts.AlertService alerts;
  private volatile Supplier<String> alertNotice = () -> "";

  /**
   * Alerts for every window: the Usage tab shows each data cap's progress from {@code service}, and
   * the header shows {@code notice} (e.g. that no notification service runs and what to install)
   * while it is not empty. {@code notice} is read on the EDT with every refresh, so it must return
   * at once (a field, not a D-Bus call).
   */
  public void setAlerts(dev.hogwatch.alerts.AlertService service, Supplier<String> notice) {
    alerts = service;
    alertNotice = notice;
  }

  /** The alert service given to {@link #setAlerts}, or null. */
  dev.hogwatch.alerts.AlertService alerts() {
    return alerts;
  }

  /** The header's alert sentence now ("" for none). */
  String alertNotice() {
    String n = alertNotice.get();
    return n == null ? "" : n;
  }

  /**
   * Opens the graph window, or brings the open one to the front. Returns at once; the window
   * appears shortly after on the EDT.
   *
   * @param exitOnClose true for {@code hogwatch window}: closing the window shuts the engine down
   */
  public GraphWindow open(boolean exitOnClose) {
    everOpened = true;
    UiPrefs p = prefs;
    GraphWindow w = new GraphWindow(this);
    Thread t =
        new Thread(
            () -> {
              // asking the desktop runs gsettings: not on the EDT
              boolean dark =
                  switch (p.theme()) {
                    case DARK -> true;
                    case LIGHT -> false;
                    case SYSTEM -> DesktopTheme.prefersDark();
                  };
              try {
                SwingUtilities.invokeLater(() -> w.create(controls, p, dark, exitOnClose));
              } catch (RuntimeException | LinkageError | java.awt.AWTError e) {
                // the toolkit could not start (the display went away): say so, never a trace
                LOG.log(Level.WARNING, "could not open the graph window", e);
                w.failed(e, controls, exitOnClose);
              }
            },
            "hogwatch-window-open");
    t.setDaemon(true);
    t.start();
    return w;
  }

  Hub hub() {
    return hub;
  }

  MemoryPast memory() {
    return memory;
  }

  PastSource history() {
    return history;
  }

  List<GraphWindow.Tab> tabs() {
    return List.copyOf(tabs);
  }

  /** Starts the click-through probe of tests, once (-Dhogwatch.uiprobe=FILE). EDT only. */
  void probeOnce() {
    if (!probing) {
      probing = true;
      UiProbe.startIfAsked();
    }
  }
}
