package dev.hogwatch.ui.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hogwatch.testing.XSession;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * End to end: {@code java -jar hogwatch.jar window --demo} run as an ordinary user on its own X
 * display shows a window named "Hogwatch" whose chart changes over time; with a dark GTK theme the
 * window is dark. Screenshots are kept in {@code target/window-it/}.
 */
class WindowIT {
  private static final Pattern POSITION = Pattern.compile("Position: (-?\\d+),(-?\\d+)");
  private static final Pattern SIZE = Pattern.compile("Geometry: (\\d+)x(\\d+)");

  private static Path jar() {
    String p = System.getProperty("hogwatch.jar", "target/hogwatch.jar");
    return Path.of(p);
  }

  /** The mapped window named exactly "Hogwatch" and at least 400 px wide, once it appears. */
  private static Optional<Rectangle> waitForWindow(XSession x, long millis) throws Exception {
    long deadline = System.nanoTime() + millis * 1_000_000;
    while (System.nanoTime() < deadline) {
      String ids = x.output("xdotool", "search", "--onlyvisible", "--name", "^Hogwatch$");
      for (String id : ids.strip().split("\\s+", -1)) {
        if (!id.matches("\\d+")) {
          continue;
        }
        String geo = x.output("xdotool", "getwindowgeometry", id);
        Matcher p = POSITION.matcher(geo);
        Matcher s = SIZE.matcher(geo);
        if (p.find() && s.find() && Integer.parseInt(s.group(1)) >= 400) {
          return Optional.of(
              new Rectangle(
                  Integer.parseInt(p.group(1)),
                  Integer.parseInt(p.group(2)),
                  Integer.parseInt(s.group(1)),
                  Integer.parseInt(s.group(2))));
        }
      }
      Thread.sleep(250);
    }
    return Optional.empty();
  }

  private static BufferedImage shot(XSession x, String name) throws Exception {
    Path png = x.dir().resolve(name + ".png");
    BufferedImage img = x.screenshot(png);
    Path keep = Path.of("target", "window-it");
    Files.createDirectories(keep);
    Files.copy(png, keep.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    return img;
  }

  private static int differingPixels(BufferedImage a, BufferedImage b, Rectangle r) {
    int n = 0;
    for (int y = r.y; y < r.y + r.height; y++) {
      for (int x = r.x; x < r.x + r.width; x++) {
        if (a.getRGB(x, y) != b.getRGB(x, y)) {
          n++;
        }
      }
    }
    return n;
  }

  private static double meanLuminance(BufferedImage img, Rectangle r) {
    long sum = 0;
    long n = 0;
    for (int y = r.y; y < r.y + r.height; y += 3) {
      for (int x = r.x; x < r.x + r.width; x += 3) {
        int p = img.getRGB(x, y);
        sum += ((p >> 16) & 0xff) + ((p >> 8) & 0xff) + (p & 0xff);
        n++;
      }
    }
    return sum / (3.0 * n);
  }

  @Test
  void demoWindowAppearsAndItsChartMoves() throws Exception {
    assumeTrue(XSession.unavailable(false).isEmpty(), () -> XSession.unavailable(false).get());
    assumeTrue(Files.exists(jar()), "hogwatch.jar not built");
    try (XSession x = XSession.start(XSession.Panel.NONE)) {
      Path jar = x.userCopy(jar());
      Process app =
          x.runAsUser(
              x.dir().resolve("app.log"), "java", "-jar", jar.toString(), "window", "--demo");
      Rectangle w =
          waitForWindow(x, 30_000)
              .orElseThrow(
                  () -> new AssertionError("no Hogwatch window; log:\n" + x.log("app.log")));
      // the chart sits in the upper half of the window, below the header and range buttons
      Rectangle chart = new Rectangle(w.x + 60, w.y + 110, w.width - 80, 200);
      Thread.sleep(3000);
      BufferedImage first = shot(x, "window-light-1");
      Thread.sleep(3500);
      BufferedImage second = shot(x, "window-light-2");
      int changed = differingPixels(first, second, chart);
      assertTrue(changed > 200, "the chart changes over time: " + changed + " pixels differ");
      assertTrue(meanLuminance(second, w) > 150, "light by default");
      String log = x.log("app.log");
      assertTrue(!log.contains("Exception") && !log.contains("\tat "), "no stack trace: " + log);
      // closing the window quits hogwatch window: click into it (focus), then Ctrl+W
      x.click(w.x + w.width / 2, w.y + w.height - 8, 1);
      x.key("ctrl+w");
      assertTrue(app.waitFor(20, TimeUnit.SECONDS), "hogwatch window still running after close");
      assertEquals(0, app.exitValue());
    }
  }

  @Test
  void darkDesktopThemeGivesADarkWindow() throws Exception {
    assumeTrue(XSession.unavailable(false).isEmpty(), () -> XSession.unavailable(false).get());
    assumeTrue(Files.exists(jar()), "hogwatch.jar not built");
    try (XSession x = XSession.start(XSession.Panel.NONE)) {
      Path jar = x.userCopy(jar());
      // a fresh config home, so that a theme chosen in another run does not apply
      Map<String, String> env =
          Map.of(
              "GTK_THEME", "Adwaita:dark", "XDG_CONFIG_HOME", x.dir().resolve("config").toString());
      x.runAsUser(
          x.dir().resolve("dark.log"), env, "java", "-jar", jar.toString(), "window", "--demo");
      Rectangle w =
          waitForWindow(x, 30_000)
              .orElseThrow(
                  () -> new AssertionError("no Hogwatch window; log:\n" + x.log("dark.log")));
      Thread.sleep(4000);
      BufferedImage img = shot(x, "window-dark");
      assertTrue(meanLuminance(img, w) < 110, "dark window, mean " + meanLuminance(img, w));
    }
  }
}
