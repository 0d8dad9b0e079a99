package dev.hogwatch.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogwatch.model.Units;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UiPrefsTest {
  private final Preferences node =
      Preferences.userRoot().node("dev/hogwatch/test-prefs-" + ProcessHandle.current().pid());
  private final UiPrefs prefs = new UiPrefs(node);

  @AfterEach
  void remove() throws Exception {
    node.removeNode();
  }

  @Test
  void defaultsAreBytesFollowTheDesktopAndNoBounds() {
    assertEquals(Units.Mode.BYTES, prefs.units());
    assertEquals(UiPrefs.Theme.SYSTEM, prefs.theme());
    assertEquals(Optional.empty(), prefs.windowBounds());
  }

  @Test
  void choicesAreKept() {
    prefs.setUnits(Units.Mode.BITS);
    prefs.setTheme(UiPrefs.Theme.DARK);
    prefs.setWindowBounds(new UiPrefs.Bounds(-10, 20, 760, 520));
    UiPrefs again = new UiPrefs(node);
    assertEquals(Units.Mode.BITS, again.units());
    assertEquals(UiPrefs.Theme.DARK, again.theme());
    assertEquals(Optional.of(new UiPrefs.Bounds(-10, 20, 760, 520)), again.windowBounds());
  }

  @Test
  void damagedValuesFallBackToDefaults() {
    node.put("units", "furlongs");
    node.put("theme", "");
    node.put("windowBounds", "1,2,x,4");
    assertEquals(Units.Mode.BYTES, prefs.units());
    assertEquals(UiPrefs.Theme.SYSTEM, prefs.theme());
    assertEquals(Optional.empty(), prefs.windowBounds());
    node.put("windowBounds", "1,2,0,4");
    assertEquals(Optional.empty(), prefs.windowBounds(), "zero width is no window");
  }

  @Test
  void listenersHearChangesMadeElsewhereInTheJvm() throws Exception {
    CountDownLatch heard = new CountDownLatch(1);
    prefs.onChange(heard::countDown);
    new UiPrefs(node).setUnits(Units.Mode.BITS); // e.g. the tray's instance
    assertTrue(heard.await(10, TimeUnit.SECONDS));
  }
}
