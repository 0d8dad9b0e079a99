package dev.hogwatch.ui.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hogwatch.testing.XSession;
import dev.hogwatch.testing.XfcePanel;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tray icon in a real XFCE panel, as a StatusNotifier item (what GNOME's AppIndicator extension
 * and KDE Plasma show) and as an XEMBED icon: the StatusNotifier host must draw our picture of its
 * own slot size pixel for pixel, as sharp as the XEMBED one; the menu opens on both paths; "Show
 * rates as text" hands the host a label that follows the rates (GNOME's extension draws it).
 *
 * <p>Pictures are kept in {@code target/tray-sni/} for people to look at (real size and 8×).
 */
class TrayStatusNotifierIT {
  private static final Path OUT = Path.of("target", "tray-sni");
  private Path jar;

  @BeforeEach
  void needs() throws IOException {
    for (XfcePanel.Plugin p : XfcePanel.Plugin.values()) {
      Optional<String> why = XfcePanel.unavailable(p);
      assumeTrue(why.isEmpty(), () -> why.get());
    }
    String p = System.getProperty("hogwatch.jar", "");
    assumeTrue(!p.isEmpty() && Files.isRegularFile(Path.of(p)), "hogwatch.jar not built");
    jar = Path.of(p);
    Files.createDirectories(OUT);
  }

  /** One run of the app in a panel: where it put its icon and what it looks like there. */
  private record Seen(Rectangle icon, BufferedImage crop, String iconName, Path themePath) {}

  private Process start(XSession x, XfcePanel panel, String log, String... jvmArgs)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(TrayIT.LAUNCHER_OPTIONS);
    cmd.addAll(List.of(jvmArgs));
    cmd.add("-Dhogwatch.tray.dump=" + x.dir().resolve("data").resolve(log + ".dump"));
    cmd.addAll(List.of("-jar", x.userCopy(jar).toString(), "--demo"));
    return x.runAsUser(x.dir().resolve(log + ".log"), panel.env(), cmd.toArray(String[]::new));
  }

  private static Map<String, String> dump(XSession x, String log) throws IOException {
    Path f = x.dir().resolve("data").resolve(log + ".dump");
    java.util.LinkedHashMap<String, String> m = new java.util.LinkedHashMap<>();
    if (Files.exists(f)) {
      for (String l : Files.readAllLines(f, StandardCharsets.UTF_8)) {
        int t = l.indexOf('\t');
        if (t > 0) {
          m.put(l.substring(0, t), l.substring(t + 1));
        }
      }
    }
    return m;
  }

  private static Map<String, String> waitForDump(XSession x, String log, String key)
      throws Exception {
    for (int i = 0; i < 100; i++) {
      Map<String, String> d = dump(x, log);
      if (d.containsKey(key)) {
        return d;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no tray dump with " + key + ":\n" + x.log(log + ".log"));
  }

  /**
   * Waits for the one StatusNotifier item and returns a screenshot crop of it that equals one of
   * our own {@code size} px files (the demo changes the numbers every second; a panel that has just
   * started may take a few seconds to settle on its slot size). Fails after 20 s.
   */
  private static Seen seeStatusNotifier(XSession x, XfcePanel panel, String name, int size)
      throws Exception {
    List<String> items = List.of();
    for (int i = 0; i < 100 && items.isEmpty(); i++) {
      items = panel.items();
      Thread.sleep(200);
    }
    List<String> found = items;
    assertEquals(1, items.size(), () -> "StatusNotifier items: " + found);
    String item = items.get(0);
    assertTrue(panel.waitForIcon(20_000).isPresent(), "no icon in the panel");
    long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
    String last = "the icon never held still";
    while (System.nanoTime() < end) {
      BufferedImage shot = x.screenshot(x.dir().resolve(name + ".png"));
      String iconName = panel.itemProperty(item, "IconName");
      Optional<Rectangle> now = panel.content(shot);
      // the demo starts from nothing: wait for real numbers, they have more pixels to compare
      boolean idle =
          panel.itemProperty(item, "IconAccessibleDesc").endsWith(": 0/s received, 0/s sent");
      if (!iconName.isEmpty() && now.isPresent() && !idle) {
        Rectangle c = now.get();
        Seen seen =
            new Seen(
                c,
                shot.getSubimage(c.x, c.y, c.width, c.height),
                iconName,
                Path.of(panel.itemProperty(item, "IconThemePath")));
        Optional<String> mismatch = pixelForPixel(seen, size);
        if (mismatch.isEmpty()) {
          return seen;
        }
        last = mismatch.get();
      }
      Thread.sleep(200);
    }
    throw new AssertionError(last);
  }

  @Test
  void statusNotifierIconIsDrawnPixelForPixelAndAsSharpAsXembed() throws Exception {
    // XEMBED, forced: Dorkbox's GTK tray; the panel shows the middle 22 px of its 24 px picture
    BufferedImage xembed;
    try (XSession x = XSession.start(XSession.Panel.NONE)) {
      XfcePanel panel = XfcePanel.start(x, XfcePanel.Plugin.STATUS_TRAY, 22);
      Process app = start(x, panel, "xembed", "-Dhogwatch.tray.type=Gtk");
      Map<String, String> d = waitForDump(x, "xembed", "trayKind");
      assertEquals("Gtk", d.get("trayKind"), d::toString);
      assertTrue(panel.items().isEmpty(), "an XEMBED icon is no StatusNotifier item");
      Rectangle r = panel.waitForIcon(20_000).orElseThrow(() -> new AssertionError("no icon"));
      // the demo starts from nothing: wait until the numbers move (more pixels to judge)
      BufferedImage first = x.screenshot(x.dir().resolve("xembed.png"));
      first = first.getSubimage(r.x, r.y, r.width, r.height);
      xembed = first;
      for (int i = 0; i < 40 && sameImage(first, xembed); i++) {
        Thread.sleep(250);
        BufferedImage shot = x.screenshot(x.dir().resolve("xembed.png"));
        xembed = shot.getSubimage(r.x, r.y, r.width, r.height);
      }
      save(xembed, "xembed-22");
      assertEquals(22, r.width, r::toString);
      assertEquals(22, r.height, r::toString);
      assertMenuOpens(x, r, "xembed-menu");
      assertNoErrors(x, "xembed");
      assertEquals(
          "ok    tray      icon as an XEMBED tray icon, forced with -Dhogwatch.tray.type=Gtk",
          doctorTrayLine(x, panel, "-Dhogwatch.tray.type=Gtk"));
      app.destroy();
    }

    // automatic choice: the panel runs a StatusNotifierWatcher, so the icon is an SNI item
    try (XSession x = XSession.start(XSession.Panel.NONE)) {
      XfcePanel panel = XfcePanel.start(x, XfcePanel.Plugin.STATUS_TRAY, 22);
      Process app = start(x, panel, "sni");
      Map<String, String> d = waitForDump(x, "sni", "iconName");
      assertEquals("STATUS_NOTIFIER", d.get("trayKind"), d::toString);
      Seen seen = seeStatusNotifier(x, panel, "sni", 22);
      save(seen.crop(), "sni-22");
      assertEquals(new Rectangle(seen.icon().x, seen.icon().y, 22, 22), seen.icon());
      int sni = colours(seen.crop());
      int xe = colours(xembed);
      // the same few colours as the XEMBED picture, plus the panel's own in the cut corners;
      // a rescaled picture had 114 here
      assertTrue(sni <= xe + 1 && sni <= 6, "SNI " + sni + " colours, XEMBED " + xe);
      assertMenuOpens(x, seen.icon(), "sni-menu");
      assertNoErrors(x, "sni");
      assertEquals(
          "ok    tray      icon as a StatusNotifier item, because a StatusNotifierWatcher is on the"
              + " session bus (an XEMBED tray is there too)",
          doctorTrayLine(x, panel));
      // files only for the current name and the one before it
      long files;
      try (var all = Files.list(seen.themePath().resolve("hicolor/22x22/apps"))) {
        files = all.count();
      }
      assertTrue(files <= IconThemeDir.KEPT, files + " icon files left");
      app.destroy();
    }
  }

  @Test
  void sixteenPixelSlotGetsTheOneDirectionLayoutAndTextModePublishesALabel() throws Exception {
    try (XSession x = XSession.start(XSession.Panel.NONE)) {
      XfcePanel panel = XfcePanel.start(x, XfcePanel.Plugin.SNTRAY, 16);
      Process app = start(x, panel, "sni16");
      waitForDump(x, "sni16", "iconName");
      Seen seen = seeStatusNotifier(x, panel, "sni16", 16);
      save(seen.crop(), "sni-16");
      assertEquals(16, seen.icon().width, seen.icon()::toString);
      assertEquals(16, seen.icon().height, seen.icon()::toString);
      assertTrue(colours(seen.crop()) <= 5, colours(seen.crop()) + " colours");
      assertNoErrors(x, "sni16");
      app.destroy();
      app.waitFor();

      // "Show rates as text" on (as the menu item leaves it in the preferences file)
      Path prefs = x.dir().resolve("config/hogwatch/ui.properties");
      Files.createDirectories(prefs.getParent());
      Files.writeString(prefs, "trayRatesAsText=true\n");
      x.output("chown", "-R", x.user() + ":", x.dir().resolve("config").toString());
      Process text = start(x, panel, "label");
      Map<String, String> d = waitForDump(x, "label", "label");
      for (int i = 0; i < 50 && !d.get("label").startsWith("↓"); i++) {
        Thread.sleep(200);
        d = dump(x, "label");
      }
      assertTrue(d.get("label").matches("↓\\S+ ↑\\S+"), d::toString);
      List<String> items = List.of();
      for (int i = 0; i < 100 && items.size() != 1; i++) {
        items = panel.items();
        Thread.sleep(200);
      }
      String label = panel.itemProperty(items.get(0), "XAyatanaLabel");
      assertTrue(label.matches("↓\\S+ ↑\\S+"), label);
      assertTrue(panel.itemProperty(items.get(0), "IconName").endsWith("-arrows"));
      // the label follows the rates (the demo's change every second)
      String later = label;
      for (int i = 0; i < 40 && later.equals(label); i++) {
        Thread.sleep(250);
        later = panel.itemProperty(items.get(0), "XAyatanaLabel");
      }
      assertFalse(later.equals(label), "label never changed from " + label);
      // this host (Vala Panel's plugin) loses track of an item that libappindicator registers
      // again at every menu change, so it is no judge of labels on screen; GNOME's AppIndicator
      // extension draws XAyatanaLabel. What the panel shows: the fixed picture with both arrows.
      Rectangle shown = panel.content(x.screenshot(x.dir().resolve("label.png"))).orElseThrow();
      BufferedImage shot = x.screenshot(x.dir().resolve("label.png"));
      save(shot.getSubimage(shown.x, shown.y, shown.width, shown.height), "sni-16-text-mode");
      assertMenuLists(x, "label", "[x] " + TrayMenu.RATES_AS_TEXT);
      assertNoErrors(x, "label");
      text.destroy();
    }
  }

  /** The line {@code hogwatch doctor} prints about the tray, run in the panel's session. */
  private String doctorTrayLine(XSession x, XfcePanel panel, String... jvmArgs) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of(jvmArgs));
    cmd.addAll(List.of("-jar", x.dir().resolve(jar.getFileName()).toString(), "doctor"));
    Process p = x.runAsUser(x.dir().resolve("doctor.log"), panel.env(), cmd.toArray(String[]::new));
    assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "doctor hangs");
    return x.log("doctor.log")
        .lines()
        .filter(l -> l.contains(" tray "))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no tray line:\n" + x.log("doctor.log")));
  }

  /**
   * Empty when the crop equals our own file for that size of the item's current icon name wherever
   * the file is opaque: drawn as written, not rescaled; else what differs.
   */
  private static Optional<String> pixelForPixel(Seen seen, int size) throws IOException {
    if (seen.crop().getWidth() != size || seen.crop().getHeight() != size) {
      return Optional.of("the panel shows " + seen.icon() + ", not " + size + " px");
    }
    Path dir = seen.themePath().resolve("hicolor").resolve(size + "x" + size + "/apps");
    List<String> mismatches = new ArrayList<>();
    for (Path file : List.of(dir.resolve(seen.iconName() + ".png"))) {
      BufferedImage mine;
      try {
        mine = ImageIO.read(file.toFile());
      } catch (IOException e) { // replaced meanwhile
        continue;
      }
      if (mine == null || mine.getWidth() != size) {
        continue;
      }
      int compared = 0;
      String mismatch = null;
      for (int y = 0; y < size && mismatch == null; y++) {
        for (int x = 0; x < size && mismatch == null; x++) {
          int m = mine.getRGB(x, y);
          if ((m >>> 24) == 0xff) {
            int shown = seen.crop().getRGB(x, y);
            if ((m & 0xffffff) != (shown & 0xffffff)) {
              mismatch =
                  file.getFileName()
                      + ": pixel "
                      + x
                      + ","
                      + y
                      + " is "
                      + Integer.toHexString(shown & 0xffffff)
                      + ", file has "
                      + Integer.toHexString(m & 0xffffff);
            }
            compared++;
          }
        }
      }
      if (mismatch == null && compared > size * size / 2) {
        return Optional.empty();
      }
      mismatches.add(mismatch == null ? file.getFileName() + ": mostly transparent" : mismatch);
    }
    return Optional.of("the panel shows none of our " + size + " px files: " + mismatches);
  }

  private static void assertMenuLists(XSession x, String log, String line) throws IOException {
    String dump = Files.readString(x.dir().resolve("data").resolve(log + ".dump"));
    int actual = dump.indexOf("\nactual\n");
    assertTrue(actual > 0 && dump.substring(actual).contains("\n" + line + "\n"), dump);
    assertEquals(
        dump.substring(dump.indexOf("\nexpected\n") + 10, actual + 1),
        dump.substring(actual + 8),
        "menu as built from the snapshot");
  }

  private static void assertMenuOpens(XSession x, Rectangle icon, String name) throws Exception {
    x.click(icon.x + icon.width / 2, icon.y + icon.height / 2, 1);
    Rectangle menu = null;
    for (int i = 0; i < 40 && menu == null; i++) {
      for (Rectangle r : x.popups()) {
        if (r.height > 100) {
          menu = r;
        }
      }
      Thread.sleep(200);
    }
    assertTrue(menu != null, name + ": no menu opened");
    BufferedImage shot = x.screenshot(x.dir().resolve(name + ".png"));
    Rectangle both = menu.union(icon).intersection(new Rectangle(0, 0, 1024, 600));
    save(shot.getSubimage(both.x, both.y, both.width, both.height), name);
    x.key("Escape");
  }

  private static void assertNoErrors(XSession x, String log) {
    String text = x.log(log + ".log");
    assertFalse(
        text.contains("Exception") || text.contains("CRITICAL") || text.contains("SEVERE"), text);
  }

  private static boolean sameImage(BufferedImage a, BufferedImage b) {
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        if (a.getRGB(x, y) != b.getRGB(x, y)) {
          return false;
        }
      }
    }
    return true;
  }

  private static int colours(BufferedImage img) {
    Set<Integer> c = new HashSet<>();
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        c.add(img.getRGB(x, y) & 0xffffff);
      }
    }
    return c.size();
  }

  /** Saves {@code img} at real size and 8× with square pixels. */
  private static void save(BufferedImage img, String name) throws IOException {
    ImageIO.write(img, "png", OUT.resolve(name + ".png").toFile());
    BufferedImage big =
        new BufferedImage(img.getWidth() * 8, img.getHeight() * 8, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < big.getHeight(); y++) {
      for (int x = 0; x < big.getWidth(); x++) {
        big.setRGB(x, y, img.getRGB(x / 8, y / 8));
      }
    }
    ImageIO.write(big, "png", OUT.resolve(name + "-8x.png").toFile());
  }
}
