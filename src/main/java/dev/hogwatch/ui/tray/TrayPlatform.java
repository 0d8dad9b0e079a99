package dev.hogwatch.ui.tray;

import dorkbox.systemTray.SystemTray;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the tray sets up in the process before Dorkbox and GTK start: no update check (Hogwatch
 * makes no network connection of its own), no OpenGL probe by GTK, and the tray type a user may
 * force.
 */
final class TrayPlatform {
  private static final Logger LOG = Logger.getLogger(TrayPlatform.class.getName());

  private TrayPlatform() {}

  /**
   * Switches Dorkbox's update check off. Must run before the first SystemTray call: otherwise
   * Dorkbox contacts updates.dorkbox.com a few minutes after start, and Hogwatch makes no network
   * connection of its own.
   */
  static void disableUpdateCheck() {
    dorkbox.updates.Updates.INSTANCE.setENABLE(false);
  }

  /** Just enough of libc to set an environment variable for GTK. */
  interface LibC extends com.sun.jna.Library {
    int setenv(String name, String value, int overwrite);
  }

  /**
   * Tells GTK not to probe OpenGL ({@code GDK_GL=disable}, unless the user set GDK_GL): GTK 3 loads
   * the GL driver at start-up to choose visuals, which under Mesa maps libLLVM and costs about 50
   * MB of resident memory that a tray icon never uses (measured with .dev/bench-tray.sh: 144 MB
   * without, 90 MB with).
   */
  static void noGtkGl() {
    if (System.getenv("GDK_GL") != null) {
      return;
    }
    try {
      com.sun.jna.Native.load("c", LibC.class).setenv("GDK_GL", "disable", 0);
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      LOG.log(Level.FINE, "could not set GDK_GL", e);
    }
  }

  /**
   * The tray type named by system property {@value Tray#TYPE_PROPERTY} ({@code Gtk} or {@code
   * AppIndicator}, for a desktop where Dorkbox's own choice misbehaves); empty when unset or naming
   * anything else.
   */
  static java.util.Optional<SystemTray.TrayType> forcedType() {
    String v = System.getProperty(Tray.TYPE_PROPERTY, "").trim();
    for (SystemTray.TrayType t :
        new SystemTray.TrayType[] {SystemTray.TrayType.Gtk, SystemTray.TrayType.AppIndicator}) {
      if (t.name().equalsIgnoreCase(v)) {
        return java.util.Optional.of(t);
      }
    }
    if (!v.isEmpty()) {
      LOG.warning(Tray.TYPE_PROPERTY + "=" + v + " ignored: use Gtk or AppIndicator");
    }
    return java.util.Optional.empty();
  }
}
