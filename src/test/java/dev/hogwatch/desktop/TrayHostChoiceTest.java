package dev.hogwatch.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrayHostChoiceTest {
  private static final TrayHost.Result BOTH = new TrayHost.Result(true, true, true, "both");
  private static final TrayHost.Result XEMBED = new TrayHost.Result(true, true, false, "x");
  private static final TrayHost.Result SNI = new TrayHost.Result(true, false, true, "sni");
  private static final TrayHost.Result NONE = new TrayHost.Result(true, false, false, "none");

  @Test
  void aStatusNotifierWatcherWinsEvenWhereAnXembedTrayIsThereToo() {
    TrayHost.Choice c = TrayHost.choose(BOTH, "");
    assertTrue(c.statusNotifier());
    assertFalse(c.forced());
    assertEquals(
        "a StatusNotifierWatcher is on the session bus (an XEMBED tray is there too)", c.reason());
    assertEquals("a StatusNotifier item", c.path());
    assertTrue(TrayHost.choose(SNI, null).statusNotifier());
  }

  @Test
  void withoutAWatcherTheIconIsAnXembedOne() {
    TrayHost.Choice c = TrayHost.choose(XEMBED, "");
    assertFalse(c.statusNotifier());
    assertEquals(
        "no StatusNotifierWatcher on the session bus; an XEMBED tray owns _NET_SYSTEM_TRAY_S0",
        c.reason());
    assertEquals("an XEMBED tray icon", c.path());
  }

  @Test
  void theOverrideIsKeptAndSaysWhenNothingWouldShowIt() {
    TrayHost.Choice gtk = TrayHost.choose(BOTH, "gtk");
    assertFalse(gtk.statusNotifier());
    assertTrue(gtk.forced());
    assertEquals("forced with -Dhogwatch.tray.type=gtk", gtk.reason());
    TrayHost.Choice sni = TrayHost.choose(XEMBED, " AppIndicator ");
    assertTrue(sni.statusNotifier());
    assertEquals(
        "forced with -Dhogwatch.tray.type=AppIndicator (but no StatusNotifierWatcher is on the"
            + " session bus: nothing may show it)",
        sni.reason());
    assertTrue(TrayHost.choose(SNI, "Gtk").reason().contains("nothing owns _NET_SYSTEM_TRAY_S0"));
  }

  @Test
  void anUnknownOverrideIsIgnoredAndSaidSo() {
    TrayHost.Choice c = TrayHost.choose(SNI, "Swing");
    assertTrue(c.statusNotifier());
    assertFalse(c.forced());
    assertTrue(c.reason().endsWith("-Dhogwatch.tray.type=Swing ignored (use AppIndicator or Gtk)"));
    assertEquals("no tray host found", TrayHost.choose(NONE, "").reason());
  }
}
