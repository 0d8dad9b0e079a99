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
   * Waits for the one StatusNotifier item and returns a screenshot crop of it taken while its icon
   * name held still (the demo changes the numbers every second).
   */
  private static Seen seeStatusNotifier(XSession x, XfcePanel panel, String name) throws Exception {
    List<String> items = List.of();
    for (int i = 0; i < 100 && items.isEmpty(); i++) {
      items = panel.items();
      Thread.sleep(200);
    }
    List<String> found = items;
    assertEquals(1, items.size(), () -> "StatusNotifier items: " + found);
    String item = items.get(0);
    assertTrue(panel.waitForIcon(20_000).isPresent(), "no icon in the panel");
    for (int attempt = 0; attempt < 20; attempt++) {
      String before = panel.itemProperty(item, "IconName");
      BufferedImage shot = x.screenshot(x.dir().resolve(name + ".png"));
      String after = panel.itemProperty(item, "IconName");
      Optional<Rectangle> now = panel.content(shot);
      if (before.equals(after) && !before.isEmpty() && now.isPresent()) {
        Thread.sleep(300); // the panel may still have been drawing the name it had just got
        BufferedImage again = x.screenshot(x.dir().resolve(name + ".png"));
        if (after.equals(panel.itemProperty(item, "IconName"))) {
          Rectangle c = panel.content(again).orElseThrow();
          return new Seen(
              c,
              again.getSubimage(c.x, c.y, c.width, c.height),
              after,
              Path.of(panel.itemProperty(item, "IconThemePath")));
        }
      }
      Thread.sleep(150);
    }
    throw new AssertionError("the icon never held still");
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
      BufferedImage shot = x.screenshot(x.dir().resolve("xembed.png"));
      xembed = shot.getSubimage(r.x, r.y, r.width, r.height);
      save(xembed, "xembed-22");
      assertEquals(22, r.width, r::toString);
      assertEquals(22, r.height, r::toString);
      assertMenuOpens(x, r, "xembed-menu");
      assertNoErrors(x, "xembed");
      app.destroy();
    }

    // automatic choice: the panel runs a StatusNotifierWatcher, so the icon is an SNI item
    try (XSession x = XSession.start(XSession.Panel.NONE)) {
      XfcePanel panel = XfcePanel.start(x, XfcePanel.Plugin.STATUS_TRAY, 22);
      Process app = start(x, panel, "sni");
      Map<String, String> d = waitForDump(x, "sni", "iconName");
      assertEquals("STATUS_NOTIFIER", d.get("trayKind"), d::toString);
      Seen seen = seeStatusNotifier(x, panel, "sni");
      save(seen.crop(), "sni-22");
      assertEquals(new Rectangle(seen.icon().x, seen.icon().y, 22, 22), seen.icon());
      assertPixelForPixel(seen, 22);
      int sni = colours(seen.crop());
      int xe = colours(xembed);
      // the same few colours as the XEMBED picture, plus the panel's own in the cut corners;
      // a rescaled picture had 114 here
      assertTrue(sni <= xe + 1 && sni <= 6, "SNI " + sni + " colours, XEMBED " + xe);
      assertMenuOpens(x, seen.icon(), "sni-menu");
      assertNoErrors(x, "sni");
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
      Seen seen = seeStatusNotifier(x, panel, "sni16");
      save(seen.crop(), "sni-16");
      assertEquals(16, seen.icon().width, seen.icon()::toString);
      assertEquals(16, seen.icon().height, seen.icon()::toString);
      assertPixelForPixel(seen, 16);
      assertTrue(colours(seen.crop()) <= 5, colours(seen.crop()) + " colours");
      assertNoErrors(x, "sni16");
      app.destroy();
      app.waitFor();

      // "Show rates as text" on (as the menu item leaves it in the preferences file)
      Path prefs = x.dir().resolve("config/hogwatch/ui.properties");
      Files.createDirectories(prefs.getParent());
      Files.writeString(prefs, "trayRatesAsText=true\n");
      x.output("chown", "-R", XSession.USER + ":", x.dir().resolve("config").toString());
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

  /** The crop equals our own file for that size wherever the file is opaque. */
  private static void assertPixelForPixel(Seen seen, int size) throws IOException {
    Path file =
        seen.themePath()
            .resolve("hicolor")
            .resolve(size + "x" + size + "/apps")
            .resolve(seen.iconName() + ".png");
    assertTrue(Files.exists(file), file + " missing");
    BufferedImage mine = ImageIO.read(file.toFile());
    assertEquals(size, mine.getWidth());
    int compared = 0;
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        int m = mine.getRGB(x, y);
        if ((m >>> 24) == 0xff) {
          assertEquals(
              Integer.toHexString(m & 0xffffff),
              Integer.toHexString(seen.crop().getRGB(x, y) & 0xffffff),
              "pixel " + x + "," + y + " of " + file.getFileName());
          compared++;
        }
      }
    }
    assertTrue(compared > size * size / 2, "only " + compared + " opaque pixels");
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
