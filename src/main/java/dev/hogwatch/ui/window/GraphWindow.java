package dev.hogwatch.ui.window;

import dev.hogwatch.model.Controls;
import dev.hogwatch.ui.UiPrefs;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.swing.JComponent;
import javax.swing.SwingUtilities;

/**
 * One graph window, opened by {@link Graphs#open}: a handle callable from any thread (it hops to
 * the EDT). This class loads neither FlatLaf nor XChart: they are loaded when a window actually
 * opens, so the tray can hold a reference to it for free.
 *
 * <p>Example (tray menu callback, on Dorkbox's thread):
 *
 * <pre>{@code
 * GraphWindow w = graphs.open(false); // or brings the open one to front
 * w.select("/usr/lib/firefox/firefox", 4242); // "Show in graphs"
 * }</pre>
 *
 * <p>{@code hogwatch window} opens it with {@code exitOnClose = true}: closing it calls {@link
 * Controls#shutdown()} and releases {@link #awaitClosed()}.
 */
public final class GraphWindow {
  private static final Logger LOG = Logger.getLogger(GraphWindow.class.getName());

  /** A contributed tab: its title and a factory run on the EDT when a window opens. */
  record Tab(String title, Supplier<? extends JComponent> factory) {}

  private final Graphs graphs;
  private final CountDownLatch closedLatch = new CountDownLatch(1);
  private WindowFrame frame; // EDT only
  private boolean closeRequested; // EDT only
  private volatile String failure;
  private String pendingName; // EDT only
  private int pendingPid;

  GraphWindow(Graphs graphs) {
    this.graphs = graphs;
  }

  /** Marks the window as failed to open, with why in words, and releases its waiters. */
  void failed(Throwable e, Controls controls, boolean exitOnClose) {
    failure = windowProblem(e);
    closed(controls, exitOnClose);
  }

  void create(Controls controls, UiPrefs prefs, boolean dark, boolean exitOnClose) {
    GraphWindow current = graphs.current;
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
      graphs.probeOnce();
      PastSource older = graphs.history();
      MemoryPast memory = graphs.memory();
      PastSource past = older == null ? memory : PastSource.layered(memory, older);
      frame =
          new WindowFrame(
              graphs.hub(),
              controls,
              prefs,
              past,
              graphs.tabs(),
              () -> closed(controls, exitOnClose));
      if (older instanceof SpanSource spans) {
        frame.setSpans(spans);
      }
      frame.setAlerts(graphs.alerts(), graphs::alertNotice);
      graphs.current = this;
      frame.show();
      if (pendingName != null) {
        frame.select(pendingName, pendingPid);
      }
      if (pendingAlert != null) {
        pendingAlert.accept(frame);
      }
      if (pendingApp != null) {
        pendingApp.accept(frame);
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
    if (pendingApp != null) {
      pendingApp.accept(open.frame);
    }
  }

  private void closed(Controls controls, boolean exitOnClose) {
    if (graphs.current == this) {
      graphs.current = null;
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

  private java.util.function.Consumer<WindowFrame> pendingApp; // EDT only

  /**
   * Shows one application of one user alone in the chart (the table grouped by application, its row
   * selected). Any thread; if it is not in the table yet it is selected as soon as it appears.
   */
  public void selectApp(dev.hogwatch.model.AppId app, int uid) {
    SwingUtilities.invokeLater(
        () -> {
          GraphWindow target = delegate != null ? delegate : this;
          if (target.frame != null) {
            target.frame.selectApp(app, uid);
            target.frame.toFront();
          } else {
            pendingApp = f -> f.selectApp(app, uid);
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

  /** Adds a tab to the open frame (EDT only). */
  void addTab(Tab tab) {
    if (frame != null) {
      frame.addTab(tab);
    }
  }

  /** The frame, for tests in this package; null until created. EDT only. */
  WindowFrame frame() {
    return delegate != null ? delegate.frame : frame;
  }
}
