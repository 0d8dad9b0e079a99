package dev.hogwatch.desktop;

import dev.hogwatch.model.CaptureStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Gives nethogs the capabilities it needs to see every process, without running anything of ours as
 * root: {@code pkexec setcap cap_net_admin,cap_net_raw,cap_dac_read_search,cap_sys_ptrace+ep
 * <nethogs>}, the set nethogs's own README recommends (raw sockets for capture; reading other
 * users' {@code /proc/<pid>/fd} to attribute connections).
 *
 * <p>Example: {@code Privileges.grant(Path.of("/usr/sbin/nethogs"))} asks for the administrator
 * password through polkit and returns {@code Result.ok()} when setcap succeeded.
 */
public final class Privileges {
  private Privileges() {}

  /** What happened; {@code message} is one or two lines for the user. */
  public record Result(boolean ok, String message) {}

  /** The command that grants the capabilities, run with sudo by hand, for messages. */
  public static String manualCommand(Path nethogs) {
    return "sudo setcap " + CaptureStatus.CAPABILITIES + " " + real(nethogs);
  }

  /** setcap refuses symbolic links: resolve them first. */
  static Path real(Path nethogs) {
    try {
      return nethogs.toRealPath();
    } catch (IOException e) {
      return nethogs;
    }
  }

  /** The pkexec command line for {@code nethogs}. */
  static List<String> command(Path nethogs) {
    return command(nethogs, System.getProperty("jpackage.app-path", ""));
  }

  /**
   * The pkexec command line for {@code nethogs} when the launcher is {@code appPath} (what the
   * jpackage launcher puts in {@code jpackage.app-path}; empty when run with {@code java -jar}).
   * Installed, it runs the package's grant script, which validates its argument and which the
   * polkit action {@code dev.hogwatch.grant-capture} describes: {@code pkexec
   * /opt/hogwatch/lib/hogwatch-grant-capture /usr/sbin/nethogs}. Otherwise plain {@code pkexec
   * setcap}.
   */
  static List<String> command(Path nethogs, String appPath) {
    return grantScript(appPath)
        .map(script -> List.of("pkexec", script.toString(), real(nethogs).toString()))
        .orElse(List.of("pkexec", "setcap", CaptureStatus.CAPABILITIES, real(nethogs).toString()));
  }

  /** {@code <app>/lib/hogwatch-grant-capture} beside the launcher {@code <app>/bin/hogwatch}. */
  static Optional<Path> grantScript(String appPath) {
    if (appPath.isEmpty()) {
      return Optional.empty();
    }
    Path bin = Path.of(appPath).toAbsolutePath().getParent();
    if (bin == null || bin.getParent() == null) {
      return Optional.empty();
    }
    Path script = bin.resolveSibling("lib").resolve("hogwatch-grant-capture");
    return Files.isExecutable(script) ? Optional.of(script) : Optional.empty();
  }

  /** Runs pkexec setcap and waits (up to five minutes, for the password dialog). */
  public static Result grant(Path nethogs) {
    if (!Files.isRegularFile(real(nethogs))) {
      return new Result(false, "nethogs was not found at " + nethogs + ".");
    }
    Process p;
    try {
      p = new ProcessBuilder(command(nethogs)).redirectErrorStream(true).start();
    } catch (IOException e) {
      return new Result(
          false,
          "pkexec is not installed, so Hogwatch cannot ask for the password itself.\n"
              + "Run this once in a terminal, then choose \"Grant capture permission…\" again:\n    "
              + manualCommand(nethogs));
    }
    try {
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        return new Result(false, "pkexec did not finish within five minutes.");
      }
      return switch (p.exitValue()) {
        case 0 -> new Result(true, "nethogs may now capture: " + CaptureStatus.CAPABILITIES + ".");
        case 126, 127 ->
            new Result(
                false,
                "Permission was not granted (cancelled or not authorised).\nBy hand:\n    "
                    + manualCommand(nethogs));
        default ->
            new Result(
                false,
                "setcap failed: "
                    + (out.isEmpty() ? "exit code " + p.exitValue() : out)
                    + "\nBy hand:\n    "
                    + manualCommand(nethogs));
      };
    } catch (IOException e) {
      java.util.logging.Logger.getLogger(Privileges.class.getName())
          .log(java.util.logging.Level.FINE, "pkexec did not start", e);
      return new Result(
          false,
          "The password prompt (pkexec, from polkit) could not be started; is the package"
              + " \"pkexec\" or \"policykit-1\" installed?\nBy hand:\n    "
              + manualCommand(nethogs));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroy();
      return new Result(false, "interrupted");
    }
  }

  /** True when this process runs as root (uid 0). */
  public static boolean isRoot() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          return line.split("\\s+", -1)[1].equals("0");
        }
      }
    } catch (IOException | RuntimeException e) {
      // no /proc: fall back to the name
    }
    return "root".equals(System.getProperty("user.name"));
  }
}
