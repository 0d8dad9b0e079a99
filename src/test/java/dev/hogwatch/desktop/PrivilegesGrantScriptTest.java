package dev.hogwatch.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which command "Grant capture permission…" runs: the packaged grant script when there is one. */
class PrivilegesGrantScriptTest {

  @TempDir Path dir;

  private Path nethogs() throws IOException {
    return Files.createFile(dir.resolve("nethogs"));
  }

  private Path app(boolean withScript) throws IOException {
    Path app = dir.resolve("hogwatch");
    Files.createDirectories(app.resolve("bin"));
    Files.createDirectories(app.resolve("lib"));
    Files.createFile(app.resolve("bin/hogwatch"));
    if (withScript) {
      Files.createFile(
          app.resolve("lib/hogwatch-grant-capture"),
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    }
    return app;
  }

  @Test
  void installedLauncherRunsTheGrantScriptThroughPkexec() throws IOException {
    Path nethogs = nethogs();
    Path app = app(true);
    assertEquals(
        List.of(
            "pkexec",
            app.resolve("lib/hogwatch-grant-capture").toString(),
            nethogs.toRealPath().toString()),
        Privileges.command(nethogs, app.resolve("bin/hogwatch").toString()));
  }

  @Test
  void launcherWithoutTheScriptFallsBackToSetcap() throws IOException {
    Path nethogs = nethogs();
    Path app = app(false);
    assertEquals(
        List.of(
            "pkexec",
            "setcap",
            dev.hogwatch.model.CaptureStatus.CAPABILITIES,
            nethogs.toRealPath().toString()),
        Privileges.command(nethogs, app.resolve("bin/hogwatch").toString()));
  }

  @Test
  void plainJarFallsBackToSetcap() throws IOException {
    Path nethogs = nethogs();
    assertEquals(
        List.of(
            "pkexec",
            "setcap",
            dev.hogwatch.model.CaptureStatus.CAPABILITIES,
            nethogs.toRealPath().toString()),
        Privileges.command(nethogs, ""));
  }
}
