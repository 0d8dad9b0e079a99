package dev.hogwatch.desktop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * The per-user "Start at login" switch: an XDG autostart file, {@code
 * $XDG_CONFIG_HOME/autostart/hogwatch.desktop} (default {@code ~/.config/autostart}), which every
 * freedesktop session (GNOME, KDE, XFCE, MATE, LXQt, ...) runs at login.
 *
 * <p>Example: {@code new Autostart(Autostart.dir(System.getenv()), "hogwatch").set(true)} writes
 *
 * <pre>
 * [Desktop Entry]
 * Type=Application
 * Name=Hogwatch
 * Exec=hogwatch
 * ...
 * </pre>
 */
public final class Autostart {
  private final Path file;
  private final String exec;

  /**
   * @param dir the autostart directory, see {@link #dir}
   * @param exec the Exec= command line (already quoted for a desktop file)
   */
  public Autostart(Path dir, String exec) {
    this.file = dir.resolve("hogwatch.desktop");
    this.exec = exec;
  }

  /** {@code $XDG_CONFIG_HOME/autostart}, or {@code $HOME/.config/autostart}. */
  public static Path dir(Map<String, String> env) {
    return Xdg.configHome(env).resolve("autostart");
  }

  /**
   * The command that starts this installation: the jpackage launcher when there is one, else {@code
   * hogwatch} when that is on the PATH, else {@code java -jar <this jar>}.
   */
  public static String launcher(Map<String, String> env) {
    String app = System.getProperty("jpackage.app-path", "");
    if (!app.isEmpty()) {
      return quote(app);
    }
    for (String d : env.getOrDefault("PATH", "").split(":", -1)) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, "hogwatch"))) {
        return "hogwatch";
      }
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    try {
      Path jar =
          Path.of(Autostart.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return quote(java) + " -jar " + quote(jar.toString());
    } catch (java.net.URISyntaxException | RuntimeException e) {
      return "hogwatch";
    }
  }

  /**
   * Quotes an argument for a desktop file's Exec key when it needs it: first the Exec quoting rules
   * ({@code \\ " $ `} get a backslash inside double quotes), then the string-value escape (every
   * backslash doubled), as the Desktop Entry Specification says.
   */
  static String quote(String arg) {
    if (arg.matches("[A-Za-z0-9_./+-]+")) {
      return arg;
    }
    StringBuilder q = new StringBuilder("\"");
    for (int i = 0; i < arg.length(); i++) {
      char c = arg.charAt(i);
      if (c == '\\' || c == '"' || c == '$' || c == '`') {
        q.append('\\');
      }
      q.append(c);
    }
    q.append('"');
    return q.toString().replace("\\", "\\\\");
  }

  /** Whether the autostart file exists. */
  public boolean enabled() {
    return Files.isRegularFile(file);
  }

  /** The autostart file's path. */
  public Path file() {
    return file;
  }

  /** Writes (atomically) or removes the autostart file. */
  public void set(boolean on) throws IOException {
    if (!on) {
      Files.deleteIfExists(file);
      return;
    }
    Files.createDirectories( // 0700 even under umask 000
        file.getParent(),
        java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
            java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
    String text =
        "[Desktop Entry]\n"
            + "Type=Application\n"
            + "Name=Hogwatch\n"
            + "Comment=Shows who is using the network\n"
            + "Exec="
            + exec
            + "\n"
            + "Icon=hogwatch\n"
            + "Terminal=false\n"
            + "Categories=Network;Monitor;\n"
            + "X-GNOME-Autostart-enabled=true\n";
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
