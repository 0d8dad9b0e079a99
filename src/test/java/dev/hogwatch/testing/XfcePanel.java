package dev.hogwatch.testing;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real {@code xfce4-panel} in an {@link XSession}: its own D-Bus session bus, one panel at the
 * top right with one tray plugin, run by the test user. XFCE's status tray plugin hosts XEMBED
 * icons and StatusNotifier items (it owns {@code _NET_SYSTEM_TRAY_S0} and runs the
 * StatusNotifierWatcher) and draws them at 22 px; the {@code xfce4-sntray-plugin} (Vala Panel's)
 * hosts StatusNotifier items only, at a size we choose, and draws their labels.
 *
 * <p>Made after {@code panelrig.sh} (the same configuration: pre-seeded xfconf channel, no
 * first-start dialog, panel inside {@code dbus-run-session}).
 *
 * <pre>{@code
 * try (XSession x = XSession.start(XSession.Panel.NONE)) {
 *   XfcePanel p = XfcePanel.start(x, XfcePanel.Plugin.STATUS_TRAY, 22);
 *   x.runAsUser(log, p.env(), "java", "-jar", jar);
 *   Rectangle icon = p.waitForIcon(20_000).orElseThrow();
 * }
 * }</pre>
 */
public final class XfcePanel {

  /** The tray plugin the panel holds. */
  public enum Plugin {
    /** XFCE's own "systray": XEMBED and StatusNotifier, 22 px, no labels. */
    STATUS_TRAY("systray", "libsystray.so"),
    /** Vala Panel's StatusNotifier plugin: its own watcher, a chosen size, labels drawn. */
    SNTRAY("sntray", "libsntray-xfce.so");

    final String id;
    final String library;

    Plugin(String id, String library) {
      this.id = id;
      this.library = library;
    }
  }

  private static final Path PLUGINS = Path.of("/usr/lib/x86_64-linux-gnu/xfce4/panel/plugins");

  private final XSession x;
  private final String bus;

  private XfcePanel(XSession x, String bus) {
    this.x = x;
    this.bus = bus;
  }

  /** Why the panel cannot run here, or empty when it can. */
  public static Optional<String> unavailable(Plugin plugin) {
    Optional<String> xs = XSession.unavailable(false);
    if (xs.isPresent()) {
      return xs;
    }
    for (String tool : List.of("xfce4-panel", "dbus-run-session", "dbus-send")) {
      if (!Files.isExecutable(Path.of("/usr/bin", tool))) {
        return Optional.of(tool + " is not installed (run .dev/setup-dev.sh)");
      }
    }
    if (!Files.exists(PLUGINS.resolve(plugin.library))) {
      return Optional.of(plugin.library + " is not installed (run .dev/setup-dev.sh)");
    }
    return Optional.empty();
  }

  /**
   * Starts the panel with {@code plugin} drawing icons at {@code iconSize} px (the sntray plugin;
   * the status tray uses its default, 22) and waits until it hosts: a StatusNotifierWatcher on its
   * bus and, for the status tray, the XEMBED selection.
   */
  public static XfcePanel start(XSession x, Plugin plugin, int iconSize)
      throws IOException, InterruptedException {
    Path cfg = x.dir().resolve("config");
    Path channel = cfg.resolve("xfce4/xfconf/xfce-perchannel-xml");
    Files.createDirectories(channel);
    String props =
        plugin == Plugin.STATUS_TRAY
            ? "      <property name=\"square-icons\" type=\"bool\" value=\"true\"/>\n"
            : "      <property name=\"indicator-size\" type=\"int\" value=\""
                + iconSize
                + "\"/>\n      <property name=\"show-ayatana-labels\" type=\"bool\""
                + " value=\"true\"/>\n      <property name=\"symbolic-icons\" type=\"bool\""
                + " value=\"false\"/>\n";
    String xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<channel name=\"xfce4-panel\" version=\"1.0\">\n"
            + "  <property name=\"configver\" type=\"int\" value=\"2\"/>\n"
            + "  <property name=\"panels\" type=\"array\">\n"
            + "    <value type=\"int\" value=\"1\"/>\n"
            + "    <property name=\"dark-mode\" type=\"bool\" value=\"false\"/>\n"
            + "    <property name=\"panel-1\" type=\"empty\">\n"
            + "      <property name=\"position\" type=\"string\" value=\"p=2;x=0;y=0\"/>\n"
            + "      <property name=\"length\" type=\"uint\" value=\"1\"/>\n"
            + "      <property name=\"length-adjust\" type=\"bool\" value=\"true\"/>\n"
            + "      <property name=\"position-locked\" type=\"bool\" value=\"true\"/>\n"
            + "      <property name=\"size\" type=\"uint\" value=\""
            + (plugin == Plugin.SNTRAY ? iconSize + 8 : 26)
            + "\"/>\n"
            + "      <property name=\"icon-size\" type=\"uint\" value=\"16\"/>\n"
            + "      <property name=\"plugin-ids\" type=\"array\">\n"
            + "        <value type=\"int\" value=\"1\"/>\n"
            + "      </property>\n"
            + "    </property>\n"
            + "  </property>\n"
            + "  <property name=\"plugins\" type=\"empty\">\n"
            + "    <property name=\"plugin-1\" type=\"string\" value=\""
            + plugin.id
            + "\">\n"
            + props
            + "    </property>\n"
            + "  </property>\n"
            + "</channel>\n";
    Files.writeString(channel.resolve("xfce4-panel.xml"), xml, StandardCharsets.UTF_8);
    Path xdg = x.dir().resolve("xdg/xfce4/panel");
    Files.createDirectories(xdg);
    Files.writeString(xdg.resolve("default.xml"), xml, StandardCharsets.UTF_8);
    Path busFile = x.dir().resolve("bus.addr");
    Path script = x.dir().resolve("panel-session.sh");
    Files.writeString(
        script,
        "#!/bin/sh\n"
            + "echo \"$DBUS_SESSION_BUS_ADDRESS\" > '"
            + busFile
            + ".tmp' && mv '"
            + busFile
            + ".tmp' '"
            + busFile
            + "'\nexec xfce4-panel --disable-wm-check\n",
        StandardCharsets.UTF_8);
    script.toFile().setExecutable(true, false);
    chownToUser(x, cfg);
    chownToUser(x, x.dir());
    Map<String, String> env = new LinkedHashMap<>();
    env.put("XDG_CONFIG_DIRS", x.dir().resolve("xdg") + ":/etc/xdg");
    env.put("XDG_CACHE_HOME", x.dir().resolve("cache").toString());
    env.put("XFCE_PANEL_MIGRATE_DEFAULT", "1");
    env.putAll(desktop());
    x.runAsUser(x.dir().resolve("panel.log"), env, "dbus-run-session", "--", script.toString());
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String address = "";
    while (System.nanoTime() < end) {
      if (Files.exists(busFile)) {
        address = Files.readString(busFile).strip();
        if (!address.isEmpty()) {
          break;
        }
      }
      Thread.sleep(100);
    }
    if (address.isEmpty()) {
      throw new IOException("no D-Bus session for the panel: " + x.log("panel.log"));
    }
    XfcePanel p = new XfcePanel(x, address);
    while (System.nanoTime() < end) {
      boolean watcher = p.watcher();
      boolean xembed =
          plugin != Plugin.STATUS_TRAY || dev.hogwatch.desktop.TrayHost.xembedTray(x.display());
      if (watcher && xembed && p.panelWindow().isPresent()) {
        return p;
      }
      Thread.sleep(100);
    }
    throw new IOException("xfce4-panel did not start its tray: " + x.log("panel.log"));
  }

  private static void chownToUser(XSession x, Path p) throws IOException, InterruptedException {
    x.output("chown", "-R", x.user() + ":", p.toString());
  }

  /** What a desktop session of XFCE sets. */
  private static Map<String, String> desktop() {
    return Map.of(
        "XDG_CURRENT_DESKTOP", "XFCE",
        "XDG_SESSION_DESKTOP", "xfce",
        "DESKTOP_SESSION", "xfce",
        "XDG_SESSION_TYPE", "x11");
  }

  /** The environment a program needs to show its icon in this panel (bus and desktop). */
  public Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>(desktop());
    env.put("DBUS_SESSION_BUS_ADDRESS", bus);
    return env;
  }

  /** Runs {@code dbus-send --session --print-reply ARGS} as the test user on the panel's bus. */
  public String dbus(String... args) throws IOException, InterruptedException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "runuser",
                "-u",
                x.user(),
                "--",
                "env",
                "DBUS_SESSION_BUS_ADDRESS=" + bus,
                "dbus-send",
                "--session",
                "--print-reply",
                "--reply-timeout=3000"));
    cmd.addAll(List.of(args));
    return x.output(cmd.toArray(String[]::new));
  }

  private boolean watcher() throws IOException, InterruptedException {
    return dbus(
            "--dest=org.freedesktop.DBus",
            "/org/freedesktop/DBus",
            "org.freedesktop.DBus.NameHasOwner",
            "string:org.kde.StatusNotifierWatcher")
        .contains("boolean true");
  }

  /** The StatusNotifier items the watcher knows, as {@code busname/object/path}. */
  public List<String> items() throws IOException, InterruptedException {
    String out =
        dbus(
            "--dest=org.kde.StatusNotifierWatcher",
            "/StatusNotifierWatcher",
            "org.freedesktop.DBus.Properties.Get",
            "string:org.kde.StatusNotifierWatcher",
            "string:RegisteredStatusNotifierItems");
    List<String> items = new ArrayList<>();
    Matcher m = Pattern.compile("string \"([^\"]+)\"").matcher(out);
    while (m.find()) {
      items.add(m.group(1));
    }
    return items;
  }

  /** A string property of StatusNotifier item {@code item} (as listed by {@link #items()}). */
  public String itemProperty(String item, String property)
      throws IOException, InterruptedException {
    int slash = item.indexOf('/');
    String out =
        dbus(
            "--dest=" + item.substring(0, slash),
            item.substring(slash),
            "org.freedesktop.DBus.Properties.Get",
            "string:org.kde.StatusNotifierItem",
            "string:" + property);
    Matcher m = Pattern.compile("variant\\s+string \"(.*)\"").matcher(out);
    return m.find() ? m.group(1) : "";
  }

  private static final Pattern GEOMETRY =
      Pattern.compile("(\\d+)x(\\d+)\\+-?\\d+\\+-?\\d+\\s+\\+(-?\\d+)\\+(-?\\d+)");

  /** The panel's window on screen (not its 10×10 helper window). */
  public Optional<Rectangle> panelWindow() throws IOException, InterruptedException {
    String tree = x.output("xwininfo", "-display", x.display(), "-root", "-tree");
    for (String line : tree.split("\n", -1)) {
      if (line.contains("(\"xfce4-panel\" \"Xfce4-panel\")")) {
        Matcher m = GEOMETRY.matcher(line);
        if (m.find()) {
          Rectangle r =
              new Rectangle(
                  Integer.parseInt(m.group(3)),
                  Integer.parseInt(m.group(4)),
                  Integer.parseInt(m.group(1)),
                  Integer.parseInt(m.group(2)));
          if (r.width > 10 || r.height > 10) {
            return Optional.of(r);
          }
        }
      }
    }
    return Optional.empty();
  }

  /**
   * What the panel shows besides its background, in screen coordinates: the bounding box of the
   * pixels that differ from the panel's corner pixel (the one plugin's icons and labels), or empty
   * when the panel is bare. The pointer is moved away first (hover highlights would count).
   */
  public Optional<Rectangle> content(BufferedImage shot) throws IOException, InterruptedException {
    Optional<Rectangle> w = panelWindow();
    if (w.isEmpty()) {
      return Optional.empty();
    }
    Rectangle p = w.get().intersection(new Rectangle(0, 0, shot.getWidth(), shot.getHeight()));
    // skip the outermost pixel ring: the panel's own border
    int bg = shot.getRGB(p.x + 1, p.y + 1);
    int minX = Integer.MAX_VALUE;
    int minY = Integer.MAX_VALUE;
    int maxX = -1;
    int maxY = -1;
    for (int y = p.y + 1; y < p.y + p.height - 1; y++) {
      for (int xx = p.x + 1; xx < p.x + p.width - 1; xx++) {
        if (distance(shot.getRGB(xx, y), bg) > 16) {
          minX = Math.min(minX, xx);
          minY = Math.min(minY, y);
          maxX = Math.max(maxX, xx);
          maxY = Math.max(maxY, y);
        }
      }
    }
    if (maxX < 0) {
      return Optional.empty();
    }
    return Optional.of(new Rectangle(minX, minY, maxX - minX + 1, maxY - minY + 1));
  }

  private static int distance(int a, int b) {
    return Math.max(
        Math.abs(((a >> 16) & 0xff) - ((b >> 16) & 0xff)),
        Math.max(
            Math.abs(((a >> 8) & 0xff) - ((b >> 8) & 0xff)), Math.abs((a & 0xff) - (b & 0xff))));
  }

  /** Moves the pointer to the bottom left corner, away from the panel. */
  public void pointerAway() throws IOException, InterruptedException {
    x.output("xdotool", "mousemove", "0", "599");
    Thread.sleep(300);
  }

  /** Waits until the panel shows something (an icon), and returns where. */
  public Optional<Rectangle> waitForIcon(long millis) throws IOException, InterruptedException {
    pointerAway();
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    Path shot = x.dir().resolve("wait.png");
    while (true) {
      Optional<Rectangle> r = content(x.screenshot(shot));
      if (r.isPresent() && r.get().width >= 8 && r.get().height >= 8) {
        return r;
      }
      if (System.nanoTime() > end) {
        return Optional.empty();
      }
      Thread.sleep(300);
    }
  }
}
