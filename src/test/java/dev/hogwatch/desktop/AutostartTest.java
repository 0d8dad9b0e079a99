package dev.hogwatch.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AutostartTest {

  @Test
  void switchingOnWritesADesktopEntryAndOffRemovesIt(@TempDir Path home) throws Exception {
    Path dir = Autostart.dir(Map.of("HOME", home.toString()));
    assertEquals(home.resolve(".config/autostart"), dir);
    Autostart a = new Autostart(dir, "hogwatch");
    assertFalse(a.enabled());
    a.set(true);
    assertTrue(a.enabled());
    List<String> lines = Files.readAllLines(dir.resolve("hogwatch.desktop"));
    assertEquals("[Desktop Entry]", lines.get(0));
    assertTrue(lines.contains("Type=Application"));
    assertTrue(lines.contains("Exec=hogwatch"));
    a.set(true); // idempotent
    a.set(false);
    assertFalse(a.enabled());
    a.set(false);
  }

  @Test
  void theFileLivesInTheAutostartFolderOfTheConfigHome() {
    Map<String, String> env = Map.of("HOME", "/home/a", "XDG_CONFIG_HOME", "/x/cfg");
    assertEquals(Xdg.configHome(env).resolve("autostart"), Autostart.dir(env));
  }

  @Test
  void execArgumentsAreQuotedForDesktopFiles() {
    assertEquals("/usr/bin/java", Autostart.quote("/usr/bin/java"));
    assertEquals("\"/opt/my app/hogwatch\"", Autostart.quote("/opt/my app/hogwatch"));
    assertEquals("\"/a\\\\$b\"", Autostart.quote("/a$b"));
  }

  @Test
  void grantCommandUsesTheRecommendedCapabilities() {
    assertEquals(
        List.of(
            "pkexec",
            "setcap",
            "cap_net_admin,cap_net_raw,cap_dac_read_search,cap_sys_ptrace+ep",
            "/nonexistent/nethogs"),
        Privileges.command(Path.of("/nonexistent/nethogs")));
    assertFalse(Privileges.grant(Path.of("/nonexistent/nethogs")).ok());
  }
}
