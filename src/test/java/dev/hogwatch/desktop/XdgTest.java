package dev.hogwatch.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class XdgTest {
  @Test
  void anAbsoluteVariableWins() {
    Map<String, String> env =
        Map.of("HOME", "/home/a", "XDG_CONFIG_HOME", "/x/cfg", "XDG_DATA_HOME", "/x/data");
    assertEquals(Path.of("/x/cfg"), Xdg.configHome(env));
    assertEquals(Path.of("/x/data"), Xdg.dataHome(env));
  }

  @Test
  void unsetEmptyOrRelativeFallsBackUnderHome() {
    for (String v : new String[] {null, "", "  ", "relative/dir"}) {
      Map<String, String> env =
          v == null
              ? Map.of("HOME", "/home/a")
              : Map.of("HOME", "/home/a", "XDG_CONFIG_HOME", v, "XDG_DATA_HOME", v);
      assertEquals(Path.of("/home/a/.config"), Xdg.configHome(env), "XDG_*=" + v);
      assertEquals(Path.of("/home/a/.local/share"), Xdg.dataHome(env), "XDG_*=" + v);
    }
  }

  @Test
  void withoutHomeTheJvmsUserHomeIsUsed() {
    assertEquals(Path.of(System.getProperty("user.home"), ".config"), Xdg.configHome(Map.of()));
  }
}
