package dev.hogwatch.desktop;

import java.nio.file.Path;
import java.util.Map;

/**
 * The XDG base directories (freedesktop.org Base Directory Specification) that Hogwatch writes to.
 * A variable that is unset, empty or not an absolute path is ignored, as the specification says.
 *
 * <p>Example: {@code Xdg.configHome(Map.of("HOME", "/home/alice"))} is {@code /home/alice/.config};
 * with {@code XDG_CONFIG_HOME=/tmp/cfg} it is {@code /tmp/cfg}.
 */
public final class Xdg {
  private Xdg() {}

  /** {@code $XDG_CONFIG_HOME}, or {@code $HOME/.config}. */
  public static Path configHome(Map<String, String> env) {
    return base(env, "XDG_CONFIG_HOME", ".config");
  }

  /** {@code $XDG_DATA_HOME}, or {@code $HOME/.local/share}. */
  public static Path dataHome(Map<String, String> env) {
    return base(env, "XDG_DATA_HOME", ".local/share");
  }

  private static Path base(Map<String, String> env, String variable, String underHome) {
    String v = env.getOrDefault(variable, "");
    if (!v.isBlank() && Path.of(v).isAbsolute()) {
      return Path.of(v);
    }
    String home = env.getOrDefault("HOME", "");
    return Path.of(home.isBlank() ? System.getProperty("user.home") : home).resolve(underHome);
  }
}
