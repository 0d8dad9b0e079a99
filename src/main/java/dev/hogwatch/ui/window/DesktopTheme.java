package dev.hogwatch.ui.window;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Whether the desktop prefers dark colours: {@code GTK_THEME} (e.g. {@code Adwaita:dark}), then
 * GNOME's {@code color-scheme} and {@code gtk-theme} settings via {@code gsettings}; light when
 * nothing says otherwise. Runs a short subprocess, so call it off the EDT.
 *
 * <p>Example: {@code gsettings get org.gnome.desktop.interface color-scheme} printing {@code
 * 'prefer-dark'} makes {@link #prefersDark()} true.
 */
final class DesktopTheme {
  private static final Logger LOG = Logger.getLogger(DesktopTheme.class.getName());

  private DesktopTheme() {}

  static boolean prefersDark() {
    String gtkTheme = System.getenv("GTK_THEME");
    if (gtkTheme != null && !gtkTheme.isBlank()) {
      return saysDark(gtkTheme);
    }
    String scheme = gsettings("color-scheme");
    if (scheme.contains("prefer-dark")) {
      return true;
    }
    if (scheme.contains("prefer-light")) {
      return false;
    }
    return saysDark(gsettings("gtk-theme"));
  }

  /** True for theme names such as {@code Adwaita-dark}, {@code Yaru:dark}, {@code 'Arc-Dark'}. */
  static boolean saysDark(String themeName) {
    return themeName.toLowerCase(Locale.ROOT).contains("dark");
  }

  private static String gsettings(String key) {
    try {
      Process p =
          new ProcessBuilder("gsettings", "get", "org.gnome.desktop.interface", key)
              .redirectErrorStream(true)
              .start();
      try (InputStream in = p.getInputStream()) {
        if (!p.waitFor(2, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          return "";
        }
        return p.exitValue() == 0 ? new String(in.readAllBytes(), StandardCharsets.UTF_8) : "";
      }
    } catch (IOException e) { // no gsettings: not a GNOME-like desktop
      LOG.log(Level.FINE, "gsettings unavailable", e);
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}
