package dev.hogwatch.history;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 while recording: a child JVM records, is killed with SIGKILL, and the file must be
 * consistent and miss at most the last flush period ({@link History#FLUSH_EVERY}, within the
 * promised 10 s).
 */
class KillNineTest {
  @TempDir Path dir;

  private record Fed(long nanos, long bytes) {}

  @Test
  void killNineLosesAtMostTheLastFlushPeriod() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                KillNineChild.class.getName(),
                dir.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    List<Fed> fed = new ArrayList<>();
    long killedAt;
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      long first = 0;
      String line;
      while ((line = r.readLine()) != null) {
        long now = System.nanoTime();
        fed.add(new Fed(now, Long.parseLong(line.substring(4))));
        if (first == 0) {
          first = now;
        }
        // 9 s: past the first flush (5 s), killed somewhere in the second period
        if (now - first > TimeUnit.MILLISECONDS.toNanos(9000)) {
          break;
        }
      }
      killedAt = System.nanoTime();
      child.destroyForcibly(); // SIGKILL on Linux
      assertTrue(child.waitFor(20, TimeUnit.SECONDS));
    } finally {
      child.destroyForcibly();
    }
    assertEquals(137, child.exitValue(), "killed by SIGKILL");
    long total = fed.get(fed.size() - 1).bytes();
    long lossBound = History.FLUSH_EVERY.toNanos() + TimeUnit.SECONDS.toNanos(2);
    long mustHave =
        fed.stream()
            .filter(f -> f.nanos() <= killedAt - lossBound)
            .mapToLong(Fed::bytes)
            .max()
            .orElse(0);
    assertTrue(mustHave > 0, "the child ran long enough to have flushed");
    try (HistoryStore s =
        HistoryStore.open(dir.resolve(History.FILE_NAME), ZoneId.systemDefault())) {
      long[] day = s.grandTotal(Resolution.DAY, false);
      System.out.printf(
          "kill -9: fed %d bytes, %d on disk, lost %.1f%% (must keep >= %d)%n",
          total, day[0], 100.0 * (total - day[0]) / total, mustHave);
      assertTrue(day[0] >= mustHave, "on disk " + day[0] + " < " + mustHave);
      assertTrue(day[0] <= total, "never more than was fed");
      for (Resolution r : Resolution.values()) {
        assertArrayEquals(day, s.grandTotal(r, false), r + " agrees with days");
        assertArrayEquals(day, s.grandTotal(r, true), r + " programs add up to the total");
      }
    }
  }
}
