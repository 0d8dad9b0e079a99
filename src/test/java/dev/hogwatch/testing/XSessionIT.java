package dev.hogwatch.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hogwatch.desktop.TrayHost;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The test session itself: display, tray host detection, user switching, screenshots. */
class XSessionIT {

  @Test
  void trayerOwnsTheTraySelectionAndCommandsRunAsTheTestUser() throws Exception {
    assumeTrue(XSession.unavailable(true).isEmpty(), () -> XSession.unavailable(true).get());
    String user;
    java.nio.file.Path dir;
    try (XSession x = XSession.start(XSession.Panel.LIGHT)) {
      user = x.user();
      dir = x.dir();
      assertTrue(TrayHost.detect(Map.of("DISPLAY", x.display())).present());
      Process id = x.runAsUser(x.dir().resolve("id.log"), "id", "-un");
      assertTrue(id.waitFor(10, TimeUnit.SECONDS));
      assertEquals(x.user(), Files.readString(x.dir().resolve("id.log")).strip());
      BufferedImage shot = x.screenshot(x.dir().resolve("shot.png"));
      assertEquals(1024, shot.getWidth());
    }
    // the session's user and its folders are gone with it
    Process id = new ProcessBuilder("id", "-u", user).redirectErrorStream(true).start();
    id.getInputStream().readAllBytes();
    assertEquals(1, id.waitFor(), user + " still exists");
    assertFalse(Files.exists(dir), dir + " left behind");
  }

  @Test
  void aBareDisplayHasNoTrayHost() throws Exception {
    assumeTrue(XSession.unavailable(false).isEmpty(), () -> XSession.unavailable(false).get());
    try (XSession x = XSession.start(XSession.Panel.NONE)) {
      TrayHost.Result r = TrayHost.detect(Map.of("DISPLAY", x.display()));
      assertFalse(r.present(), r.description());
      assertTrue(x.trayIcons().isEmpty());
    }
  }
}
