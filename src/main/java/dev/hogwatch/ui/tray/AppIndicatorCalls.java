package dev.hogwatch.ui.tray;

import com.sun.jna.Pointer;
import dorkbox.systemTray.SystemTray;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The libayatana-appindicator calls Dorkbox does not make, on Dorkbox's own indicator: an icon
 * theme folder, an icon by name with its description, a label. Dorkbox's AppIndicator tray only
 * ever hands the library a PNG file path, which hosts rescale to their slot size.
 *
 * <p>Bound the way Dorkbox binds the library (JNA direct mapping through {@code
 * dorkbox.jna.JNA.register}, the same library names in the same order, so it is the library already
 * loaded), called on Dorkbox's GTK thread ({@code GtkEventDispatch.dispatch}). The indicator
 * pointer is Dorkbox's private field {@code appIndicator}; when any of this is missing (another
 * Dorkbox version, no library) {@link #of} is empty and the tray keeps Dorkbox's own icon calls.
 *
 * <p>Texts go to C as NUL-terminated UTF-8 bytes: the label has arrows in it, and JNA's own string
 * conversion follows the platform charset, which is ASCII under {@code LANG=C}.
 */
final class AppIndicatorCalls {
  private static final Logger LOG = Logger.getLogger(AppIndicatorCalls.class.getName());

  /** {@code APP_INDICATOR_STATUS_ACTIVE}. */
  private static final int STATUS_ACTIVE = 1;

  /** Direct-mapped functions of libayatana-appindicator (or the older libappindicator). */
  static final class Lib {
    private Lib() {}

    static native void app_indicator_set_icon_theme_path(Pointer self, byte[] path);

    static native void app_indicator_set_icon_full(Pointer self, byte[] name, byte[] desc);

    static native void app_indicator_set_label(Pointer self, byte[] label, byte[] guide);

    static native void app_indicator_set_status(Pointer self, int status);

    static native void app_indicator_set_title(Pointer self, byte[] title);
  }

  private static volatile Boolean bound;

  private final Pointer indicator;

  private AppIndicatorCalls(Pointer indicator) {
    this.indicator = indicator;
  }

  /** The calls for {@code tray}'s indicator, when it is Dorkbox's AppIndicator tray. */
  static Optional<AppIndicatorCalls> of(SystemTray tray) {
    if (tray.getType() != SystemTray.TrayType.AppIndicator || !bind()) {
      return Optional.empty();
    }
    try {
      Object impl = tray.getMenu();
      Field f = impl.getClass().getDeclaredField("appIndicator");
      f.setAccessible(true);
      Object struct = f.get(impl);
      if (!(struct instanceof com.sun.jna.Structure s) || s.getPointer() == null) {
        return Optional.empty();
      }
      return Optional.of(new AppIndicatorCalls(s.getPointer()));
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.log(Level.WARNING, "cannot reach Dorkbox's AppIndicator; keeping its own icon", e);
      return Optional.empty();
    }
  }

  /** Registers {@link Lib} with the first library name that loads, as Dorkbox does. */
  private static synchronized boolean bind() {
    if (bound != null) {
      return bound;
    }
    String[] names =
        dorkbox.jna.linux.Gtk.isGtk2
            ? new String[] {"appindicator", "appindicator1", "appindicator-gtk"}
            : new String[] {
              "appindicator3", "appindicator3-1", "appindicator-gtk3", "appindicator-gtk3-1"
            };
    for (String name : names) {
      try {
        dorkbox.jna.JNA.register(name, Lib.class);
        LOG.fine("bound lib" + name + " for icon names and labels");
        bound = true;
        return true;
      } catch (UnsatisfiedLinkError | RuntimeException e) {
        LOG.log(Level.FINE, "lib" + name + " not usable", e);
      }
    }
    LOG.warning("no libappindicator with icon theme paths and labels; keeping Dorkbox's icon");
    bound = false;
    return false;
  }

  /**
   * Shows icon {@code name} from theme folder {@code themePath}; {@code desc} for screen readers.
   */
  void showIcon(String themePath, String name, String desc) {
    byte[] p = c(themePath);
    byte[] n = c(name);
    byte[] d = c(desc);
    dorkbox.jna.linux.GtkEventDispatch.dispatch(
        () -> {
          Lib.app_indicator_set_icon_theme_path(indicator, p);
          Lib.app_indicator_set_icon_full(indicator, n, d);
          Lib.app_indicator_set_status(indicator, STATUS_ACTIVE);
        });
  }

  /** Sets the text a host may draw beside the icon; {@code guide} is its widest expected form. */
  void setLabel(String label, String guide) {
    byte[] l = c(label);
    byte[] g = c(guide);
    dorkbox.jna.linux.GtkEventDispatch.dispatch(() -> Lib.app_indicator_set_label(indicator, l, g));
  }

  /** The item's title (hosts show it as the name of the item, e.g. in their settings). */
  void setTitle(String title) {
    byte[] t = c(title);
    dorkbox.jna.linux.GtkEventDispatch.dispatch(() -> Lib.app_indicator_set_title(indicator, t));
  }

  /** {@code s} as NUL-terminated UTF-8. */
  static byte[] c(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return Arrays.copyOf(b, b.length + 1);
  }
}
