package dev.hogwatch.ui.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogwatch.model.Accounting;
import dev.hogwatch.model.AppId;
import dev.hogwatch.model.AppResolver;
import dev.hogwatch.model.Hub;
import dev.hogwatch.ui.UiPrefs;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.event.InputEvent;
import java.awt.event.MouseEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window's table grouped by application, on a real (virtual) display with a real {@link Hub}:
 * firefox and curl belong to one desktop application ("Firefox", alice), syncthing is its own
 * (bob). A click on an application graphs the application, its arrow expands it to its processes,
 * and the per-user totals sit under the table. Needs DISPLAY; skipped without one.
 */
class AppGroupingTest {
  private static final AppId FIREFOX_APP =
      new AppId(AppId.Kind.DESKTOP, "org.mozilla.firefox", "Firefox", "firefox");
  private static final Subject FIREFOX = Subject.app(FIREFOX_APP, 1000);
  private static final Subject SYNCTHING = Subject.app(AppId.exe("syncthing"), 1001);
  private static final Subject CURL = Subject.process(Synthetic.CURL, Synthetic.CURL_PID, 1000);

  @TempDir Path dir;
  private UiPrefs prefs;
  private Hub hub;
  private GraphWindow handle;
  private WindowFrame frame;
  private final Synthetic traffic = new Synthetic();
  private int second;

  @BeforeEach
  void open() throws Exception {
    Assumptions.assumeFalse(
        GraphicsEnvironment.isHeadless(), "no display (DISPLAY unset): window tests need X");
    Path file = dir.resolve("ui.properties");
    Files.writeString(file, "theme=LIGHT\n");
    prefs = new UiPrefs(file);
    AppResolver firefoxAndCurl =
        (name, pid, uid) ->
            pid == Synthetic.FIREFOX_PID || pid == Synthetic.CURL_PID
                ? new AppResolver.Attribution(FIREFOX_APP, uid, pid)
                : AppResolver.BY_NAME.resolve(name, pid, uid);
    Accounting accounting =
        new Accounting(
            60_000_000_000L,
            1000,
            pid -> true,
            uid -> uid == 1000 ? "alice" : uid == 1001 ? "bob" : "root",
            firefoxAndCurl);
    hub = new Hub(accounting, Synthetic.DEMO);
    for (int i = 0; i < 3; i++) {
      feed();
    }
    Graphs graphs = new Graphs(hub, new WindowDemo.FakeControls(), prefs);
    handle = graphs.open(false);
    frame = waitFor(() -> handle.frame());
    frame.awaitIdle();
    waitFor(() -> frame.table().getRowCount() == 3 ? Boolean.TRUE : null);
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
      prefs.awaitSaved();
    }
  }

  private void feed() throws InterruptedException {
    hub.submit(traffic.refresh(second++, System.nanoTime()));
    hub.flush();
  }

  private static <T> T onEdt(Callable<T> c) throws Exception {
    return SpanWindowDriver.onEdt(c);
  }

  private static <T> T waitFor(Callable<T> c) throws Exception {
    return SpanWindowDriver.waitFor(c, 15);
  }

  private List<Subject> rows() throws Exception {
    return onEdt(() -> frame.table().viewRows().stream().map(ProcessRows.Row::subject).toList());
  }

  private List<Subject> shown() throws Exception {
    return onEdt(
        () -> frame.chartView().data().lines().stream().map(ChartData.Line::subject).toList());
  }

  /** Presses and releases the mouse {@code x} pixels into the Program cell of {@code s}'s row. */
  private void click(Subject s, int x) throws Exception {
    onEdt(
        () -> {
          ProcessTable t = frame.table();
          List<Subject> rows = t.viewRows().stream().map(ProcessRows.Row::subject).toList();
          int row = rows.indexOf(s);
          assertTrue(row >= 0, "row for " + s + " in " + rows);
          Rectangle r = t.getCellRect(row, 0, true);
          int mods = InputEvent.BUTTON1_DOWN_MASK;
          long when = System.currentTimeMillis();
          int y = r.y + r.height / 2;
          for (int id :
              new int[] {
                MouseEvent.MOUSE_PRESSED, MouseEvent.MOUSE_RELEASED, MouseEvent.MOUSE_CLICKED
              }) {
            t.dispatchEvent(new MouseEvent(t, id, when, mods, r.x + x, y, 1, false, 1));
          }
          return null;
        });
    frame.awaitIdle();
  }

  @Test
  void applicationsFirstEachSummingItsProcessesWithPerUserTotals() throws Exception {
    assertEquals(ProcessRows.Grouping.APPLICATIONS, onEdt(() -> frame.grouping()));
    List<ProcessRows.Row> view = onEdt(() -> frame.table().viewRows());
    assertEquals(List.of(FIREFOX, SYNCTHING, Subject.UNATTRIBUTED), rows());
    ProcessRows.Row firefox = view.get(0);
    assertEquals("Firefox", firefox.program());
    assertEquals(2, firefox.children());
    assertEquals("▸ Firefox  (2)", onEdt(() -> frame.table().getValueAt(0, 0)));
    List<ProcessRows.Row> all = onEdt(() -> frame.table().viewRows());
    long processes =
        onEdt(
            () ->
                hub.latest().processes().stream()
                    .filter(p -> p.pid() == Synthetic.FIREFOX_PID || p.pid() == Synthetic.CURL_PID)
                    .mapToLong(p -> p.totalBytes())
                    .sum());
    assertEquals(processes, all.get(0).total(), "the application sums its processes");
    String users = onEdt(() -> frame.usersLabel().getText());
    assertTrue(users.startsWith("Users:  alice  ↓ "), users);
    assertTrue(users.contains("bob  ↓ "), users);
  }

  @Test
  void clickingAnApplicationGraphsItAndItsArrowShowsItsProcesses() throws Exception {
    click(FIREFOX, 40);
    assertEquals(List.of(FIREFOX), shown());
    feed();
    feed();
    frame.awaitIdle();
    RateSeries firefox = onEdt(() -> frame.chartView().data().lines().get(0).series());
    assertTrue(firefox.size() > 0, "the application has a past in memory");

    click(FIREFOX, 5); // the arrow: expands, the selection stays
    assertEquals(
        List.of(
            FIREFOX,
            CURL,
            Subject.process(Synthetic.FIREFOX, Synthetic.FIREFOX_PID, 1000),
            SYNCTHING,
            Subject.UNATTRIBUTED),
        rows());
    assertEquals(List.of(FIREFOX), shown());
    assertEquals("▾ Firefox  (2)", onEdt(() -> frame.table().getValueAt(0, 0)));

    click(CURL, 40); // a process under it
    assertEquals(List.of(CURL), shown());

    click(FIREFOX, 5); // collapses; curl stays selected (hidden)
    assertEquals(List.of(FIREFOX, SYNCTHING, Subject.UNATTRIBUTED), rows());
  }

  @Test
  void sortingKeepsProcessesUnderTheirApplicationAndTheFilterFindsThem() throws Exception {
    onEdt(
        () -> {
          frame.table().setExpanded(FIREFOX, true);
          frame.table().getRowSorter().toggleSortOrder(ProcessRows.PROGRAM);
          return null;
        });
    frame.awaitIdle();
    // by name, A to Z: Firefox (curl, firefox under it), syncthing, Unattributed
    assertEquals(
        List.of(
            FIREFOX,
            CURL,
            Subject.process(Synthetic.FIREFOX, Synthetic.FIREFOX_PID, 1000),
            SYNCTHING,
            Subject.UNATTRIBUTED),
        rows());
    onEdt(
        () -> {
          frame.table().setExpanded(FIREFOX, false);
          frame.filterField().setText("curl");
          return null;
        });
    frame.awaitIdle();
    assertEquals(List.of(FIREFOX, CURL), rows(), "a matching process shows under its application");
  }

  @Test
  void theTraysShowInGraphsSelectsTheApplication() throws Exception {
    onEdt(
        () -> {
          frame.setGrouping(ProcessRows.Grouping.PROCESSES);
          return null;
        });
    frame.awaitIdle();
    waitFor(() -> frame.table().getRowCount() == 4 ? Boolean.TRUE : null);
    handle.selectApp(AppId.exe("syncthing"), 1001);
    waitFor(
        () ->
            (frame.chartView().data() != null && frame.view().subjects().equals(List.of(SYNCTHING)))
                ? Boolean.TRUE
                : null);
    frame.awaitIdle();
    assertEquals(List.of(SYNCTHING), shown());
    assertEquals(ProcessRows.Grouping.APPLICATIONS, onEdt(() -> frame.grouping()));
    assertEquals("syncthing", onEdt(() -> frame.view().subjects().get(0).label()));
  }
}
