package dev.hogwatch.ui.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogwatch.model.Accounting;
import dev.hogwatch.model.AppId;
import dev.hogwatch.model.AppResolver;
import dev.hogwatch.model.CaptureStatus;
import dev.hogwatch.model.Refresh;
import dev.hogwatch.model.Snapshot;
import dev.hogwatch.model.TraceLine;
import dev.hogwatch.model.Units;
import dorkbox.systemTray.Entry;
import dorkbox.systemTray.Menu;
import dorkbox.systemTray.MenuItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;

/**
 * The top applications in the tray menu, each a submenu with its processes, kept in fixed slots:
 * every entry added or removed makes Dorkbox rebuild the whole native menu (and leak about 70 kB
 * with AppIndicator), so an update only sets texts and enabled states; a slot or a line is added
 * only when the menu never had that many, and never removed.
 */
class TrayMenuAppsTest {
  private static final long S = 1_000_000_000L;

  private final List<String> shown = new ArrayList<>();
  private final Menu root = new Menu();
  private final TrayMenu menu =
      new TrayMenu(
          root,
          new NoopMenuListener() {
            @Override
            public void showProgram(String name, int pid) {
              shown.add("process " + name + " " + pid);
            }

            @Override
            public void showApp(AppId app, int uid) {
              shown.add("app " + app.key() + " " + uid);
            }
          },
          false,
          Units.Mode.BYTES);

  /**
   * A snapshot where application i ("App i", a Flatpak) has {@code processes[i]} processes, each
   * process of application i having moved (i + 1) MB down; the resolver puts every pid 1000 + 10i +
   * k into application i.
   */
  private static Snapshot snapshot(int... processes) {
    AppResolver byPid =
        (name, pid, uid) ->
            pid == 0
                ? new AppResolver.Attribution(AppId.UNATTRIBUTED, uid, pid)
                : new AppResolver.Attribution(
                    new AppId(
                        AppId.Kind.FLATPAK,
                        "org.example.App" + (pid - 1000) / 10,
                        "App " + (pid - 1000) / 10,
                        ""),
                    uid,
                    pid);
    Accounting a = new Accounting(3600 * S, 1000, pid -> true, uid -> "alice", byPid);
    List<TraceLine> first = new ArrayList<>();
    List<TraceLine> second = new ArrayList<>();
    for (int i = 0; i < processes.length; i++) {
      for (int k = 0; k < processes[i]; k++) {
        int pid = 1000 + 10 * i + k;
        first.add(new TraceLine("/app/bin/helper" + k, pid, 1000, 0, 0));
        second.add(new TraceLine("/app/bin/helper" + k, pid, 1000, 1000, 1e6 * (i + 1)));
      }
    }
    a.apply(new Refresh(10 * S, 1, first));
    a.apply(new Refresh(11 * S, 1, second));
    return a.snapshot(Instant.EPOCH, 11 * S, CaptureStatus.of(CaptureStatus.State.RUNNING, ""), 0);
  }

  private MenuState state(int... processes) {
    return MenuState.of(snapshot(processes), Units.Mode.BYTES, List.of(), false, MenuState.TOP);
  }

  /** The application submenus at the top of the menu. */
  private List<Menu> slots() {
    List<Menu> out = new ArrayList<>();
    for (Entry e : root.getEntries()) {
      if (e instanceof Menu m
          && !"Interfaces".equals(m.getText())
          && !"Units".equals(m.getText())) {
        out.add(m);
      }
    }
    return out;
  }

  @Test
  void topEightApplicationsEachWithItsProcessesLargestFirst() {
    MenuState s = state(1, 1, 1, 1, 1, 1, 1, 1, 1, 3);
    assertEquals(8, s.apps().size());
    MenuState.App top = s.apps().get(0);
    assertTrue(top.label().startsWith("App 9   ↓ 30.0 MB  ↑ 3.00 kB  ·  "), top.label());
    assertEquals(
        List.of(
            "helper0 (pid 1090)   ↓ 10.0 MB  ↑ 1.00 kB",
            "helper1 (pid 1091)   ↓ 10.0 MB  ↑ 1.00 kB",
            "helper2 (pid 1092)   ↓ 10.0 MB  ↑ 1.00 kB",
            "user alice (1000)",
            "flatpak org.example.App9",
            "now  ↓ 30.0 MB/s  ↑ 3.00 kB/s"),
        top.lines().stream().map(MenuState.Line::text).toList());
    menu.show(s, Units.Mode.BYTES);
    assertEquals(8, slots().size());
    assertEquals(TrayMenu.expected(s, Units.Mode.BYTES, false, false), menu.texts());
  }

  @Test
  void manyProcessesAreCountedOnOneLine() {
    MenuState s = state(8);
    List<String> lines = s.apps().get(0).lines().stream().map(MenuState.Line::text).toList();
    assertEquals(MenuState.PROCESS_LINES + 4, lines.size(), lines.toString());
    assertEquals("… and 3 more processes", lines.get(MenuState.PROCESS_LINES));
  }

  @Test
  void updatesSetTextsInPlaceAndNeverRemoveASlot() {
    menu.show(state(1, 2, 3), Units.Mode.BYTES);
    List<Entry> before = List.copyOf(root.getEntries());
    List<Menu> slots = slots();
    assertEquals(3, slots.size());
    List<Entry> thirdSlot = List.copyOf(slots.get(0).getEntries()); // App 2: 3 processes

    // App 2 is gone (one application fewer) and App 1 has fewer processes: no entry comes or goes
    menu.show(state(1, 1), Units.Mode.BYTES);
    assertEquals(before, root.getEntries(), "the same entries in the same places");
    assertEquals(thirdSlot, slots.get(0).getEntries());
    Menu empty = slots().get(2);
    assertEquals("—", empty.getText());
    assertFalse(empty.getEnabled(), "a slot with no application is greyed out");
    assertEquals(
        TrayMenu.expected(
            state(1, 1), Units.Mode.BYTES, false, false, false, null, menu.slotLines()),
        menu.texts());

    // back to three: the slots are reused, still nothing added
    menu.show(state(1, 2, 3), Units.Mode.BYTES);
    assertEquals(before, root.getEntries());
    assertTrue(slots().get(2).getEnabled());
    assertEquals(
        0, menu.show(state(1, 2, 3), Units.Mode.BYTES), "nothing changed: nothing touched");
  }

  @Test
  void aProcessLineShowsThatProcessAndShowInGraphsTheApplication() throws Exception {
    menu.show(state(1, 2), Units.Mode.BYTES);
    Menu app1 = slots().get(0); // App 1: pids 1010 and 1011
    List<Entry> entries = app1.getEntries();
    MenuItem firstProcess = (MenuItem) entries.get(0);
    MenuItem user = (MenuItem) entries.get(2);
    MenuItem showInGraphs = (MenuItem) entries.get(entries.size() - 1);
    assertTrue(firstProcess.getEnabled());
    assertFalse(user.getEnabled(), "detail lines are not clickable");
    assertEquals("Show in graphs", showInGraphs.getText());

    // the slot now shows another application: a click acts on what it shows at that moment
    menu.show(state(1, 1, 1, 4), Units.Mode.BYTES);
    assertSame(app1, slots().get(0));
    firstProcess.getCallback().actionPerformed(null);
    showInGraphs.getCallback().actionPerformed(null);
    SwingUtilities.invokeAndWait(() -> {}); // callbacks hop to the event thread
    assertEquals(
        List.of("process /app/bin/helper0 1030", "app flatpak:org.example.App3 1000"), shown);
  }
}
