package dev.hogwatch.wiring;

import dev.hogwatch.desktop.Xdg;
import dev.hogwatch.ui.UiPrefs;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Checks the names the global options take before anything uses them: no empty data directory (it
 * would record into the current directory), no NUL bytes, no device name that nethogs would read as
 * an option ({@code --devices=-c}).
 */
final class Paths {
  private Paths() {}

  /**
   * The user's window and tray preferences: {@code $XDG_CONFIG_HOME/hogwatch/ui.properties}, or
   * {@code ~/.config/hogwatch/ui.properties}.
   */
  static UiPrefs userPrefs() {
    return new UiPrefs(uiPrefsFile(System.getenv()));
  }

  /** The alert rules: {@code $XDG_CONFIG_HOME/hogwatch/alerts.json}. */
  static Path alertRules() {
    return Xdg.configHome(System.getenv())
        .resolve("hogwatch")
        .resolve(dev.hogwatch.alerts.RulesFile.FILE_NAME);
  }

  /** Where {@link #userPrefs()} are kept, for this environment. */
  static Path uiPrefsFile(java.util.Map<String, String> env) {
    return Xdg.configHome(env).resolve("hogwatch").resolve("ui.properties");
  }

  /** A Linux interface name: 1 to 15 bytes, no '/', no whitespace, not starting with '-'. */
  private static final Pattern DEVICE = Pattern.compile("[A-Za-z0-9_.:@][A-Za-z0-9_.:@+-]{0,14}");

  static Path path(String what, String value) {
    if (value.isBlank()) {
      throw new TypeConversionException(what + " must not be empty");
    }
    if (value.indexOf('\0') >= 0) {
      throw new TypeConversionException(what + " must not contain NUL bytes");
    }
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw new TypeConversionException(what + " is not a usable path");
    }
  }

  /** {@code --data-dir}. */
  static final class DataDir implements ITypeConverter<Path> {
    @Override
    public Path convert(String value) {
      return path("the data directory", value);
    }
  }

  /** {@code --nethogs}. */
  static final class Nethogs implements ITypeConverter<Path> {
    @Override
    public Path convert(String value) {
      return path("the nethogs path", value);
    }
  }

  /** One name of {@code --devices}. */
  static final class Device implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      if (!DEVICE.matcher(value).matches()) {
        throw new TypeConversionException(
            "'"
                + value.replaceAll("\\p{Cntrl}", "?")
                + "' is not a network device name (e.g. eth0, wlan0; see ip link)");
      }
      return value;
    }
  }
}
