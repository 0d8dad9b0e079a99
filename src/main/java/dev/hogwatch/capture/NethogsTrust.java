package dev.hogwatch.capture;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether capabilities may be granted to a nethogs binary: the same checks as the package's grant
 * script ({@code installer/common/hogwatch-grant-capture}). The path must resolve to a regular
 * executable ELF file named {@code nethogs}, owned by root and not writable by group or others, in
 * directories with the same property all the way up. Granting capabilities to a file that a user
 * can replace would hand that user those capabilities.
 *
 * <p>Example: {@code whyUnsafe(Path.of("/home/ann/bin/nethogs"))} is {@code "/home/ann/bin/nethogs
 * is owned by uid 1000, not root"}; {@code whyUnsafe(Path.of("/usr/sbin/nethogs"))} is empty.
 */
public final class NethogsTrust {
  private NethogsTrust() {}

  /** The nethogs distributions install, for when the one found is not trustworthy. */
  public static final Path SYSTEM = Path.of("/usr/sbin/nethogs");

  /** Why {@code nethogs} must not get capabilities, or empty when it may. */
  public static Optional<String> whyUnsafe(Path nethogs) {
    Path real;
    try {
      real = nethogs.toAbsolutePath().toRealPath();
    } catch (IOException e) {
      return Optional.of(nethogs + " does not exist");
    }
    if (real.getFileName() == null || !real.getFileName().toString().equals("nethogs")) {
      return Optional.of(real + " is not named nethogs");
    }
    if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS) || !Files.isExecutable(real)) {
      return Optional.of(real + " is not an executable file");
    }
    try (InputStream in = Files.newInputStream(real)) {
      byte[] magic = in.readNBytes(4);
      if (magic.length != 4
          || magic[0] != 0x7f
          || magic[1] != 'E'
          || magic[2] != 'L'
          || magic[3] != 'F') {
        return Optional.of(real + " is not a program (ELF) file");
      }
    } catch (IOException e) {
      return Optional.of(real + " cannot be read");
    }
    for (Path p = real; p != null; p = p.getParent()) {
      Optional<String> why = rootOnly(p, p.equals(real) ? real.toString() : "its directory " + p);
      if (why.isPresent()) {
        return why;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> rootOnly(Path p, String what) {
    try {
      int uid = (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
      int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
      if (uid != 0) {
        return Optional.of(what + " is owned by uid " + uid + ", not root");
      }
      if ((mode & 0022) != 0) {
        return Optional.of(
            what + " is writable by " + ((mode & 0002) != 0 ? "everyone" : "a group"));
      }
      return Optional.empty();
    } catch (IOException | UnsupportedOperationException | ClassCastException e) {
      return Optional.of(what + " cannot be checked");
    }
  }

  /**
   * The fix line for a nethogs without capabilities: the setcap command when {@code nethogs} is
   * trustworthy, else what to use instead (the system nethogs, or installing it) and why. Example:
   * {@code "use the system nethogs: sudo setcap ... /usr/sbin/nethogs, then --nethogs
   * /usr/sbin/nethogs (no capabilities for /home/ann/bin/nethogs: /home/ann/bin/nethogs is owned by
   * uid 1000, not root; whoever can change it would get them)"}.
   */
  public static String setcapFix(String nethogs) {
    Path p = Path.of(nethogs);
    Optional<String> why = whyUnsafe(p);
    if (why.isEmpty()) {
      return setcap(p);
    }
    String instead =
        !p.toAbsolutePath().equals(SYSTEM) && whyUnsafe(SYSTEM).isEmpty()
            ? "use the system nethogs: " + setcap(SYSTEM) + ", then --nethogs " + SYSTEM
            : "install nethogs from your distribution: " + NethogsSupervisor.INSTALL_FIX;
    return instead
        + " (no capabilities for "
        + nethogs
        + ": "
        + why.get()
        + "; whoever can change it would get them)";
  }

  private static String setcap(Path p) {
    Path real = p;
    try {
      real = p.toRealPath(); // setcap refuses symlinks
    } catch (IOException e) {
      // keep the path as given
    }
    return "sudo setcap " + dev.hogwatch.model.CaptureStatus.CAPABILITIES + " " + real;
  }
}
