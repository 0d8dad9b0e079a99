package dev.hogwatch.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.hogwatch.cli.Backend;
import dev.hogwatch.desktop.TrayHost;
import org.junit.jupiter.api.Test;

class DoctorTrayLineTest {
  @Test
  void theTrayLineSaysWhichPathAndWhy() {
    Backend.Check sni = CliBackend.trayCheck(new TrayHost.Result(true, false, true, "sni"), "");
    assertEquals(
        "icon as a StatusNotifier item, because a StatusNotifierWatcher is on the session bus",
        sni.detail());
    Backend.Check forced =
        CliBackend.trayCheck(new TrayHost.Result(true, true, true, "both"), "Gtk");
    assertEquals(
        "icon as an XEMBED tray icon, forced with -Dhogwatch.tray.type=Gtk", forced.detail());
    Backend.Check none =
        CliBackend.trayCheck(
            new TrayHost.Result(true, false, false, "no notification area on :5"), "");
    assertFalse(none.ok());
    assertEquals(
        "no tray host found (no notification area on :5; no _NET_SYSTEM_TRAY_S0 owner, no"
            + " StatusNotifierWatcher)",
        none.detail());
  }
}
