package dev.hogwatch.desktop;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Finds out whether anybody would show a tray icon. Dorkbox's {@code SystemTray.get()} happily
 * returns a tray on a desktop without a notification area, so we look ourselves:
 *
 * <ul>
 *   <li>an XEMBED system tray owns the X selection {@code _NET_SYSTEM_TRAY_S0} (trayer, XFCE, MATE,
 *       stalonetray, ...), checked with libX11 through JNA (no AWT toolkit needed);
 *   <li>a StatusNotifier host registers {@code org.kde.StatusNotifierWatcher} on the session bus
 *       (KDE, GNOME with the AppIndicator extension, XFCE), checked with {@code dbus-send}.
 * </ul>
 *
 * <p>Example: {@code TrayHost.detect(System.getenv()).present()} is false under a bare Xvfb and
 * true once {@code trayer} runs on it.
 */
public final class TrayHost {
  private static final Logger LOG = Logger.getLogger(TrayHost.class.getName());

  private TrayHost() {}

  /** What was found; {@code description} is one line for logs and notices. */
  public record Result(
      boolean displayReachable, boolean xembed, boolean statusNotifier, String description) {
    public boolean present() {
      return xembed || statusNotifier;
    }
  }

  /** The system property that overrides the choice: {@code AppIndicator} (SNI) or {@code Gtk}. */
  public static final String TYPE_PROPERTY = "hogwatch.tray.type";

  /**
   * Which way the icon goes: as a StatusNotifier item over D-Bus ({@code statusNotifier}), else as
   * an XEMBED tray icon; {@code reason} says why, in words for {@code hogwatch doctor}.
   */
  public record Choice(boolean statusNotifier, boolean forced, String reason) {
    /** "a StatusNotifier item" or "an XEMBED tray icon". */
    public String path() {
      return statusNotifier ? "a StatusNotifier item" : "an XEMBED tray icon";
    }
  }

  /**
   * Picks the path for {@code host}: a StatusNotifier item when a StatusNotifierWatcher is on the
   * session bus (GNOME with the AppIndicator extension and KDE have only that; XFCE has both, and a
   * StatusNotifier host picks the picture of its own size), an XEMBED icon otherwise. {@code
   * override} is the value of {@value #TYPE_PROPERTY}: {@code AppIndicator} or {@code Gtk} (any
   * case) force a path, anything else is ignored.
   *
   * <p>Example: {@code choose(detect(System.getenv()), System.getProperty(TYPE_PROPERTY, ""))}.
   */
  public static Choice choose(Result host, String override) {
    String o = override == null ? "" : override.trim();
    String forced = "forced with -D" + TYPE_PROPERTY + "=" + o;
    if (o.equalsIgnoreCase("AppIndicator")) {
      return new Choice(
          true,
          true,
          forced
              + (host.statusNotifier()
                  ? ""
                  : " (but no StatusNotifierWatcher is on the session bus: nothing may show it)"));
    }
    if (o.equalsIgnoreCase("Gtk")) {
      return new Choice(
          false,
          true,
          forced
              + (host.xembed()
                  ? ""
                  : " (but nothing owns _NET_SYSTEM_TRAY_S0: nothing may show it)"));
    }
    String ignored =
        o.isEmpty() ? "" : "; -D" + TYPE_PROPERTY + "=" + o + " ignored (use AppIndicator or Gtk)";
    if (host.statusNotifier()) {
      return new Choice(
          true,
          false,
          "a StatusNotifierWatcher is on the session bus"
              + (host.xembed() ? " (an XEMBED tray is there too)" : "")
              + ignored);
    }
    return new Choice(
        false,
        false,
        (host.xembed()
                ? "no StatusNotifierWatcher on the session bus; an XEMBED tray owns"
                    + " _NET_SYSTEM_TRAY_S0"
                : "no tray host found")
            + ignored);
  }

  /** Minimal libX11 binding: just enough to ask who owns a selection. */
  interface X11 extends Library {
    Pointer XOpenDisplay(String name);

    NativeLong XInternAtom(Pointer display, String name, boolean onlyIfExists);

    NativeLong XGetSelectionOwner(Pointer display, NativeLong atom);

    int XCloseDisplay(Pointer display);
  }

  /** Looks for a tray host on the display and session bus named in {@code env}. */
  public static Result detect(Map<String, String> env) {
    String display = env.getOrDefault("DISPLAY", "");
    int owner = display.isEmpty() ? -1 : trayOwner(display);
    boolean x = owner > 0;
    boolean sni = statusNotifierWatcher(env);
    String d =
        x || sni
            ? (x ? "XEMBED system tray on " + display : "")
                + (x && sni ? ", " : "")
                + (sni ? "StatusNotifier host on the session bus" : "")
            : display.isEmpty()
                ? "no X display (DISPLAY is not set)"
                : owner < 0
                    ? "cannot open X display " + display
                    : "no notification area on " + display;
    return new Result(owner >= 0 || sni, x, sni, d);
  }

  /** True when some client owns {@code _NET_SYSTEM_TRAY_S0} on {@code display}. */
  public static boolean xembedTray(String display) {
    return trayOwner(display) > 0;
  }

  /** 1: the tray selection has an owner; 0: it has none; -1: the display cannot be opened. */
  private static int trayOwner(String display) {
    X11 x11;
    try {
      x11 = Native.load("X11", X11.class);
    } catch (UnsatisfiedLinkError e) {
      LOG.log(Level.FINE, "libX11 not available", e);
      return -1;
    }
    Pointer d = x11.XOpenDisplay(display);
    if (d == null) {
      return -1;
    }
    try {
      NativeLong atom = x11.XInternAtom(d, "_NET_SYSTEM_TRAY_S0", false);
      return x11.XGetSelectionOwner(d, atom).longValue() != 0 ? 1 : 0;
    } finally {
      x11.XCloseDisplay(d);
    }
  }

  /** True when {@code org.kde.StatusNotifierWatcher} has an owner on the session bus. */
  static boolean statusNotifierWatcher(Map<String, String> env) {
    if (env.getOrDefault("DBUS_SESSION_BUS_ADDRESS", "").isEmpty()) {
      return false;
    }
    ProcessBuilder pb =
        new ProcessBuilder(
                "dbus-send",
                "--session",
                "--print-reply",
                "--reply-timeout=1000",
                "--dest=org.freedesktop.DBus",
                "/org/freedesktop/DBus",
                "org.freedesktop.DBus.NameHasOwner",
                "string:org.kde.StatusNotifierWatcher")
            .redirectErrorStream(true);
    pb.environment().putAll(env);
    try {
      Process p = pb.start();
      p.getOutputStream().close();
      String out;
      try (InputStream in = p.getInputStream()) {
        out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!p.waitFor(2, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0 && out.contains("boolean true");
    } catch (IOException e) { // dbus-send not installed: treat as no host
      LOG.log(Level.FINE, "dbus-send failed", e);
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
