package dev.hogwatch.ui.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hogwatch.testing.XSession;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real tray as a user sees it: {@code java -jar hogwatch.jar} started as an ordinary user in a
 * private Xvfb session with trayer as the tray host.
 */
class TrayIT {
  private Path jar;

  @BeforeEach
  void needs() {
    assumeTrue(XSession.unavailable(true).isEmpty(), () -> XSession.unavailable(true).get());
    String p = System.getProperty("hogwatch.jar", "");
    assumeTrue(!p.isEmpty() && Files.isRegularFile(Path.of(p)), "hogwatch.jar not built");
    jar = Path.of(p);
  }

  /** The JVM options the packaged launcher uses: installer/common/jvm.options. */
  static final List<String> LAUNCHER_OPTIONS = launcherOptions();

  private static List<String> launcherOptions() {
    try {
      List<String> out = new ArrayList<>();
      for (String l : Files.readAllLines(Path.of("installer", "common", "jvm.options"))) {
        if (!l.isBlank() && !l.startsWith("#")) {
          out.add(l.trim());
        }
      }
      out.add("-Xshare:auto");
      return List.copyOf(out);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private Process start(XSession x, Path log, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(LAUNCHER_OPTIONS);
    cmd.addAll(List.of(args));
    return x.runAsUser(log, cmd.toArray(String[]::new));
  }

  private static int[] pixels(BufferedImage shot, Rectangle r) {
    return shot.getRGB(r.x, r.y, r.width, r.height, null, 0, r.width);
  }

  @Test
  void demoIconChangesMenuMatchesSnapshotAndQuitEnds() throws Exception {
    try (XSession x = XSession.start(XSession.Panel.LIGHT, true)) {
      Path userJar = x.userCopy(jar);
      Path data = x.dir().resolve("data"); // owned by the test user once runAsUser ran
      Process app =
          start(
              x,
              x.dir().resolve("app.log"),
              "-Xlog:class+load=info:file=" + data.resolve("classes.log"),
              "-jar",
              userJar.toString(),
              "--demo");
      Optional<Rectangle> icon = x.waitForTrayIcon(20_000);
      assertTrue(icon.isPresent(), () -> "no tray icon; log:\n" + x.log("app.log"));
      Rectangle r = icon.get();
      assertTrue(r.width >= 16 && r.height >= 16, r.toString());

      // the window is docked before its first picture is drawn: wait (10 s at most) for one
      for (int i = 0; i < 50; i++) {
        if (distinctColours(pixels(x.screenshot(x.dir().resolve("first.png")), r)) >= 3) {
          break;
        }
        Thread.sleep(200);
      }
      // the icon shows the demo's changing rates: its pixels change from second to second
      Set<Integer> pictures = new HashSet<>();
      for (int i = 0; i < 6 && pictures.size() < 3; i++) {
        BufferedImage shot = x.screenshot(x.dir().resolve("icon" + i + ".png"));
        int[] px = pixels(shot, r);
        assertTrue(distinctColours(px) >= 3, "icon is blank");
        pictures.add(Arrays.hashCode(px));
        Thread.sleep(1100);
      }
      assertTrue(pictures.size() >= 2, "icon never changed: " + pictures.size());

      // a click opens the native menu: a popup window appears below the icon, and what it shows
      // is read as a screen reader reads it. The demo replays a recorded capture in which root's
      // /usr/bin/python3 (pid 9821) moves data first (src/main/resources/demo/j_long_60s_v2.txt)
      x.click(r.x + r.width / 2, r.y + r.height / 2, 1);
      List<Rectangle> popups = waitForPopup(x);
      assertFalse(popups.isEmpty(), "no menu opened");
      x.screenshot(x.dir().resolve("menu.png"));
      List<XSession.MenuItem> menu = waitForNativeMenu(x, m -> topLevel(m).size() >= 8);
      List<String> top = topLevel(menu).stream().map(XSession.MenuItem::name).toList();
      assertEquals("Open graphs…", top.get(0), top.toString());
      assertTrue(top.get(1).matches("↓ .+/s   ↑ .+/s  ·  demo  ·  updated every 5 s"), top.get(1));
      assertTrue(top.stream().anyMatch(l -> l.startsWith("python3   ↓ ")), top.toString());
      List<String> python = submenu(menu, "python3   ↓ ");
      assertTrue(python.contains("command /usr/bin/python3"), python.toString());
      assertTrue(python.contains("user root (0)"), python.toString());
      // the application's submenu lists its processes, each line a pid and its bytes
      assertTrue(
          python.stream().anyMatch(l -> l.startsWith("python3 (pid 9821)   ↓ ")),
          python.toString());
      assertEquals("Show in graphs", python.get(python.size() - 1), python.toString());
      XSession.MenuItem share =
          topLevel(menu).stream()
              .filter(i -> i.name().equals("Share on localhost:6432"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no share item: " + top));
      assertEquals("check menu item", share.role());
      assertFalse(share.checked(), "sharing is off at start");
      assertEquals("Quit", top.get(top.size() - 1));

      // tray mode loaded neither the window's look and feel nor the chart library
      String classes = Files.readString(data.resolve("classes.log"));
      assertTrue(classes.contains("dorkbox.systemTray"), "class log works");
      assertFalse(classes.contains("com.formdev.flatlaf"), "FlatLaf loaded in tray mode");
      assertFalse(classes.contains("org.knowm.xchart"), "XChart loaded in tray mode");

      quit(x, r, app);
      assertEquals(0, app.exitValue(), () -> x.log("app.log"));
      assertTrue(x.trayIcons().isEmpty(), "icon left behind");
    }
  }

  @Test
  void sharingChosenInTheNativeMenuServesThePageAndShowsChecked() throws Exception {
    assumeTrue(
        dev.hogwatch.testing.NetnsLab.unavailable().isEmpty(),
        () -> dev.hogwatch.testing.NetnsLab.unavailable().get());
    // in a network namespace of its own: localhost:6432 there belongs to this test alone
    try (dev.hogwatch.testing.NetnsLab lab = dev.hogwatch.testing.NetnsLab.create();
        XSession x = XSession.start(XSession.Panel.LIGHT, true)) {
      Path userJar = x.userCopy(jar);
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.addAll(LAUNCHER_OPTIONS);
      cmd.addAll(List.of("-jar", userJar.toString(), "--demo"));
      Process app =
          x.runAsUserIn(
              lab.nsA(),
              x.dir().resolve("app.log"),
              java.util.Map.of(),
              cmd.toArray(String[]::new));
      Rectangle r =
          x.waitForTrayIcon(20_000)
              .orElseThrow(() -> new AssertionError("no icon:\n" + x.log("app.log")));
      String probe =
          """
          import urllib.request
          print(urllib.request.urlopen('http://127.0.0.1:6432/', timeout=3).status)
          """;
      boolean served = false;
      for (int attempt = 0; attempt < 3 && !served; attempt++) {
        if (waitForPopup(x).isEmpty()) {
          x.click(r.x + r.width / 2, r.y + r.height / 2, 1);
          assertFalse(waitForPopup(x).isEmpty(), "no menu opened");
        }
        waitForNativeMenu(x, m -> topLevel(m).size() >= 8);
        Thread.sleep(300);
        x.key("Up", "Up", "Up", "Return"); // from the top, Up wraps to Quit, then About, Share
        for (int i = 0; i < 25 && !served; i++) {
          Thread.sleep(200);
          try {
            served = lab.run(lab.nsA(), 10, "/usr/bin/python3", "-c", probe).strip().equals("200");
          } catch (RuntimeException | AssertionError notYet) {
            // not listening (yet)
          }
        }
      }
      assertTrue(served, "localhost:6432 never answered:\n" + x.log("app.log"));
      // the menu, opened again, shows sharing on
      x.click(r.x + r.width / 2, r.y + r.height / 2, 1);
      assertFalse(waitForPopup(x).isEmpty(), "no menu opened");
      List<XSession.MenuItem> menu =
          waitForNativeMenu(
              x,
              m ->
                  topLevel(m).stream()
                      .anyMatch(i -> i.name().equals("Share on localhost:6432") && i.checked()));
      assertTrue(!menu.isEmpty());
      x.screenshot(x.dir().resolve("shared.png"));
      quit(x, r, app);
      assertEquals(0, app.exitValue(), () -> x.log("app.log"));
    }
  }

  @Test
  void quitStopsTheLiveNethogs() throws Exception {
    try (XSession x = XSession.start(XSession.Panel.DARK)) {
      Path userJar = x.userCopy(jar);
      // a copy of nethogs with the capabilities the README recommends, as the grant would do
      Path nethogs = x.userCopy(Path.of("/usr/sbin/nethogs"));
      Process setcap =
          new ProcessBuilder(
                  "setcap",
                  "cap_net_admin,cap_net_raw,cap_dac_read_search,cap_sys_ptrace+ep",
                  nethogs.toString())
              .inheritIO()
              .start();
      assumeTrue(setcap.waitFor() == 0, "setcap not supported on this file system");
      Process app =
          start(
              x,
              x.dir().resolve("app.log"),
              "-jar",
              userJar.toString(),
              "--nethogs",
              nethogs.toString(),
              "--devices",
              "lo");
      Rectangle r =
          x.waitForTrayIcon(20_000)
              .orElseThrow(() -> new AssertionError("no icon:\n" + x.log("app.log")));
      ProcessHandle child = waitForNethogs(app, nethogs);
      x.screenshot(x.dir().resolve("dark.png"));
      x.click(r.x + r.width / 2, r.y + r.height / 2, 3);
      assertFalse(waitForPopup(x).isEmpty(), "no menu opened");
      quit(x, r, app);
      assertTrue(child.onExit().get(5, TimeUnit.SECONDS) != null);
      assertFalse(child.isAlive(), "nethogs outlived hogwatch");
    }
  }

  @Test
  void withoutATrayHostTheWindowOpensWithANotice() throws Exception {
    assumeTrue(XSession.unavailable(false).isEmpty(), () -> XSession.unavailable(false).get());
    try (XSession x = XSession.start(XSession.Panel.NONE)) {
      Path userJar = x.userCopy(jar);
      Process app = start(x, x.dir().resolve("app.log"), "-jar", userJar.toString(), "--demo");
      String windows = "";
      for (int i = 0; i < 100 && windows.isBlank(); i++) {
        Thread.sleep(200);
        windows = x.output("xdotool", "search", "--onlyvisible", "--name", "Hogwatch");
      }
      assertFalse(windows.isBlank(), () -> "no window:\n" + x.log("app.log"));
      String log = x.log("app.log");
      assertTrue(
          log.contains("hogwatch: No tray to put the icon in (no notification area on "), log);
      assertEquals(1, log.lines().filter(l -> l.startsWith("hogwatch: ")).count(), log);
      assertTrue(x.trayIcons().isEmpty());
      app.descendants().forEach(ProcessHandle::destroy);
      app.destroy();
    }
  }

  /**
   * Chooses "Quit" with the keyboard (the last item: Up from the top wraps to it) in the open menu.
   * xdotool may type before GTK grabbed the keyboard, so it reopens the menu and tries again up to
   * three times.
   */
  private static void quit(XSession x, Rectangle icon, Process app) throws Exception {
    for (int attempt = 0; attempt < 3; attempt++) {
      if (waitForPopup(x).isEmpty()) {
        x.click(icon.x + icon.width / 2, icon.y + icon.height / 2, 1);
        waitForPopup(x);
      }
      Thread.sleep(300);
      x.key("Up", "Return");
      if (app.waitFor(10, TimeUnit.SECONDS)) {
        return;
      }
    }
    throw new AssertionError("Quit did not end hogwatch:\n" + x.log("app.log"));
  }

  static ProcessHandle waitForNethogs(Process app, Path nethogs) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < end) {
      Optional<ProcessHandle> n =
          app.descendants()
              .filter(h -> h.info().command().map(c -> c.equals(nethogs.toString())).orElse(false))
              .findFirst();
      if (n.isPresent()) {
        return n.get();
      }
      Thread.sleep(200);
    }
    throw new AssertionError("nethogs was not started");
  }

  static List<Rectangle> waitForPopup(XSession x) throws Exception {
    return waitForPopup(x, 30);
  }

  /** Open menus (mapped override-redirect windows over 100 px high), trying {@code tries} times. */
  static List<Rectangle> waitForPopup(XSession x, int tries) throws Exception {
    for (int i = 0; i < tries; i++) {
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

  /** Reads the open native menu until {@code ready} holds (GTK announces it with a delay). */
  static List<XSession.MenuItem> waitForNativeMenu(
      XSession x, java.util.function.Predicate<List<XSession.MenuItem>> ready) throws Exception {
    List<XSession.MenuItem> m = List.of();
    for (int i = 0; i < 40; i++) {
      m = x.nativeMenu();
      if (ready.test(m)) {
        return m;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("the native menu never showed what was expected: " + m);
  }

  /** The items of the tray's menu itself (not of its submenus). */
  static List<XSession.MenuItem> topLevel(List<XSession.MenuItem> menu) {
    for (int i = 0; i < menu.size(); i++) {
      XSession.MenuItem root = menu.get(i);
      if (root.role().equals("menu") && root.name().isEmpty()) {
        List<XSession.MenuItem> out = new ArrayList<>();
        for (int k = i + 1; k < menu.size() && menu.get(k).depth() > root.depth(); k++) {
          if (menu.get(k).depth() == root.depth() + 1) {
            out.add(menu.get(k));
          }
        }
        return out;
      }
    }
    return List.of();
  }

  /** The item names of the submenu whose label starts with {@code prefix}. */
  static List<String> submenu(List<XSession.MenuItem> menu, String prefix) {
    for (int i = 0; i < menu.size(); i++) {
      XSession.MenuItem m = menu.get(i);
      if (m.role().equals("menu") && m.name().startsWith(prefix)) {
        List<String> out = new ArrayList<>();
        for (int k = i + 1; k < menu.size() && menu.get(k).depth() > m.depth(); k++) {
          out.add(menu.get(k).name());
        }
        return out;
      }
    }
    throw new AssertionError("no submenu " + prefix + " in " + menu);
  }

  private static int distinctColours(int[] px) {
    Set<Integer> c = new HashSet<>();
    for (int p : px) {
      c.add(p);
    }
    return c.size();
  }
}
