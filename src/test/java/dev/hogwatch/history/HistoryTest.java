package dev.hogwatch.history;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recorder: runs adding up, the file's privacy, damaged files, unwritable places, locking. */
class HistoryTest {
  static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

  @TempDir Path dir;

  private History.Options options(Path dataDir) {
    return History.Options.defaults(dataDir)
        .withClock(Clock.fixed(T0.plus(Duration.ofDays(1)), RollupTest.ZONE));
  }

  /** Feeds {@code seconds} snapshots of two programs to {@code h}; returns the traffic. */
  private static Traffic run(History h, long generation, Instant from, int seconds) {
    Traffic t = new Traffic(generation);
    for (int i = 0; i < seconds; i++) {
      Instant now = from.plusSeconds(i);
      t.add(now, "iperf3", 10 + (int) generation, 0, 1000 + i, 7);
      if (i % 3 == 0) {
        t.add(now, "/usr/bin/curl", 20 + (int) generation, 1000, 5, 123_456);
      }
      h.accept(t.snapshot(now));
      if (i % 10 == 0) {
        try {
          h.flush(); // without this, snapshots may be coalesced: fine, but less to check
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
      }
    }
    return t;
  }

  private static Usage read(History h, Instant from, Instant to) throws Exception {
    return h.readStore(s -> s.usage(from, to)).get(10, TimeUnit.SECONDS);
  }

  @Test
  void twoRunsAddUp() throws Exception {
    Traffic first;
    try (History h = History.start(options(dir))) {
      first = run(h, 1, T0, 60);
    }
    Traffic second;
    try (History h = History.start(options(dir))) {
      second = run(h, 2, T0.plusSeconds(3600), 90);
      assertEquals(HistoryStatus.State.RECORDING, h.status().state());
    }
    try (HistoryStore s = HistoryStore.open(dir.resolve(History.FILE_NAME), RollupTest.ZONE)) {
      Usage all = s.usage(T0.minusSeconds(1), T0.plusSeconds(7200));
      long[] truth =
          Stream.of(first, second)
              .map(t -> Traffic.sums(t.ledger(), Instant.MIN, Instant.MAX).get("*"))
              .reduce((x, y) -> new long[] {x[0] + y[0], x[1] + y[1]})
              .orElseThrow();
      assertArrayEquals(truth, new long[] {all.sentBytes(), all.receivedBytes()});
      assertEquals(2, all.programs().size());
      assertEquals("/usr/bin/curl", all.programs().get(0).name());
      assertEquals("u1000", all.programs().get(0).user());
      // each run alone, too
      assertArrayEquals(
          Traffic.sums(first.ledger(), Instant.MIN, Instant.MAX).get("*"),
          Traffic.sums(s.usage(T0, T0.plusSeconds(60))).get("*"));
      // per-process detail: one row per pid and minute
      Map<String, Long> rows = s.rowCounts();
      assertTrue(rows.get("process_min") >= 4, rows.toString());
    }
  }

  @Test
  void fileIsPrivateAndWriteAhead() throws Exception {
    Path data = dir.resolve("new/hogwatch");
    try (History h = History.start(options(data))) {
      run(h, 1, T0, 5);
      h.flush();
      assertEquals(
          "rw-------",
          PosixFilePermissions.toString(
              Files.getPosixFilePermissions(data.resolve(History.FILE_NAME))));
      assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("history.db"));
          Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
        rs.next();
        assertEquals("wal", rs.getString(1));
      }
    }
  }

  @Test
  void aFileThatIsNotADatabaseIsMovedAsideAndANewOneStarted() throws Exception {
    byte[] garbage =
        "this is not SQLite, just some text\n".repeat(200).getBytes(StandardCharsets.UTF_8);
    Files.write(dir.resolve(History.FILE_NAME), garbage);
    try (History h = History.start(options(dir))) {
      Traffic t = run(h, 1, T0, 20);
      h.flush();
      HistoryStatus st = h.status();
      assertEquals(HistoryStatus.State.RECOVERED, st.state(), st.toString());
      assertTrue(st.needsAttention());
      Path aside = movedAside();
      assertTrue(st.message().contains(aside.getFileName().toString()), st.message());
      assertNoJavaText(st.message());
      assertTrue(st.message().contains("it is not a history file"), st.message());
      assertArrayEquals(garbage, Files.readAllBytes(aside), "the old file is kept as it was");
      assertArrayEquals(
          Traffic.sums(t.ledger(), Instant.MIN, Instant.MAX).get("*"),
          Traffic.sums(read(h, T0, T0.plusSeconds(20))).get("*"),
          "the new file records");
    }
  }

  @Test
  void aDamagedPageIsFoundAtStartAndTheFileMovedAside() throws Exception {
    try (History h = History.start(options(dir))) {
      run(h, 1, T0, 600);
    }
    Path file = dir.resolve(History.FILE_NAME);
    byte[] b = Files.readAllBytes(file);
    assertTrue(b.length > 8 * 4096, "enough pages to damage one: " + b.length);
    for (int i = 2 * 4096; i < 4 * 4096; i++) { // pages 3 and 4 (b-tree pages, not the header)
      b[i] = (byte) (i * 31);
    }
    Files.write(file, b);
    try (History h = History.start(options(dir))) {
      run(h, 2, T0.plusSeconds(3600), 5);
      h.flush();
      assertEquals(HistoryStatus.State.RECOVERED, h.status().state(), h.status().toString());
      assertNoJavaText(h.status().message());
      assertNotNull(movedAside());
      assertTrue(read(h, T0, T0.plusSeconds(7200)).sentBytes() > 0);
    }
  }

  /** What the user reads names the file and the fix, never SQLite's or Java's own text. */
  static void assertNoJavaText(String message) {
    for (String leak : new String[] {"SQLITE_", "Exception", "java.", "quick_check", "***"}) {
      assertTrue(!message.contains(leak), "'" + leak + "' reaches the user: " + message);
    }
  }

  private Path movedAside() throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> l =
          s.filter(p -> p.getFileName().toString().startsWith("history.db.broken-")).toList();
      assertEquals(1, l.size(), "one file moved aside: " + l);
      return l.get(0);
    }
  }

  @Test
  void aPlaceThatCannotBeWrittenKeepsHistoryInMemory() throws Exception {
    Path notADir = dir.resolve("plain-file");
    Files.writeString(notADir, "x");
    try (History h = History.start(options(notADir.resolve("hogwatch")))) {
      Traffic t = run(h, 1, T0, 30);
      h.flush();
      assertEquals(HistoryStatus.State.MEMORY_ONLY, h.status().state(), h.status().toString());
      assertTrue(h.status().message().contains("not being saved"), h.status().message());
      assertTrue(
          h.status().message().contains(notADir + " is a file, not a folder"),
          h.status().message());
      assertNoJavaText(h.status().message());
      assertArrayEquals(
          Traffic.sums(t.ledger(), Instant.MIN, Instant.MAX).get("*"),
          Traffic.sums(read(h, T0, T0.plusSeconds(30))).get("*"),
          "this session's history is still there");
    }
  }

  @Test
  void aSecondRecorderOnTheSameDirectoryStaysOff() throws Exception {
    try (History first = History.start(options(dir))) {
      // the database is opened on the writer thread: wait until the first holds the lock, or
      // the second could win the race (seen once in CI)
      first.flush();
      assertEquals(HistoryStatus.State.RECORDING, first.status().state());
      try (History second = History.start(options(dir))) {
        second.flush();
        assertEquals(HistoryStatus.State.OFF, second.status().state());
        assertTrue(second.status().message().contains("Another Hogwatch"));
        assertEquals(HistoryStatus.State.RECORDING, first.status().state(), "first unaffected");
      }
    }
  }

  @Test
  void retentionThinsOldRowsWhenRecordingStarts() throws Exception {
    Traffic t;
    try (History h = History.start(options(dir))) {
      t = run(h, 1, T0, 120);
    }
    // ten days later: the seconds are gone (kept 24 h), minutes and days remain
    History.Options later =
        options(dir).withClock(Clock.fixed(T0.plus(Duration.ofDays(10)), RollupTest.ZONE));
    try (History h = History.start(later)) {
      h.flush();
      Map<String, Long> rows = h.readStore(HistoryStore::rowCounts).get(10, TimeUnit.SECONDS);
      assertEquals(0L, rows.get("usage_sec"), rows.toString());
      assertEquals(0L, rows.get("process_min"), rows.toString());
      assertTrue(rows.get("usage_min") > 0, rows.toString());
      Usage u = read(h, T0.plusSeconds(30), T0.plusSeconds(90));
      assertEquals(T0, u.from(), "widened to whole minutes, which are still kept");
      assertEquals(T0.plusSeconds(120), u.to());
      assertArrayEquals(
          Traffic.sums(t.ledger(), T0, T0.plusSeconds(120)).get("*"), Traffic.sums(u).get("*"));
    }
  }

  @Test
  void offRecordsNothingAndSaysWhy() throws Exception {
    Path here = Path.of(History.FILE_NAME); // an off history has no folder: it may not write here
    boolean existed = Files.exists(here);
    History h = History.off("--no-history was given");
    List<HistoryStatus> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    h.addStatusListener(seen::add);
    h.accept(new Traffic(1).add(T0, "x", 1, 0, 5, 5).snapshot(T0));
    // nothing was kept: there is nothing to read back
    java.util.concurrent.ExecutionException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            java.util.concurrent.ExecutionException.class,
            () -> h.readStore(HistoryStore::rowCounts).get(10, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof IllegalStateException, e.toString());
    assertEquals(existed, Files.exists(here), "no history file was written");
    assertEquals(HistoryStatus.State.OFF, h.status().state());
    assertEquals("--no-history was given", h.status().message());
    assertEquals(1, seen.size(), "the status never changed: " + seen);
    h.close();
  }
}
