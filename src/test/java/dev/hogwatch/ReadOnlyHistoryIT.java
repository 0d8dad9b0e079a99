package dev.hogwatch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hogwatch.desktop.Privileges;
import dev.hogwatch.history.History;
import dev.hogwatch.model.Accounting;
import dev.hogwatch.model.CaptureStatus;
import dev.hogwatch.model.Refresh;
import dev.hogwatch.model.TraceLine;
import dev.hogwatch.testing.XSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code hogwatch report} run by an ordinary user on a history whose directory and file are
 * read-only for that user (issue 17, point 8): it reads the numbers and creates nothing (no {@code
 * -wal}, no {@code -shm}, no journal), through SQLite's {@code immutable=1}. Needs root (to switch
 * to a test user made for the run) and the shaded jar.
 */
class ReadOnlyHistoryIT {

  private static byte[] digest(Path dir) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.sorted().toList()) {
        md.update(p.getFileName().toString().getBytes(StandardCharsets.UTF_8));
        md.update(Files.readAllBytes(p));
      }
    }
    return md.digest();
  }

  @Test
  void anOrdinaryUserReadsAReadOnlyHistoryAndChangesNothing() throws Exception {
    String jarPath = System.getProperty("hogwatch.jar", "");
    assumeTrue(!jarPath.isEmpty() && Files.isRegularFile(Path.of(jarPath)), "hogwatch.jar");
    assumeTrue(Privileges.isRoot(), "needs root to run as the test user");
    Path base = Files.createTempDirectory("hogwatch-ro-");
    String user = null;
    try {
      Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
      user = XSession.createUser(base.resolve("home")); // this test's own, deleted at the end
      Path data = base.resolve("data");
      Instant now = Instant.now();
      Accounting acc = new Accounting(Long.MAX_VALUE, 100, pid -> true, uid -> "root");
      History.Options o =
          History.Options.defaults(data)
              .withClock(Clock.fixed(now, ZoneOffset.UTC))
              .withFlushEvery(Duration.ofHours(1));
      try (History h = History.start(o)) {
        acc.apply(new Refresh(1_000_000_000L, 1, List.of(new TraceLine("curl", 7, 0, 10, 20))));
        h.accept(
            acc.snapshot(
                now.minusSeconds(60),
                1_000_000_000L,
                CaptureStatus.of(CaptureStatus.State.RUNNING, ""),
                0));
        h.flush();
      }
      assertEquals(0, new ProcessBuilder("chown", "-R", user, data.toString()).start().waitFor());
      Files.setPosixFilePermissions(
          data.resolve(History.FILE_NAME), PosixFilePermissions.fromString("r--------"));
      Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("r-x------"));
      byte[] before = digest(data);
      Path jar = base.resolve("hogwatch.jar");
      Files.copy(Path.of(jarPath), jar);
      Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
      Process p =
          new ProcessBuilder(
                  "runuser",
                  "-u",
                  user,
                  "--",
                  "env",
                  "-i",
                  "HOME=" + base,
                  "PATH=/usr/bin:/bin",
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx64m",
                  "-jar",
                  jar.toString(),
                  "--data-dir",
                  data.toString(),
                  "report",
                  "--format",
                  "json")
              .redirectError(base.resolve("err.txt").toFile())
              .start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), "report did not end within 120 s");
      String err = Files.readString(base.resolve("err.txt"));
      HostileInputTest.assertClean(out + err);
      assertEquals(0, p.exitValue(), err);
      assertEquals(10, new ObjectMapper().readTree(out).at("/totals/sentBytes").asLong(), out);
      assertArrayEquals(before, digest(data), "report created or changed files");
    } finally {
      if (user != null) {
        XSession.removeUser(user);
      }
      deleteTree(base);
    }
  }

  private static void deleteTree(Path base) throws IOException {
    try (Stream<Path> s = Files.walk(base)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
