package dev.hogwatch.ui.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogwatch.model.Units;
import dorkbox.systemTray.Checkbox;
import dorkbox.systemTray.Entry;
import dorkbox.systemTray.Menu;
import java.util.ArrayList;
import java.util.List;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;

/** The "Share on localhost:6432" toggle: off at start, after "Start at login", and reported. */
class TrayMenuShareTest {

  @Test
  void shareToggleIsOffByDefaultAndCallsTheListener() throws Exception {
    List<Boolean> calls = new ArrayList<>();
    TrayMenu.Listener listener =
        new NoopMenuListener() {
          @Override
          public void share(boolean enabled) {
            calls.add(enabled);
          }
        };
    Menu root = new Menu();
    TrayMenu menu = new TrayMenu(root, listener, false, Units.Mode.BYTES);
    List<String> texts = menu.texts();
    int at = texts.indexOf("[ ] Share on localhost:6432");
    assertTrue(at > 0, texts.toString());
    assertEquals("[ ] Start at login", texts.get(at - 1));

    Checkbox share = null;
    for (Entry e : root.getEntries()) {
      if (e instanceof Checkbox c && c.getText().equals(TrayMenu.SHARE)) {
        share = c;
      }
    }
    assertTrue(share != null);
    share.setChecked(true);
    share.getCallback().actionPerformed(null);
    SwingUtilities.invokeAndWait(() -> {}); // callbacks hop to the event thread
    assertEquals(List.of(true), calls);
    menu.setSharing(false);
    assertTrue(menu.texts().contains("[ ] Share on localhost:6432"));
  }
}
