package dev.hogwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hogwatch.history.YearOfHistory;
import dev.hogwatch.testing.XSession;
import java.awt.Rectangle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A person's first clicks, with real input events (xdotool) on the real app ({@code java -jar
 * hogwatch.jar} as the ordinary test user, on a private Xvfb with trayer as the tray host), in
 * three states: the demo without history; live without capture permission and an empty data dir; a
 * data dir holding a year. The window is opened from the tray menu's "Open graphs…" and with {@code
 * hogwatch window}; every tab, range button, Pause/Live, drag and wheel on the chart, the interface
 * and unit choosers, the theme toggle, a row click, a Ctrl-click and the filter are used, and every
 * tray menu item is clicked.
 *
 * <p>Where to click and what shows comes from the window's probe file ({@code -Dhogwatch.uiprobe});
 * any uncaught exception on any thread of the app ({@code -Dhogwatch.crashlog}, or a trace in its
 * output) fails the test. Each step saves a screenshot under {@code target/walkthrough/}.
 */
class WalkthroughIT {
  private static final Path SHOTS = Path.of("target", "walkthrough");

  private Path jar;

  @BeforeEach
  void needs() throws Exception {
    assumeTrue(XSession.unavailable(true).isEmpty(), () -> XSession.unavailable(true).get());
    String p = System.getProperty("hogwatch.jar", "");
    assumeTrue(!p.isEmpty() && Files.isRegularFile(Path.of(p)), "hogwatch.jar not built");
    jar = Path.of(p);
    Files.createDirectories(SHOTS);
  }

  /** One running app and what the test knows about it. */
  private static final class App implements AutoCloseable {
    final XSession x;
    final String name;
    final Process process;
    final Path probe;
    final Path crashes;
    final String log;
    int step;

    App(XSession x, String name, Process process, Path probe, Path crashes, String log) {
      this.x = x;
      this.name = name;
      this.process = process;
      this.probe = probe;
      this.crashes = crashes;
      this.log = log;
    }

    @Override
    public void close() {
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
    }
  }

  /** A line of the probe file: kind, text and screen rectangle. */
  private record Item(String kind, String text, Rectangle r) {
    int cx() {
      return r.x + r.width / 2;
    }

    int cy() {
      return r.y + r.height / 2;
    }
  }

  private App start(XSession x, String name, List<String> args) throws Exception {
    Path userJar = x.dir().resolve("hogwatch.jar");
    if (!Files.exists(userJar)) {
      userJar = x.userCopy(jar);
    }
    // in the user's XDG_CONFIG_HOME (made by runAsUser, owned by the test user): writable by it
    Path data = x.dir().resolve("config");
    Path probe = data.resolve(name + "-probe.txt");
    Path crashes = data.resolve(name + "-crashes.txt");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // the probe and crash files live in the scratch folder, writable by the test user
    cmd.add("-Dhogwatch.uiprobe=" + probe);
    cmd.add("-Dhogwatch.crashlog=" + crashes);
    cmd.add("-jar");
    cmd.add(userJar.toString());
    cmd.addAll(args);
    Process p = x.runAsUser(x.dir().resolve(name + ".log"), cmd.toArray(String[]::new));
    return new App(x, name, p, probe, crashes, name + ".log");
  }

  // ---------------------------------------------------------------- probing

  private static List<Item> items(App a) throws Exception {
    List<Item> out = new ArrayList<>();
    if (!Files.exists(a.probe)) {
      return out;
    }
    for (String l : Files.readAllLines(a.probe)) {
      String[] f = l.split("\t", -1);
      if (f.length < 6) {
        continue;
      }
      int n = f.length;
      String text = String.join("\t", java.util.Arrays.copyOfRange(f, 1, n - 4));
      out.add(
          new Item(
              f[0],
              text,
              new Rectangle(
                  Integer.parseInt(f[n - 4]),
                  Integer.parseInt(f[n - 3]),
                  Integer.parseInt(f[n - 2]),
                  Integer.parseInt(f[n - 1]))));
    }
    return out;
  }

  private static Item await(App a, String what, Predicate<Item> p) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < end) {
      noCrash(a);
      for (Item i : items(a)) {
        if (p.test(i)) {
          return i;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        a.name
            + ": timed out waiting for "
            + what
            + "\n"
            + a.x.log(a.log)
            + "\nprobe:\n"
            + dump(a));
  }

  private static String dump(App a) throws Exception {
    return Files.exists(a.probe) ? Files.readString(a.probe) : "(no probe file)";
  }

  private static Item await(App a, String kind, String text) throws Exception {
    return await(a, kind + " " + text, i -> i.kind().equals(kind) && i.text().equals(text));
  }

  private static Optional<Item> find(App a, String kind, Predicate<String> text) throws Exception {
    return items(a).stream().filter(i -> i.kind().equals(kind) && text.test(i.text())).findFirst();
  }

  /** Fails on any uncaught exception of the app, and on any trace in its output. */
  private static void noCrash(App a) throws Exception {
    String crashes = Files.exists(a.crashes) ? Files.readString(a.crashes) : "";
    assertEquals("", crashes, a.name + ": uncaught exception in the app");
    String log = a.x.log(a.log);
    assertFalse(
        log.contains("Exception") || log.contains("\tat ") || log.contains("internal error"),
        a.name + ": Java text on the terminal:\n" + log);
  }

  private void shot(App a, String what) throws Exception {
    Thread.sleep(400); // let the paint after the last change happen
    noCrash(a);
    a.step++;
    a.x.screenshot(SHOTS.resolve(String.format("%s-%02d-%s.png", a.name, a.step, what)));
  }

  private static void click(App a, Item i) throws Exception {
    a.x.click(i.cx(), i.cy(), 1);
  }

  private static void xdo(App a, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("xdotool"));
    cmd.addAll(List.of(args));
    a.x.output(cmd.toArray(String[]::new));
  }

  // ---------------------------------------------------------------- the window

  /**
   * Every control of the Live tab, then the Usage tab; {@code usage} checks what the Usage tab
   * shows.
   */
  private void walkWindow(App a, boolean programs, Predicate<List<Item>> usage, String usageWhat)
      throws Exception {
    await(a, "tab*", "Live");
    await(a, "the chart", i -> i.kind().equals("chart"));
    Thread.sleep(1000); // the window's first paint
    shot(a, "live");
    for (String range : List.of("1m", "5m", "30m", "1h", "6h", "24h", "All")) {
      click(a, await(a, range, i -> i.kind().startsWith("button") && i.text().equals(range)));
      await(a, "button*", range);
      shot(a, "range-" + range.toLowerCase(java.util.Locale.ROOT));
    }
    click(a, await(a, "button", "5m"));
    await(a, "button*", "5m");
    // Pause, then Live again
    click(a, await(a, "Pause", i -> i.kind().startsWith("button") && i.text().equals("Pause")));
    await(a, "button*", "Live");
    shot(a, "paused");
    click(a, await(a, "button*", "Live"));
    await(a, "button", "Pause");
    // drag the chart to the right (looks back), then wheel (zoom)
    Item chart = await(a, "chart", i -> i.kind().equals("chart"));
    xdo(
        a,
        "mousemove",
        String.valueOf(chart.cx()),
        String.valueOf(chart.cy()),
        "mousedown",
        "1",
        "mousemove",
        "--sync",
        String.valueOf(chart.cx() + 60),
        String.valueOf(chart.cy()),
        "mousemove",
        String.valueOf(chart.cx() + 160),
        String.valueOf(chart.cy()),
        "mouseup",
        "1");
    await(a, "button*", "Live"); // dragging pauses
    shot(a, "dragged");
    xdo(
        a,
        "mousemove",
        String.valueOf(chart.cx()),
        String.valueOf(chart.cy()),
        "click",
        "--repeat",
        "3",
        "--delay",
        "150",
        "5");
    shot(a, "wheel-out");
    xdo(a, "click", "--repeat", "2", "--delay", "150", "4");
    shot(a, "wheel-in");
    click(a, await(a, "button*", "Live"));
    await(a, "button", "Pause");
    // the interface chooser (in the header): the second entry, then all again
    Item iface = await(a, "combo", "All interfaces");
    click(a, iface);
    Thread.sleep(300);
    a.x.key("Down", "Return");
    shot(a, "interface-chosen");
    click(a, iface);
    Thread.sleep(300);
    a.x.key("Home", "Return");
    await(a, "combo", "All interfaces");
    // units
    Item units = await(a, "combo", "bytes/s");
    click(a, units);
    Thread.sleep(300);
    a.x.key("Down", "Return");
    await(a, "combo", "bits/s");
    shot(a, "bits");
    click(a, units);
    Thread.sleep(300);
    a.x.key("Up", "Return");
    await(a, "combo", "bytes/s");
    // theme
    click(a, await(a, "Dark", i -> i.kind().startsWith("button") && i.text().equals("Dark")));
    await(a, "button*", "Dark");
    shot(a, "dark");
    click(a, await(a, "button*", "Dark"));
    await(a, "button", "Dark");
    // rows: click one, Ctrl-click another, then the filter
    Item table =
        await(a, "process table", i -> i.kind().equals("table") && i.r().y < chart.r().y + 600);
    int rowHeight = Integer.parseInt(table.text().split(" ", -1)[1]);
    if (programs) {
      await(
          a,
          "two rows",
          i -> i.kind().equals("table") && Integer.parseInt(i.text().split(" ", -1)[0]) >= 2);
      // the table is grouped by application: a click on one graphs the application
      a.x.click(table.r().x + 40, table.r().y + rowHeight / 2, 1);
      await(
          a,
          "one application shown",
          i -> i.kind().equals("label") && i.text().endsWith(" · application"));
      shot(a, "app-click");
      // its arrow lists its processes under it
      Item now =
          await(a, "process table", i -> i.kind().equals("table") && i.r().y < chart.r().y + 600);
      int before = Integer.parseInt(now.text().split(" ", -1)[0]);
      a.x.click(table.r().x + 6, table.r().y + rowHeight / 2, 1);
      await(
          a,
          "the application's processes",
          i -> i.kind().equals("table") && Integer.parseInt(i.text().split(" ", -1)[0]) > before);
      shot(a, "app-expanded");
      // its first process alone
      a.x.click(table.r().x + 40, table.r().y + rowHeight + rowHeight / 2, 1);
      await(a, "one program shown", i -> i.kind().equals("label") && i.text().contains("("));
      shot(a, "row-click");
      xdo(
          a,
          "mousemove",
          String.valueOf(table.r().x + 40),
          String.valueOf(table.r().y + 2 * rowHeight + rowHeight / 2),
          "keydown",
          "ctrl",
          "click",
          "1",
          "keyup",
          "ctrl");
      await(a, "comparing two", i -> i.kind().equals("label") && i.text().startsWith("Comparing"));
      shot(a, "ctrl-click");
    }
    Item filter = await(a, "filter", i -> i.kind().equals("field"));
    click(a, filter);
    xdo(a, "type", "--delay", "80", "python");
    await(a, "field", "python");
    shot(a, "filter");
    xdo(a, "key", "ctrl+a", "BackSpace");
    await(a, "field", "");
    // the Usage tab
    click(a, await(a, "tab", "Usage"));
    await(a, "tab*", "Usage");
    await(a, usageWhat, i -> usage.test(safeItems(a)));
    shot(a, "usage");
    Optional<Item> months = find(a, "button", t -> t.equals("Months"));
    if (months.isPresent()) {
      click(a, months.get());
      await(a, "button*", "Months");
      shot(a, "usage-months");
      click(a, await(a, "button", "Days"));
      await(a, "button*", "Days");
      Optional<Item> period = find(a, "table", t -> !t.startsWith("0 "));
      if (period.isPresent()) {
        Item pt = period.get();
        int rh = Integer.parseInt(pt.text().split(" ", -1)[1]);
        int rows = Integer.parseInt(pt.text().split(" ", -1)[0]);
        if (rows > 1) {
          a.x.click(pt.r().x + 40, pt.r().y + rh + rh / 2, 1); // the day before
          shot(a, "usage-day-before");
        }
      }
      Optional<Item> span = find(a, "combo", t -> t.equals("Last 30 days"));
      if (span.isPresent()) {
        click(a, span.get());
        Thread.sleep(300);
        a.x.key("Down", "Return"); // the popup starts at "Last 30 days": the next is 90
        await(a, "combo", "Last 90 days");
        shot(a, "usage-90-days");
      }
      // the Usage tab's own interface chooser comes after the header's in the probe
      Item usageDevice = null;
      for (Item c : items(a)) {
        if (c.kind().equals("combo") && c.text().equals("All interfaces")) {
          usageDevice = c;
        }
      }
      if (usageDevice != null) {
        click(a, usageDevice);
        Thread.sleep(300);
        a.x.key("Down", "Return");
        shot(a, "usage-one-interface");
      }
    }
    click(a, await(a, "tab", "Live"));
    await(a, "tab*", "Live");
  }

  private static List<Item> safeItems(App a) {
    try {
      return items(a);
    } catch (Exception e) {
      return List.of();
    }
  }

  private static boolean hasText(List<Item> items, String part) {
    return items.stream().anyMatch(i -> i.text().contains(part));
  }

  private static boolean periodRows(List<Item> items, int atLeast) {
    return items.stream()
        .filter(i -> i.kind().equals("table"))
        .anyMatch(i -> Integer.parseInt(i.text().split(" ", -1)[0]) >= atLeast);
  }

  private static void closeWindow(App a) throws Exception {
    xdo(a, "key", "ctrl+w");
  }

  // ---------------------------------------------------------------- the tray

  private static List<Rectangle> menu(XSession x) throws Exception {
    for (int i = 0; i < 30; i++) {
      List<Rectangle> p = new ArrayList<>();
      for (Rectangle r : x.popups()) {
        if (r.height > 100) {
          p.add(r);
        }
      }
      if (!p.isEmpty()) {
        return p;
      }
      Thread.sleep(200);
    }
    return List.of();
  }

  /** Opens the tray menu and chooses an item with the keyboard. */
  private void tray(App a, Rectangle icon, String what, String... keys) throws Exception {
    for (int attempt = 0; attempt < 3; attempt++) {
      if (menu(a.x).isEmpty()) {
        a.x.click(icon.x + icon.width / 2, icon.y + icon.height / 2, 1);
        menu(a.x);
      }
      Thread.sleep(400);
      if (!menu(a.x).isEmpty()) {
        break;
      }
    }
    assertFalse(menu(a.x).isEmpty(), a.name + ": the tray menu did not open");
    // the item highlighted in the open menu, then chosen
    a.x.key(java.util.Arrays.copyOf(keys, keys.length - 1));
    shot(a, "tray-" + what);
    a.x.key(keys[keys.length - 1]);
    Thread.sleep(300);
  }

  private void walkTray(App a, Rectangle icon, boolean programs) throws Exception {
    // a program's submenu (demo: the first program line is the second enabled item)
    if (programs) {
      tray(a, icon, "menu", "Down");
      a.x.key("Down", "Right");
      shot(a, "tray-program-submenu");
      a.x.key("Escape", "Escape", "Escape");
      Thread.sleep(300);
    }
    // from the bottom: Quit, About, Share, Start at login, Units, Pause, Interfaces
    tray(a, icon, "interfaces", "Up", "Up", "Up", "Up", "Up", "Up", "Up", "Right");
    a.x.key("Return"); // the first interface entry: "All"
    tray(a, icon, "units-bits", "Up", "Up", "Up", "Up", "Up", "Right", "Down", "Return");
    tray(a, icon, "units-bytes", "Up", "Up", "Up", "Up", "Up", "Right", "Return");
    tray(a, icon, "pause", "Up", "Up", "Up", "Up", "Up", "Up", "Return");
    tray(a, icon, "unpause", "Up", "Up", "Up", "Up", "Up", "Up", "Return");
    tray(a, icon, "autostart-on", "Up", "Up", "Up", "Up", "Return");
    assertTrue(
        Files.exists(a.x.dir().resolve("config").resolve("autostart").resolve("hogwatch.desktop")),
        "Start at login wrote the autostart entry");
    tray(a, icon, "autostart-off", "Up", "Up", "Up", "Up", "Return");
    tray(a, icon, "share-on", "Up", "Up", "Up", "Return");
    tray(a, icon, "share-off", "Up", "Up", "Up", "Return");
    tray(a, icon, "about", "Up", "Up", "Return");
    Item about = await(a, "the About dialog", i -> i.kind().equals("dialog"));
    shot(a, "about-dialog");
    a.x.click(about.cx(), about.cy(), 1);
    a.x.key("Return");
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (find(a, "dialog", t -> true).isPresent() && System.nanoTime() < end) {
      Thread.sleep(200);
    }
  }

  private void quit(App a, Rectangle icon) throws Exception {
    for (int attempt = 0; attempt < 3; attempt++) {
      if (menu(a.x).isEmpty()) {
        a.x.click(icon.x + icon.width / 2, icon.y + icon.height / 2, 1);
        menu(a.x);
      }
      Thread.sleep(300);
      a.x.key("Up", "Return");
      if (a.process.waitFor(10, TimeUnit.SECONDS)) {
        noCrash(a);
        return;
      }
    }
    throw new AssertionError("Quit did not end hogwatch:\n" + a.x.log(a.log));
  }

  // ---------------------------------------------------------------- the three states

  @Test
  void demoWithoutHistory() throws Exception {
    try (XSession x = XSession.start(XSession.Panel.LIGHT);
        App tray = start(x, "demo-tray", List.of("--demo"))) {
      Rectangle icon =
          x.waitForTrayIcon(30_000)
              .orElseThrow(() -> new AssertionError("no icon:\n" + x.log(tray.log)));
      Thread.sleep(3000); // a few demo seconds: programs in the menu
      tray(tray, icon, "open-graphs", "Down", "Return"); // "Open graphs…" is the first item
      await(tray, "window", "Hogwatch");
      walkWindow(
          tray,
          true,
          items -> hasText(items, "History is off in demo mode"),
          "the words saying history is off");
      closeWindow(tray);
      walkTray(tray, icon, true); // with the window closed: the tray alone
      tray(tray, icon, "open-graphs-again", "Down", "Return");
      await(tray, "window", "Hogwatch");
      shot(tray, "window-again");
      closeWindow(tray);
      quit(tray, icon);
      assertEquals(0, tray.process.exitValue());
    }
    try (XSession x = XSession.start(XSession.Panel.NONE);
        App window = start(x, "demo-window", List.of("window", "--demo"))) {
      await(window, "window", "Hogwatch");
      walkWindow(
          window,
          true,
          items -> hasText(items, "History is off in demo mode"),
          "the words saying history is off");
      closeWindow(window);
      assertTrue(window.process.waitFor(20, TimeUnit.SECONDS), "closing the window quits");
      noCrash(window);
    }
  }

  @Test
  void liveWithoutCapturePermissionAndAnEmptyDataDir() throws Exception {
    try (XSession x = XSession.start(XSession.Panel.DARK)) {
      // the real nethogs, without capabilities: the ordinary user may not capture
      try (App tray = start(x, "live-tray", List.of("--nethogs", "/usr/sbin/nethogs"))) {
        Rectangle icon =
            x.waitForTrayIcon(30_000)
                .orElseThrow(() -> new AssertionError("no icon:\n" + x.log(tray.log)));
        Thread.sleep(2000);
        tray(tray, icon, "menu", "Down", "Return"); // Open graphs…
        await(tray, "window", "Hogwatch");
        walkWindow(
            tray,
            false,
            items -> hasText(items, "Nothing recorded yet") || periodRows(items, 1),
            "the empty-history words or today's interface totals");
        closeWindow(tray);
        walkTray(tray, icon, false);
        quit(tray, icon);
      }
      try (App window =
          start(x, "live-window", List.of("window", "--nethogs", "/usr/sbin/nethogs"))) {
        await(window, "window", "Hogwatch");
        walkWindow(
            window,
            false,
            items -> hasText(items, "Nothing recorded yet") || periodRows(items, 1),
            "the empty-history words or today's interface totals");
        closeWindow(window);
        assertTrue(window.process.waitFor(20, TimeUnit.SECONDS), "closing the window quits");
        noCrash(window);
      }
    }
  }

  @Test
  void aDataDirHoldingAYear() throws Exception {
    try (XSession x = XSession.start(XSession.Panel.NONE)) {
      Path year = x.dir().resolve("year");
      Files.createDirectories(year);
      YearOfHistory.write(year, ZoneId.systemDefault(), Instant.now());
      x.output("chown", "-R", x.user() + ":", year.toString());
      x.output("chmod", "-R", "go-rwx", year.toString());
      try (App window =
          start(
              x,
              "year-window",
              List.of("window", "--nethogs", "/usr/sbin/nethogs", "--data-dir", year.toString()))) {
        await(window, "window", "Hogwatch");
        walkWindow(window, false, items -> periodRows(items, 30), "30 days of the year");
        click(window, await(window, "tab", "Usage"));
        click(window, await(window, "button", "Months"));
        await(window, "12 months", i -> i.kind().equals("table") && i.text().startsWith("12 "));
        shot(window, "usage-12-months");
        closeWindow(window);
        assertTrue(window.process.waitFor(20, TimeUnit.SECONDS), "closing the window quits");
        noCrash(window);
      }
    }
  }
}
