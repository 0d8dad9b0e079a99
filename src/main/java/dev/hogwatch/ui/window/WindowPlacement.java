package dev.hogwatch.ui.window;

import dev.hogwatch.ui.UiPrefs;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import javax.swing.JFrame;

/**
 * Where the graph window opens: where the user left it (its bounds are kept in the preferences)
 * while that place is still on a screen, else 760×520 in the middle. EDT only.
 */
final class WindowPlacement {
  private WindowPlacement() {}

  /** Sizes and places {@code frame} from {@code prefs}. */
  static void place(JFrame frame, UiPrefs prefs) {
    frame.setSize(760, 520);
    frame.setLocationRelativeTo(null);
    prefs
        .windowBounds()
        .ifPresent(
            b -> {
              Rectangle r = new Rectangle(b.x(), b.y(), b.width(), b.height());
              if (onScreen(r)) {
                frame.setBounds(r);
              }
            });
  }

  /** Whether at least 100×60 pixels of {@code r} are on one of the screens. */
  static boolean onScreen(Rectangle r) {
    if (GraphicsEnvironment.isHeadless()) {
      return false;
    }
    for (var device : GraphicsEnvironment.getLocalGraphicsEnvironment().getScreenDevices()) {
      Rectangle screen = device.getDefaultConfiguration().getBounds();
      Rectangle common = screen.intersection(r);
      if (!common.isEmpty() && common.width >= 100 && common.height >= 60) {
        return true;
      }
    }
    return false;
  }
}
