package dev.hogwatch.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, point 4: the Fix line suggests setcap only for a nethogs that root alone controls, as
 * the grant script checks; a user's copy first on PATH gets the reason and the system nethogs.
 */
class NethogsTrustTest {
  @TempDir Path tmp;

  @Test
  void theSystemNethogsGetsTheSetcapLine() {
    Assumptions.assumeTrue(Files.isRegularFile(NethogsTrust.SYSTEM), "nethogs installed");
    assertTrue(NethogsTrust.whyUnsafe(NethogsTrust.SYSTEM).isEmpty());
    assertEquals(
        "sudo setcap cap_net_admin,cap_net_raw,cap_dac_read_search,cap_sys_ptrace+ep"
            + " /usr/sbin/nethogs",
        NethogsSupervisor.setcapFix("/usr/sbin/nethogs"));
  }

  @Test
  void aUsersCopyIsRefusedWithTheReasonAndTheSystemNethogs() throws Exception {
    Assumptions.assumeTrue(Files.isRegularFile(NethogsTrust.SYSTEM), "nethogs installed");
    Path home = tmp.resolve("home/ann/bin");
    Files.createDirectories(home);
    Path copy = home.resolve("nethogs");
    Files.copy(NethogsTrust.SYSTEM, copy);
    Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
    // owned by an ordinary user, as ~/bin/nethogs is
    Files.setAttribute(copy, "unix:uid", 1000);
    String fix = NethogsSupervisor.setcapFix(copy.toString());
    assertFalse(fix.startsWith("sudo setcap"), fix);
    assertTrue(fix.contains("owned by uid 1000, not root"), fix);
    assertTrue(fix.contains("--nethogs /usr/sbin/nethogs"), fix);
    assertTrue(
        fix.startsWith(
            "use the system nethogs: sudo setcap cap_net_admin,cap_net_raw,cap_dac_read_search,"
                + "cap_sys_ptrace+ep /usr/sbin/nethogs, then --nethogs /usr/sbin/nethogs (no"
                + " capabilities for "
                + copy),
        fix);
    // root-owned, but in a directory anyone may write to (/tmp): refused as well
    Files.setAttribute(copy, "unix:uid", 0);
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertTrue(NethogsTrust.whyUnsafe(copy).orElseThrow().contains("writable by everyone"));
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxrwxr-x"));
    assertTrue(NethogsTrust.whyUnsafe(copy).orElseThrow().contains("writable by a group"));
  }

  @Test
  void aScriptOrAnotherNameIsNotNethogs() throws Exception {
    Path script = tmp.resolve("nethogs");
    Files.writeString(script, "#!/bin/sh\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    assertTrue(NethogsTrust.whyUnsafe(script).orElseThrow().contains("not a program"));
    Path other = tmp.resolve("sh");
    Files.copy(Path.of("/bin/sh").toRealPath(), other);
    assertTrue(NethogsTrust.whyUnsafe(other).orElseThrow().contains("not named nethogs"));
    assertTrue(NethogsTrust.whyUnsafe(tmp.resolve("missing")).orElseThrow().contains("not exist"));
  }
}
