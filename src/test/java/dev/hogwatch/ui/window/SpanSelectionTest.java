package dev.hogwatch.ui.window;

import static dev.hogwatch.ui.window.SpanWindowDriver.onEdt;
import static dev.hogwatch.ui.window.SpanWindowDriver.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogwatch.history.History;
import dev.hogwatch.history.RangeUsage;
import dev.hogwatch.model.Hub;
import dev.hogwatch.model.Snapshot;
import dev.hogwatch.ui.UiPrefs;
import java.awt.GraphicsEnvironment;
import java.awt.event.InputEvent;
import java.awt.event.MouseEvent;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.swing.JComponent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Click a point or drag across the chart: the real window on a real display, with the past read
 * from a real history file; the table below must show what the file holds for the span drawn.
 */
class SpanSelectionTest {
  @TempDir Path dir;
  private UiPrefs prefs;
  private Hub hub;
  private History history;
  private GraphWindow handle;
  private WindowFrame frame;

  @BeforeEach
  void open() throws Exception {
    Assumptions.assumeFalse(
        GraphicsEnvironment.isHeadless(), "no display (DISPLAY unset): window tests need X");
    Path file = dir.resolve("ui.properties");
    Files.writeString(file, "theme=LIGHT\n");
    prefs = new UiPrefs(file);
    // ten minutes of traffic up to now, recorded into a real history file
    history = History.start(History.Options.defaults(dir.resolve("data")));
    Instant now = Instant.now();
    for (Snapshot s : Synthetic.history(now.minusSeconds(1), 600, Synthetic.DEMO)) {
      history.accept(s);
      history.flush();
    }
    hub = new Hub(Synthetic.accounting(), Synthetic.DEMO);
    Graphs graphs = new Graphs(hub, new WindowDemo.FakeControls(), prefs);
    graphs.setHistory(new HistoryPast(history));
    handle = graphs.open(false);
    frame = waitFor(() -> handle.frame());
    hub.submit(new Synthetic().refresh(1, System.nanoTime()));
    hub.flush();
    frame.awaitIdle();
    waitFor(() -> frame.chartView().data() != null ? Boolean.TRUE : null);
  }

  @AfterEach
  void close() throws Exception {
    if (handle != null) {
      handle.close();
      handle.awaitClosed();
    }
    if (hub != null) {
      hub.close();
    }
    if (history != null) {
      history.close();
    }
    if (prefs != null) {
      prefs.awaitSaved();
    }
  }

  private void mouse(int id, int x, int mods) throws Exception {
    onEdt(
        () -> {
          JComponent plot = frame.chartView().panel();
          int y = plot.getHeight() / 2;
          plot.dispatchEvent(
              new MouseEvent(
                  plot,
                  id,
                  System.currentTimeMillis(),
                  mods,
                  x,
                  y,
                  id == MouseEvent.MOUSE_PRESSED ? 1 : 0,
                  false,
                  1));
          return null;
        });
  }

  private RangeUsage stored(RangeUsage shown) throws Exception {
    return history.read(s -> s.range(shown.since(), shown.until())).get(10, TimeUnit.SECONDS);
  }

  private static List<String> names(RangeUsage u) {
    return SpanPanel.rows(u).stream().map(SpanPanel.Row::name).toList();
  }

  @Test
  void dragAcrossTheChartListsWhoUsedThatSpanFromTheHistoryFile() throws Exception {
    onEdt(
        () -> {
          frame.rangeButton("5m").doClick();
          return null;
        });
    frame.awaitIdle();
    int width = onEdt(() -> frame.chartView().panel().getWidth());
    int x1 = width / 3;
    int x2 = width / 2;
    int b1 = InputEvent.BUTTON1_DOWN_MASK;
    mouse(MouseEvent.MOUSE_PRESSED, x1, b1);
    mouse(MouseEvent.MOUSE_DRAGGED, (x1 + x2) / 2, b1);
    mouse(MouseEvent.MOUSE_DRAGGED, x2, b1);
    mouse(MouseEvent.MOUSE_RELEASED, x2, 0);
    RangeUsage shown = waitFor(() -> frame.spanPanel().shown());
    assertTrue(onEdt(() -> frame.spanShown()));
    assertTrue(onEdt(() -> frame.view().paused()), "a selection pauses the chart");
    assertEquals(1, shown.resolutionSeconds());
    long seconds = shown.until().getEpochSecond() - shown.since().getEpochSecond();
    assertTrue(seconds > 30 && seconds < 80, "a sixth of five minutes: " + seconds);
    RangeUsage file = stored(shown);
    assertEquals(file, shown);
    assertTrue(file.totals().totalBytes() > 0);
    assertEquals(names(file), onEdt(() -> names(frame.spanPanel().shown())));
    assertEquals(
        file.unattributed().totalBytes(),
        onEdt(
            () ->
                frame.spanPanel().rowsShown().stream()
                    .filter(SpanPanel.Row::unattributed)
                    .mapToLong(SpanPanel.Row::total)
                    .sum()));
    String title = onEdt(() -> frame.spanPanel().titleText());
    assertTrue(
        title.matches("[A-Z][a-z]{2} \\d\\d:\\d\\d:\\d\\d – \\d\\d:\\d\\d:\\d\\d, [\\d.]+ [kMG]B"),
        title);
    assertEquals(
        "from the bytes stored per second", onEdt(() -> frame.spanPanel().resolutionLabelText()));
    int[] px = onEdt(() -> frame.chartView().spanPixels());
    assertNotNull(px, "the span is drawn");
    assertTrue(Math.abs(px[0] - x1) <= 3 && Math.abs(px[1] - x2) <= 3, px[0] + ".." + px[1]);
    snapshot("span-window.png");

    // hovering names the top three at the pointer
    mouse(MouseEvent.MOUSE_MOVED, width / 4, 0);
    String hover =
        waitFor(
            () -> {
              String t = frame.hoverTopLabel().getText();
              return t.isBlank() ? null : t;
            });
    assertTrue(hover.matches(".*(firefox|curl|syncthing) [\\d.]+ [kMG]?B.*"), hover);

    // a click: the one plotted point under the pointer (one second at 5 minutes)
    mouse(MouseEvent.MOUSE_PRESSED, x1, b1);
    mouse(MouseEvent.MOUSE_RELEASED, x1 + 1, 0);
    RangeUsage point =
        waitFor(
            () -> {
              RangeUsage u = frame.spanPanel().shown();
              return u != null && !u.equals(shown) ? u : null;
            });
    assertEquals(1, point.until().getEpochSecond() - point.since().getEpochSecond());
    assertEquals(stored(point), point);

    // one obvious way back: the button; the chart follows new data again
    onEdt(
        () -> {
          frame.spanPanel().backButton().doClick();
          return null;
        });
    assertFalse(onEdt(() -> frame.spanShown()));
    assertFalse(onEdt(() -> frame.view().paused()));
    assertEquals(null, onEdt(() -> frame.chartView().span()));
  }

  /** The window as painted, into target/ (looked at by people, not compared). */
  private void snapshot(String name) throws Exception {
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
    Files.createDirectories(Path.of("target"));
    ImageIO.write(img, "png", Path.of("target", name).toFile());
  }
}
