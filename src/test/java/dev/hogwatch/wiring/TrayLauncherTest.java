package dev.hogwatch.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogwatch.desktop.Privileges;
import dev.hogwatch.history.History;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrayLauncherTest {

  @Test
  void rootIsRefusedWithTheCapabilityRouteUnlessAllowed() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(err, true, StandardCharsets.UTF_8);
    int rc = TrayLauncher.refuseRoot(false, "/usr/sbin/nethogs", ps);
    if (Privileges.isRoot()) {
      assertEquals(TrayLauncher.EXIT_ROOT, rc);
      String msg = err.toString(StandardCharsets.UTF_8);
      assertTrue(msg.contains("sudo setcap cap_net_admin,cap_net_raw"), msg);
      assertTrue(msg.contains("--allow-root"), msg);
    } else {
      assertEquals(-1, rc);
    }
    assertEquals(-1, TrayLauncher.refuseRoot(true, "/usr/sbin/nethogs", ps));
  }

  @Test
  void aHistoryThatCannotBeSavedIsNamedInTheTrayStatusLine(@TempDir Path dir) throws Exception {
    Path notADir = dir.resolve("plain-file");
    Files.writeString(notADir, "x");
    try (History broken = History.start(History.Options.defaults(notADir.resolve("hogwatch")));
        History fine = History.start(History.Options.defaults(dir.resolve("ok")))) {
      broken.flush();
      fine.flush();
      assertEquals("history not saved", TrayLauncher.historyNotice(broken));
      assertEquals("", TrayLauncher.historyNotice(fine));
    }
    assertEquals("", TrayLauncher.historyNotice(null), "--no-history: nothing to say");
  }
}
