package dev.hogwatch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hogwatch.desktop.Privileges;
import dev.hogwatch.history.History;
import dev.hogwatch.testing.SmallHistory;
import dev.hogwatch.testing.XSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
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
      SmallHistory.write(data, "curl", 7);
      assertEquals(0, new ProcessBuilder("chown", "-R", user, data.toString()).start().waitFor());
      Files.setPosixFilePermissions(
          data.resolve(History.FILE_NAME), PosixFilePermissions.fromString("r--------"));
      Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("r-x------"));
      byte[] before = SmallHistory.digest(data);
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
      SmallHistory.assertClean(out + err);
      assertEquals(0, p.exitValue(), err);
      assertEquals(10, new ObjectMapper().readTree(out).at("/totals/sentBytes").asLong(), out);
      assertArrayEquals(before, SmallHistory.digest(data), "report created or changed files");
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
