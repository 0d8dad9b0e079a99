package dev.hogwatch.ui.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogwatch.model.Units;
import dorkbox.systemTray.Menu;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The "Share on localhost:6432" toggle: off at start, after "Start at login", and reported. */
class TrayMenuShareTest {

  @Test
  void shareToggleIsOffByDefaultAfterStartAtLoginAndShowsTheReportedState() {
    TrayMenu.Listener listener = new NoopMenuListener();
    Menu root = new Menu();
    TrayMenu menu = new TrayMenu(root, listener, false, Units.Mode.BYTES);
    List<String> texts = menu.texts();
    int at = texts.indexOf("[ ] Share on localhost:6432");
    assertTrue(at > 0, texts.toString());
    assertEquals("[ ] Start at login", texts.get(at - 1));

    // choosing it in the real menu starts the page and shows it checked: TrayIT
    // (sharingChosenInTheNativeMenuServesThePageAndShowsChecked). Here: the menu shows the state
    // the program reports, whatever the click asked for (e.g. the port was taken)
    menu.setSharing(true);
    assertTrue(menu.texts().contains("[x] Share on localhost:6432"), menu.texts().toString());
    menu.setSharing(false);
    assertTrue(menu.texts().contains("[ ] Share on localhost:6432"));
  }
}
