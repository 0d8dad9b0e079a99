package dev.hogwatch.ui.window;

import dev.hogwatch.model.Controls;
import dev.hogwatch.model.Hub;
import dev.hogwatch.ui.UiPrefs;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.swing.JComponent;
import javax.swing.SwingUtilities;

/**
 * The graph window's public entry point, callable from any thread (it hops to the EDT). This class
 * loads neither FlatLaf nor XChart: they are loaded when a window actually opens, so the tray can
 * hold a reference to it for free.
 *
 * <p>Example (tray menu callback, on Dorkbox's thread):
 *
 * <pre>{@code
 * GraphWindow w = GraphWindow.open(hub, controls, false); // or brings the open one to front
 * w.select("/usr/lib/firefox/firefox", 4242);           // "Show in graphs"
 * }</pre>
 *
 * <p>{@code hogwatch window} opens it with {@code exitOnClose = true}: closing it calls {@link
 * Controls#shutdown()} and releases {@link #awaitClosed()}.
 *
 * <p>Seams for the history package: {@link #setHistory(PastSource)} supplies rates older than the
 * in-memory ring ({@link MemoryPast}); {@link #addTab(String, Supplier)} adds a tab (e.g. "Usage")
 * next to "Live". Both are called once by the wiring, before or after opening.
 */
public final class GraphWindow {
  private static final Logger LOG = Logger.getLogger(GraphWindow.class.getName());

  /** A contributed tab: its title and a factory run on the EDT when a window opens. */
  record Tab(String title, Supplier<? extends JComponent> factory) {}

  private static final Map<Hub, MemoryPast> MEMORIES = new WeakHashMap<>();
  private static final List<Tab> TABS = new CopyOnWriteArrayList<>();
  private static volatile PastSource history;
  private static volatile UiPrefs prefsOverride;
  private static GraphWindow current; // EDT only
  private static boolean probing; // EDT only
  private static volatile boolean everOpened; // addTab starts no EDT before the first window

  private final Hub hub;
  private final CountDownLatch closedLatch = new CountDownLatch(1);
  private WindowFrame frame; // EDT only
  private boolean closeRequested; // EDT only
  private volatile String failure;
  private String pendingName; // EDT only
  private int pendingPid;

  private GraphWindow(Hub hub) {
    this.hub = hub;
  }

  /**
   * Starts keeping the recent past of {@code hub} in memory, so that a window opened later shows
   * the minutes before it opened. Idempotent; {@link #open} calls it too. Cheap: loads no UI.
   */
  public static MemoryPast startRecording(Hub hub) {
    synchronized (MEMORIES) {
      MemoryPast m = MEMORIES.get(hub);
      if (m == null) {
        m = new MemoryPast();
        MEMORIES.put(hub, m);
        hub.addListener(m);
      }
      return m;
    }
  }

  /** Rates older than memory come from {@code older} (the history package's SQLite source). */
  public static void setHistory(PastSource older) {
    history = older;
  }

  /**
   * Adds a tab to every graph window opened from now on; {@code factory} runs on the EDT. Example:
   * {@code GraphWindow.addTab("Usage", () -> new UsagePanel(store))}.
   */
  public static void addTab(String title, Supplier<? extends JComponent> factory) {
    TABS.add(new Tab(title, factory));
    if (!everOpened) {
      return; // no window yet: the tray's JVM keeps AWT and Swing unloaded
    }
    SwingUtilities.invokeLater(
        () -> {
          if (current != null && current.frame != null) {
            current.frame.addTab(new Tab(title, factory));
          }
        });
  }

  /** Records {@code hub} into {@code memory} (tests that prefill a long past). */
  static void useMemory(Hub hub, MemoryPast memory) {
    synchronized (MEMORIES) {
      MEMORIES.put(hub, memory);
      hub.addListener(memory);
    }
  }

  /** Uses these preferences instead of the user's (tests). */
  static void usePrefs(UiPrefs prefs) {
    prefsOverride = prefs;
  }

  /**
   * Opens the graph window, or brings the open one to the front. Returns at once; the window
   * appears shortly after on the EDT.
   *
   * @param exitOnClose true for {@code hogwatch window}: closing the window shuts the engine down
   */
  public static GraphWindow open(Hub hub, Controls controls, boolean exitOnClose) {
    everOpened = true;
    MemoryPast memory = startRecording(hub);
    UiPrefs prefs = prefsOverride != null ? prefsOverride : UiPrefs.user();
    GraphWindow w = new GraphWindow(hub);
    Thread t =
        new Thread(
            () -> {
              // asking the desktop runs gsettings: not on the EDT
              boolean dark =
                  switch (prefs.theme()) {
                    case DARK -> true;
                    case LIGHT -> false;
                    case SYSTEM -> DesktopTheme.prefersDark();
                  };
              try {
                SwingUtilities.invokeLater(
                    () -> w.create(controls, memory, prefs, dark, exitOnClose));
              } catch (RuntimeException | LinkageError | java.awt.AWTError e) {
                // the toolkit could not start (the display went away): say so, never a trace
                LOG.log(Level.WARNING, "could not open the graph window", e);
                w.failure = windowProblem(e);
                w.closed(controls, exitOnClose);
              }
            },
            "hogwatch-window-open");
    t.setDaemon(true);
    t.start();
    return w;
  }

  private void create(
      Controls controls, MemoryPast memory, UiPrefs prefs, boolean dark, boolean exitOnClose) {
    if (current != null && current.frame != null && !current.frame.isDisposed()) {
      // a window is open already: this handle forwards to it
      GraphWindow open = current;
      open.frame.toFront();
      forward(open);
      return;
    }
    if (closeRequested) {
      closedLatch.countDown();
      return;
    }
    try {
      ThemeSupport.install(dark);
      if (!probing) {
        probing = true;
        UiProbe.startIfAsked(); // tests that click through the window (-Dhogwatch.uiprobe=FILE)
      }
      PastSource older = history;
      PastSource past = older == null ? memory : PastSource.layered(memory, older);
      frame =
          new WindowFrame(
              hub, controls, prefs, past, List.copyOf(TABS), () -> closed(controls, exitOnClose));
      if (older instanceof SpanSource spans) {
        frame.setSpans(spans);
      }
      current = this;
      frame.show();
      if (pendingName != null) {
        frame.select(pendingName, pendingPid);
      }
      if (pendingAlert != null) {
        pendingAlert.accept(frame);
      }
    } catch (RuntimeException | LinkageError | java.awt.AWTError e) {
      LOG.log(Level.WARNING, "could not open the graph window", e);
      failure = windowProblem(e);
      closed(controls, exitOnClose);
    }
  }

  /** Why the window could not open, in words; the exception itself goes to the log. */
  static String windowProblem(Throwable e) {
    if (e instanceof java.awt.AWTError || e instanceof java.awt.HeadlessException) {
      return "the display "
          + System.getenv().getOrDefault("DISPLAY", "(none)")
          + " cannot be reached; start it from your desktop session";
    }
    return "the window could not be built; run with -Dhogwatch.log=FINE for the details";
  }

  private GraphWindow delegate; // EDT only: the open window this handle forwards to
  private final List<CountDownLatch> followers = new CopyOnWriteArrayList<>();

  private void forward(GraphWindow open) {
    delegate = open;
    open.followers.add(closedLatch);
    if (pendingName != null) {
      open.frame.select(pendingName, pendingPid);
    }
    if (pendingAlert != null) {
      pendingAlert.accept(open.frame);
    }
  }

  private void closed(Controls controls, boolean exitOnClose) {
    if (current == this) {
      current = null;
    }
    Runnable release =
        () -> {
          closedLatch.countDown();
          followers.forEach(CountDownLatch::countDown);
        };
    if (exitOnClose) {
      Thread t =
          new Thread(
              () -> {
                try {
                  controls.shutdown();
                } finally {
                  release.run();
                }
              },
              "hogwatch-window-quit");
      t.start();
    } else {
      release.run();
    }
  }

  /**
   * Shows the process with this name and pid alone in the chart (selects its table row). Any
   * thread; if the process is not in the table yet it is selected as soon as it appears.
   */
  public void select(String name, int pid) {
    SwingUtilities.invokeLater(
        () -> {
          GraphWindow target = delegate != null ? delegate : this;
          if (target.frame != null) {
            target.frame.select(name, pid);
            target.frame.toFront();
          } else {
            pendingName = name;
            pendingPid = pid;
          }
        });
  }

  /**
   * Shows what an alert is about: the time range that reaches back to {@code from}, and {@code app}
   * (null: all traffic) in the table's filter. Any thread.
   */
  public void showAlert(String app, java.time.Instant from) {
    SwingUtilities.invokeLater(
        () -> {
          GraphWindow target = delegate != null ? delegate : this;
          if (target.frame != null) {
            target.frame.showAlert(app, from);
            target.frame.toFront();
          } else {
            pendingAlert = f -> f.showAlert(app, from);
          }
        });
  }

  private java.util.function.Consumer<WindowFrame> pendingAlert; // EDT only

  /** Brings the window to the front. Any thread. */
  public void toFront() {
    SwingUtilities.invokeLater(
        () -> {
          GraphWindow target = delegate != null ? delegate : this;
          if (target.frame != null) {
            target.frame.toFront();
          }
        });
  }

  /** Closes the window (as the user would). Any thread. */
  public void close() {
    SwingUtilities.invokeLater(
        () -> {
          GraphWindow target = delegate != null ? delegate : this;
          if (target.frame != null) {
            target.frame.close();
          } else {
            closeRequested = true;
          }
        });
  }

  /** Waits until the window was closed (and, with {@code exitOnClose}, the engine shut down). */
  public void awaitClosed() throws InterruptedException {
    closedLatch.await();
  }

  /** Why the window could not open (no display, broken toolkit), if it could not. */
  public java.util.Optional<String> failure() {
    return java.util.Optional.ofNullable(failure);
  }

  /** The frame, for tests in this package; null until created. EDT only. */
  WindowFrame frame() {
    return delegate != null ? delegate.frame : frame;
  }
}
