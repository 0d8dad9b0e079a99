package dev.hogwatch.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fills up while recording: history must carry on in memory and say so, never crash.
 * Uses a real 512 kB tmpfs (room for the empty schema and the first seconds), so it needs root
 * (mount); CI runs as root.
 */
class FullDiskTest {
  @TempDir Path dir;

  private static int sh(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor();
  }

  @Test
  void aFullDiskDegradesToMemoryWithANotice() throws Exception {
    assumeTrue(
        "root".equals(System.getProperty("user.name")),
        "needs root to mount a small tmpfs (CI runs as root)");
    Path mnt = dir.resolve("small");
    Files.createDirectories(mnt);
    assertEquals(0, sh("mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", mnt.toString()));
    try {
      Instant t0 = Instant.parse("2026-11-20T10:00:00Z");
      History.Options o = History.Options.defaults(mnt).withClock(Clock.fixed(t0, RollupTest.ZONE));
      long fed = 0;
      Usage inMemory;
      try (History h = History.start(o)) {
        Traffic t = new Traffic(1);
        for (int i = 0; i < 3000 && h.status().state() != HistoryStatus.State.MEMORY_ONLY; i++) {
          Instant now = t0.plusSeconds(i);
          for (int p = 0; p < 20; p++) { // long names fill pages quickly
            t.add(
                now, "program-with-a-long-name-" + "x".repeat(40) + (i * 20 + p), 1 + p, 0, 99, 1);
            fed += 99;
          }
          h.accept(t.snapshot(now));
          h.flush();
        }
        HistoryStatus st = h.status();
        assertEquals(HistoryStatus.State.MEMORY_ONLY, st.state(), st.toString());
        assertTrue(st.message().contains("disk is full"), st.message());
        // recording goes on, in memory: the newest second is there
        Instant after = t0.plusSeconds(4000);
        t.add(after, "after-full", 5, 0, 12345, 0);
        h.accept(t.snapshot(after));
        Usage u = h.readStore(s -> s.usage(after, after.plusSeconds(1))).get(10, TimeUnit.SECONDS);
        assertEquals(12345, u.sentBytes());
        inMemory = h.readStore(s -> s.usage(t0, after.plusSeconds(1))).get(10, TimeUnit.SECONDS);
      }
      // nothing fed was lost and nothing counted twice: what the file got before the disk filled
      // up plus what memory kept since is every byte fed (the file is read from a copy: the full
      // disk has no room for SQLite's side files)
      Path copy = dir.resolve("copy");
      Files.createDirectories(copy);
      for (String f : new String[] {"history.db", "history.db-wal"}) {
        if (Files.exists(mnt.resolve(f))) {
          Files.copy(mnt.resolve(f), copy.resolve(f));
        }
      }
      long onDisk;
      try (HistoryStore file = HistoryStore.open(copy.resolve("history.db"), RollupTest.ZONE)) {
        onDisk = file.usage(t0, t0.plusSeconds(4001)).sentBytes();
      }
      assertTrue(onDisk > 0, "the file got the first seconds");
      assertEquals(
          fed + 12345,
          onDisk + inMemory.sentBytes(),
          "fed " + fed + " + 12345; on disk " + onDisk + ", in memory " + inMemory.sentBytes());
    } finally {
      sh("umount", "-l", mnt.toString());
    }
  }
}
