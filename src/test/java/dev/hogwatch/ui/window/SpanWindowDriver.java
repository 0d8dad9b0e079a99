package dev.hogwatch.ui.window;

import dev.hogwatch.history.History;
import dev.hogwatch.history.RangeUsage;
import dev.hogwatch.model.Hub;
import dev.hogwatch.ui.UiPrefs;
import java.awt.Point;
import java.awt.Robot;
import java.awt.event.InputEvent;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import javax.swing.JComponent;
import javax.swing.SwingUtilities;

/**
 * Drives the real graph window with real mouse events ({@link Robot} on the X display) for
 * end-to-end tests outside this package: opens it over a history, drags across a span of the chart
 * and returns what the table below then shows.
 */
public final class SpanWindowDriver implements AutoCloseable {
  private final GraphWindow handle;
  private final WindowFrame frame;
  private final UiPrefs prefs;

  private SpanWindowDriver(GraphWindow handle, WindowFrame frame, UiPrefs prefs) {
    this.handle = handle;
    this.frame = frame;
    this.prefs = prefs;
  }

  /** Opens the window on {@code hub}, its past from {@code history}, paused at the 5m range. */
  public static SpanWindowDriver open(Hub hub, History history, Path tmp) throws Exception {
    Path file = tmp.resolve("ui.properties");
    Files.writeString(file, "theme=LIGHT\n");
    UiPrefs prefs = new UiPrefs(file);
    Graphs graphs = new Graphs(hub, new WindowDemo.FakeControls(), prefs);
    graphs.setHistory(new HistoryPast(history));
    GraphWindow handle = graphs.open(false);
    WindowFrame frame = waitFor(() -> handle.frame());
    onEdt(
        () -> {
          frame.rangeButton("5m").doClick();
          frame.setPaused(true);
          return null;
        });
    frame.awaitIdle();
    waitFor(() -> frame.chartView().data() != null ? Boolean.TRUE : null);
    Thread.sleep(500); // painted and placed on the screen
    return new SpanWindowDriver(handle, frame, prefs);
  }

  /**
   * Presses the mouse at {@code from} on the chart, moves it to {@code to} and releases it, as a
   * person would; returns the answer the table then shows.
   */
  public RangeUsage drag(Instant from, Instant to) throws Exception {
    int[] xy =
        onEdt(
            () -> {
              JComponent plot = frame.chartView().panel();
              Point p = plot.getLocationOnScreen();
              var chart = frame.chartView().chart();
              int x1 = (int) Math.round(chart.getScreenXFromChart((double) from.toEpochMilli()));
              int x2 = (int) Math.round(chart.getScreenXFromChart((double) to.toEpochMilli()));
              return new int[] {p.x + x1, p.x + x2, p.y + plot.getHeight() / 2};
            });
    System.out.println(
        "window drag: screen x "
            + xy[0]
            + " -> "
            + xy[1]
            + " at y "
            + xy[2]
            + ", chart "
            + onEdt(() -> frame.chartView().data().from() + ".." + frame.chartView().data().to()));
    RangeUsage before = onEdt(() -> frame.spanPanel().shown());
    Robot robot = new Robot();
    robot.setAutoDelay(15);
    robot.mouseMove(xy[0], xy[2]);
    robot.mousePress(InputEvent.BUTTON1_DOWN_MASK);
    for (int i = 1; i <= 10; i++) {
      robot.mouseMove(xy[0] + (xy[1] - xy[0]) * i / 10, xy[2]);
    }
    robot.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
    robot.waitForIdle();
    return waitFor(
        () -> {
          RangeUsage u = frame.spanPanel().shown();
          return u != null && !u.equals(before) ? u : null;
        });
  }

  /** The window as painted, into {@code file} (for people to look at). */
  public void screenshot(Path file) throws Exception {
    BufferedImage img =
        onEdt(
            () -> {
              var root = frame.frame().getRootPane();
              BufferedImage i =
                  new BufferedImage(root.getWidth(), root.getHeight(), BufferedImage.TYPE_INT_RGB);
              var g = i.createGraphics();
              root.paint(g);
              g.dispose();
              return i;
            });
    ImageIO.write(img, "png", file.toFile());
  }

  @Override
  public void close() {
    try {
      handle.close();
      handle.awaitClosed();
      prefs.awaitSaved();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Runs {@code c} on the EDT and returns what it returned (window tests share this). */
  public static <T> T onEdt(Callable<T> c) throws Exception {
    AtomicReference<T> r = new AtomicReference<>();
    AtomicReference<Exception> err = new AtomicReference<>();
    SwingUtilities.invokeAndWait(
        () -> {
          try {
            r.set(c.call());
          } catch (Exception e) {
            err.set(e);
          }
        });
    if (err.get() != null) {
      throw err.get();
    }
    return r.get();
  }

  /** Asks {@code c} on the EDT every 50 ms until it answers non-null, for up to 20 s. */
  public static <T> T waitFor(Callable<T> c) throws Exception {
    return waitFor(c, 20);
  }

  /** Asks {@code c} on the EDT every 50 ms until it answers non-null, for up to {@code seconds}. */
  public static <T> T waitFor(Callable<T> c, int seconds) throws Exception {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < deadline) {
      T t = onEdt(c);
      if (t != null) {
        return t;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("condition not met within " + seconds + " s");
  }
}
