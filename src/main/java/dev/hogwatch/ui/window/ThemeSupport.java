package dev.hogwatch.ui.window;

import com.formdev.flatlaf.FlatDarkLaf;
import com.formdev.flatlaf.FlatLaf;
import com.formdev.flatlaf.FlatLightLaf;
import java.awt.Color;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.swing.UIManager;

/**
 * Installs FlatLaf light or dark on the EDT, falling back to Swing's cross-platform look when
 * FlatLaf cannot start (as in FlatLaf's own demo). The only class that touches FlatLaf, and it is
 * loaded only when a window opens.
 */
final class ThemeSupport {
  private static final Logger LOG = Logger.getLogger(ThemeSupport.class.getName());

  private ThemeSupport() {}

  /** Installs the look and updates every open window. Call on the EDT. */
  static void install(boolean dark) {
    try {
      boolean ok = dark ? FlatDarkLaf.setup() : FlatLightLaf.setup();
      if (!ok) {
        throw new IllegalStateException("FlatLaf setup returned false");
      }
      FlatLaf.updateUI();
    } catch (RuntimeException | LinkageError e) {
      LOG.log(Level.WARNING, "FlatLaf unavailable, using the default look", e);
      try {
        UIManager.setLookAndFeel(UIManager.getCrossPlatformLookAndFeelClassName());
      } catch (ReflectiveOperationException | javax.swing.UnsupportedLookAndFeelException ex) {
        LOG.log(Level.WARNING, "no look and feel could be set", ex);
      }
    }
  }

  /** A UI colour of the current look, or {@code fallback}. */
  static Color color(String key, Color fallback) {
    Color c = UIManager.getColor(key);
    return c == null ? fallback : new Color(c.getRGB(), true);
  }

  /** True when the installed look is a dark one. */
  static boolean isDark() {
    return FlatLaf.isLafDark();
  }
}
