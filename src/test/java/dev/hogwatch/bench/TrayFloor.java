package dev.hogwatch.bench;

import dorkbox.systemTray.MenuItem;
import dorkbox.systemTray.SystemTray;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.concurrent.CountDownLatch;

/**
 * The floor the tray benchmark (.dev/bench-tray.sh) measures Hogwatch against: the least a Java
 * tray utility can cost. One static Dorkbox icon with one menu entry (Quit), nothing ticking, the
 * same tray type Hogwatch uses under an XEMBED host (GTK). Run with the same JVM and options as the
 * app, and {@code GDK_GL=disable} in the environment:
 *
 * <pre>{@code
 * javac -cp hogwatch.jar -d floor src/test/java/dev/hogwatch/bench/TrayFloor.java
 * GDK_GL=disable java -cp hogwatch.jar:floor dev.hogwatch.bench.TrayFloor
 * }</pre>
 */
public final class TrayFloor {
  private TrayFloor() {}

  public static void main(String[] args) throws InterruptedException {
    dorkbox.updates.Updates.INSTANCE.setENABLE(false);
    SystemTray.FORCE_TRAY_TYPE =
        "AppIndicator".equalsIgnoreCase(System.getProperty("floor.type"))
            ? SystemTray.TrayType.AppIndicator
            : SystemTray.TrayType.Gtk;
    // the same window name as Hogwatch's tray icon, so the benchmark sees both dock the same way
    SystemTray tray = SystemTray.get("Hogwatch");
    if (tray == null) {
      System.err.println("no system tray");
      System.exit(1);
    }
    int size = Math.max(16, tray.getTrayImageSize());
    BufferedImage icon = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = icon.createGraphics();
    g.setColor(new Color(0xff202124, true));
    g.fillRect(0, 0, size, size);
    g.dispose();
    tray.setImage(icon);
    CountDownLatch quit = new CountDownLatch(1);
    tray.getMenu().add(new MenuItem("Quit", e -> quit.countDown()));
    quit.await();
    tray.shutdown();
  }
}
