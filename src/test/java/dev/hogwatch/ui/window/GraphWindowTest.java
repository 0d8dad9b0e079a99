package dev.hogwatch.ui.window;

import static dev.hogwatch.ui.window.SpanWindowDriver.onEdt;
import static dev.hogwatch.ui.window.SpanWindowDriver.waitFor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogwatch.model.Hub;
import dev.hogwatch.ui.UiPrefs;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.event.InputEvent;
import java.awt.event.MouseEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real window on a real (virtual) display, fed with hand-made nethogs blocks through a real
 * {@link Hub}. Needs DISPLAY (CI runs Xvfb on :97); skipped without one.
 */
class GraphWindowTest {
  private static final Subject FIREFOX =
      Subject.process(Synthetic.FIREFOX, Synthetic.FIREFOX_PID, 1000);
  private static final Subject SYNC = Subject.process(Synthetic.SYNC, Synthetic.SYNC_PID, 1001);

  @TempDir Path dir;
  private UiPrefs prefs;
  private Hub hub;
  private WindowDemo.FakeControls controls;
  private GraphWindow handle;
  private WindowFrame frame;
  private Graphs graphs;
  private final Synthetic traffic = new Synthetic();
  private int second;

  @BeforeEach
  void open() throws Exception {
    Assumptions.assumeFalse(
        GraphicsEnvironment.isHeadless(), "no display (DISPLAY unset): window tests need X");
    Path file = dir.resolve("ui.properties");
    Files.writeString(file, "theme=LIGHT\n");
    prefs = new UiPrefs(file);
    hub = new Hub(Synthetic.accounting(), Synthetic.DEMO);
    controls = new WindowDemo.FakeControls();
    for (int i = 0; i < 3; i++) {
      feed();
    }
    graphs = new Graphs(hub, controls, prefs);
    handle = graphs.open(false);
    frame = waitFor(() -> handle.frame());
    frame.awaitIdle();
    // these tests are about processes; AppGroupingTest covers the grouping by application
    onEdt(
        () -> {
          frame.setGrouping(ProcessRows.Grouping.PROCESSES);
          return null;
        });
    waitFor(
        () ->
            (frame.table().getRowCount() == 4
                    && frame.table().viewRows().stream()
                        .noneMatch(r -> r.subject().kind() == Subject.Kind.APP))
                ? Boolean.TRUE
                : null);
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
    if (prefs != null) {
      prefs.awaitSaved(); // before @TempDir goes
    }
  }

  private void feed() throws InterruptedException {
    hub.submit(traffic.refresh(second++, System.nanoTime()));
    hub.flush();
  }

  private void feedAndWait() throws InterruptedException {
    feed();
    frame.awaitIdle();
  }

  /** Presses and releases the mouse on the row showing {@code s}, as a user would. */
  private void click(Subject s, boolean ctrl) throws Exception {
    onEdt(
        () -> {
          ProcessTable t = frame.table();
          int row = t.viewRows().stream().map(ProcessRows.Row::subject).toList().indexOf(s);
          assertTrue(row >= 0, "row for " + s);
          Rectangle r = t.getCellRect(row, 0, true);
          int mods = InputEvent.BUTTON1_DOWN_MASK | (ctrl ? InputEvent.CTRL_DOWN_MASK : 0);
          long when = System.currentTimeMillis();
          int x = r.x + 5;
          int y = r.y + r.height / 2;
          t.dispatchEvent(
              new MouseEvent(t, MouseEvent.MOUSE_PRESSED, when, mods, x, y, 1, false, 1));
          t.dispatchEvent(
              new MouseEvent(t, MouseEvent.MOUSE_RELEASED, when, mods, x, y, 1, false, 1));
          t.dispatchEvent(
              new MouseEvent(t, MouseEvent.MOUSE_CLICKED, when, mods, x, y, 1, false, 1));
          return null;
        });
    frame.awaitIdle();
  }

  private List<Subject> shown() throws Exception {
    return onEdt(
        () -> frame.chartView().data().lines().stream().map(ChartData.Line::subject).toList());
  }

  @Test
  void opensTitledHogwatchAtItsDefaultSize() throws Exception {
    assertEquals("Hogwatch", onEdt(() -> frame.frame().getTitle()));
    assertEquals(760, (int) onEdt(() -> frame.frame().getWidth()));
    assertEquals(520, (int) onEdt(() -> frame.frame().getHeight()));
    assertEquals("Live", onEdt(() -> frame.tabs().getTitleAt(0)));
  }

  @Test
  void defaultOrderIsByTotalBytesWithAnUnattributedRow() throws Exception {
    List<ProcessRows.Row> rows = onEdt(() -> frame.table().viewRows());
    for (int i = 1; i < rows.size(); i++) {
      assertTrue(rows.get(i - 1).total() >= rows.get(i).total(), "sorted by total: " + rows);
    }
    assertEquals(Synthetic.CURL, rows.get(0).program());
    assertTrue(rows.stream().anyMatch(r -> r.subject().equals(Subject.UNATTRIBUTED)));
  }

  @Test
  void clickShowsTheProcessAloneAndClickingAgainReturnsToGlobal() throws Exception {
    assertEquals(List.of(Subject.GLOBAL), shown());
    click(FIREFOX, false);
    assertEquals(List.of(FIREFOX), shown());
    click(FIREFOX, false);
    assertEquals(List.of(Subject.GLOBAL), shown());
    assertEquals(0, (int) onEdt(() -> frame.table().getSelectedRowCount()));
  }

  @Test
  void ctrlClickComparesSeveralProcessesOneColourEach() throws Exception {
    click(FIREFOX, false);
    click(SYNC, true);
    assertEquals(List.of(FIREFOX, SYNC), shown());
    List<java.awt.Color> colours =
        onEdt(
            () ->
                frame.chartView().chart().getSeriesCollection().stream()
                    .map(s -> s.getLineColor())
                    .distinct()
                    .toList());
    assertEquals(2, colours.size());
    click(FIREFOX, true); // ctrl-click again removes it
    assertEquals(List.of(SYNC), shown());
  }

  @Test
  void selectionSurvivesRefreshesAndResorting() throws Exception {
    click(FIREFOX, false);
    feedAndWait();
    feedAndWait();
    onEdt(
        () -> {
          frame.table().getRowSorter().toggleSortOrder(ProcessRows.PID);
          return null;
        });
    frame.awaitIdle();
    List<Subject> selected =
        onEdt(
            () -> {
              ProcessTable t = frame.table();
              return java.util.Arrays.stream(t.getSelectedRows())
                  .mapToObj(r -> t.viewRows().get(r).subject())
                  .toList();
            });
    assertEquals(List.of(FIREFOX), selected);
    assertEquals(List.of(FIREFOX), shown());
  }

  @Test
  void filterShowsMatchingRowsOnly() throws Exception {
    onEdt(
        () -> {
          frame.filterField().setText("sync");
          return null;
        });
    assertEquals(
        List.of(SYNC),
        onEdt(() -> frame.table().viewRows().stream().map(r -> r.subject()).toList()));
    onEdt(
        () -> {
          frame.filterField().setText("ALICE");
          return null;
        });
    assertEquals(2, (int) onEdt(() -> frame.table().getRowCount()));
    onEdt(
        () -> {
          frame.filterField().setText("");
          return null;
        });
    assertEquals(4, (int) onEdt(() -> frame.table().getRowCount()));
  }

  @Test
  void rangeButtonsSwitchTheSpan() throws Exception {
    ChartData d = onEdt(() -> frame.chartView().data());
    assertEquals(300, d.to() - d.from());
    onEdt(
        () -> {
          frame.rangeButton("1h").doClick();
          return null;
        });
    frame.awaitIdle();
    d = onEdt(() -> frame.chartView().data());
    assertEquals(3600, d.to() - d.from());
    onEdt(
        () -> {
          frame.rangeButton("All").doClick();
          return null;
        });
    frame.awaitIdle();
    d = onEdt(() -> frame.chartView().data());
    assertEquals(0, d.view().span());
    assertTrue(d.to() - d.from() >= 60, "All shows at least a minute");
  }

  @Test
  void pauseKeepsTheViewStillWhileDataArrives() throws Exception {
    onEdt(
        () -> {
          frame.pauseButton().doClick();
          return null;
        });
    frame.awaitIdle();
    ChartData before = onEdt(() -> frame.chartView().data());
    List<ProcessRows.Row> rowsBefore = onEdt(() -> frame.table().viewRows());
    assertTrue(before.view().paused());
    long end = System.nanoTime() + 2_200_000_000L;
    while (System.nanoTime() < end) { // new seconds of data arrive
      feedAndWait();
      Thread.sleep(250);
    }
    ChartData after = onEdt(() -> frame.chartView().data());
    assertEquals(before.from(), after.from());
    assertEquals(before.to(), after.to());
    assertArrayEquals(
        before.lines().get(0).series().down(), after.lines().get(0).series().down(), 0.0);
    assertNotEquals(rowsBefore, onEdt(() -> frame.table().viewRows()), "the table still updates");
    onEdt(
        () -> {
          frame.pauseButton().doClick();
          return null;
        });
    frame.awaitIdle();
    ChartData live = onEdt(() -> frame.chartView().data());
    assertTrue(live.to() > before.to(), "live again follows the data");
  }

  @Test
  void selectFromAnotherThreadShowsThatProcess() throws Exception {
    handle.select(Synthetic.SYNC, Synthetic.SYNC_PID);
    waitFor(() -> frame.view().subjects().equals(List.of(SYNC)) ? Boolean.TRUE : null);
    frame.awaitIdle();
    assertEquals(List.of(SYNC), shown());
  }

  @Test
  void interfaceChooserAsksTheEngine() throws Exception {
    onEdt(
        () -> {
          frame.header().interfaceChooser().addItem("eth9");
          frame.header().interfaceChooser().setSelectedItem("eth9");
          return null;
        });
    frame.awaitIdle();
    waitFor(() -> controls.devices().equals(List.of("eth9")) ? Boolean.TRUE : null);
  }

  @Test
  void closingRemembersBoundsAndTheNextWindowUsesThem() throws Exception {
    onEdt(
        () -> {
          frame.frame().setBounds(40, 50, 700, 480);
          return null;
        });
    handle.close();
    handle.awaitClosed();
    assertEquals(java.util.Optional.of(new UiPrefs.Bounds(40, 50, 700, 480)), prefs.windowBounds());
    assertTrue(!controls.shutdown, "a window opened from the tray leaves the engine running");
    handle = graphs.open(false);
    frame = waitFor(() -> handle.frame());
    assertEquals(new Rectangle(40, 50, 700, 480), onEdt(() -> frame.frame().getBounds()));
  }

  @Test
  void withExitOnCloseClosingShutsTheEngineDown() throws Exception {
    handle.close();
    handle.awaitClosed();
    handle = graphs.open(true);
    frame = waitFor(() -> handle.frame());
    handle.close();
    handle.awaitClosed();
    assertTrue(controls.shutdown);
  }

  @Test
  void unitsFollowThePreferenceSharedWithTheTray() throws Exception {
    prefs.setUnits(dev.hogwatch.model.Units.Mode.BITS); // as the tray's menu would
    waitFor(
        () -> frame.chartView().mode() == dev.hogwatch.model.Units.Mode.BITS ? Boolean.TRUE : null);
    feedAndWait();
    String readout = readoutAtNewestSecond();
    assertTrue(readout.matches(".*↓ .*bit/s +↑ .*bit/s"), readout);
  }

  @Test
  void darkToggleSwitchesTheLookAndIsRemembered() throws Exception {
    onEdt(
        () -> {
          frame.setDark(true, true);
          return null;
        });
    assertTrue(onEdt(ThemeSupport::isDark));
    assertEquals(UiPrefs.Theme.DARK, prefs.theme());
    onEdt(
        () -> {
          frame.setDark(false, true);
          return null;
        });
    assertTrue(!onEdt(ThemeSupport::isDark));
  }

  @Test
  void readoutShowsTheValuesUnderThePointer() throws Exception {
    feedAndWait();
    String text = readoutAtNewestSecond();
    assertTrue(text.matches("\\d\\d:\\d\\d:\\d\\d +↓ .*/s +↑ .*/s"), text);
  }

  /** Moves the pointer over the newest second of the chart and returns the readout. */
  private String readoutAtNewestSecond() throws Exception {
    return onEdt(
        () -> {
          javax.swing.JComponent plot = frame.chartView().panel();
          ChartData d = frame.chartView().data();
          int x = (int) frame.chartView().chart().getScreenXFromChart((d.to() - 1) * 1000.0);
          plot.dispatchEvent(
              new MouseEvent(
                  plot, MouseEvent.MOUSE_MOVED, System.currentTimeMillis(), 0, x, 60, 0, false));
          return frame.readoutLabel().getText();
        });
  }

  @Test
  void shiftDraggingTheChartPausesAndMovesIntoThePast() throws Exception {
    ChartData before = onEdt(() -> frame.chartView().data());
    onEdt(
        () -> {
          javax.swing.JComponent plot = frame.chartView().panel();
          long when = System.currentTimeMillis();
          int y = plot.getHeight() / 2;
          int b1 = InputEvent.BUTTON1_DOWN_MASK | InputEvent.SHIFT_DOWN_MASK;
          plot.dispatchEvent(
              new MouseEvent(plot, MouseEvent.MOUSE_PRESSED, when, b1, 200, y, 1, false, 1));
          plot.dispatchEvent(
              new MouseEvent(plot, MouseEvent.MOUSE_DRAGGED, when, b1, 400, y, 0, false, 1));
          plot.dispatchEvent(
              new MouseEvent(plot, MouseEvent.MOUSE_RELEASED, when, b1, 400, y, 1, false, 1));
          return null;
        });
    frame.awaitIdle();
    ChartData after = onEdt(() -> frame.chartView().data());
    assertTrue(after.view().paused(), "dragging pauses");
    assertTrue(onEdt(() -> frame.pauseButton().isSelected()));
    assertEquals(before.to() - before.from(), after.to() - after.from(), "same span");
    assertTrue(
        after.to() < before.to() - 30, "moved into the past: " + before.to() + " -> " + after.to());
  }

  @Test
  void wheelZoomsAroundThePointer() throws Exception {
    ChartData before = onEdt(() -> frame.chartView().data());
    onEdt(
        () -> {
          javax.swing.JComponent plot = frame.chartView().panel();
          plot.dispatchEvent(
              new java.awt.event.MouseWheelEvent(
                  plot,
                  MouseEvent.MOUSE_WHEEL,
                  System.currentTimeMillis(),
                  0,
                  plot.getWidth() / 2,
                  plot.getHeight() / 2,
                  0,
                  false,
                  java.awt.event.MouseWheelEvent.WHEEL_UNIT_SCROLL,
                  1,
                  -3));
          return null;
        });
    frame.awaitIdle();
    ChartData after = onEdt(() -> frame.chartView().data());
    assertTrue(after.view().paused());
    assertTrue(
        after.to() - after.from() < before.to() - before.from(),
        "zoomed in: " + (after.to() - after.from()));
  }

  @Test
  void grantCapturePermissionAsksTheEngineWhichRestartsCapture() throws Exception {
    hub.submit(
        dev.hogwatch.model.CaptureStatus.of(
            dev.hogwatch.model.CaptureStatus.State.NO_PERMISSION, "nethogs: no caps"),
        0);
    hub.flush();
    frame.awaitIdle();
    onEdt(
        () -> {
          HeaderBar h = frame.header();
          assertEquals("No capture permission", h.statusLabel().getText());
          assertTrue(h.fixButton().isVisible());
          assertEquals("Grant capture permission…", h.fixButton().getText());
          h.fixButton().doClick();
          return null;
        });
    waitFor(() -> controls.restarts.get() == 1 ? Boolean.TRUE : null);
    assertEquals(List.of("/usr/sbin/nethogs"), controls.grants);
  }
}
