package dev.hogwatch.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link HistoryStore#range}: who used the network in a selected span, on a real SQLite file. */
class RangeTest {
  static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  static final Instant T = Instant.parse("2026-11-24T13:05:10Z");
  static final ProgramKey FIREFOX = new ProgramKey("/usr/lib/firefox/firefox", 1000, "ann");
  static final ProgramKey CURL = new ProgramKey("curl", 1000, "ann");
  static final ProgramKey UNKNOWN = new ProgramKey("unknown TCP", 0, "root");
  static final ProgramKey TUPLE = new ProgramKey("10.77.1.1:50982-10.77.1.2:6002", 0, "root");

  @TempDir Path dir;

  private static void add(Pending p, Instant t, ProgramKey k, long sent, long received) {
    p.addProgram(t, k, sent, received);
    p.addProgram(t, ProgramKey.TOTAL, sent, received);
  }

  /** 13:05:10 firefox and unknown TCP, :11 curl and a tuple, :12 firefox, 13:20:00 curl. */
  private HistoryStore recorded() throws Exception {
    HistoryStore s = HistoryStore.open(dir.resolve("history.db"), ZONE);
    Pending p = new Pending(ZONE);
    add(p, T, FIREFOX, 100, 1000);
    add(p, T, UNKNOWN, 10, 20);
    add(p, T.plusMillis(1500), CURL, 5, 500_000);
    add(p, T.plusSeconds(1), TUPLE, 3, 4);
    add(p, T.plusSeconds(2), FIREFOX, 1, 2);
    add(p, Instant.parse("2026-11-24T13:20:00Z"), CURL, 7, 7000);
    s.write(p);
    return s;
  }

  private static String show(RangeUsage u) {
    StringBuilder b = new StringBuilder();
    b.append(u.since()).append(" - ").append(u.until()).append(" @").append(u.resolutionSeconds());
    for (ProgramUsage p : u.programs()) {
      b.append(" | ").append(p.name()).append(' ').append(p.sentBytes()).append('/');
      b.append(p.receivedBytes());
    }
    b.append(" | unattributed ").append(u.unattributed().sentBytes()).append('/');
    b.append(u.unattributed().receivedBytes());
    b.append(" | total ").append(u.totals().sentBytes()).append('/');
    return b.append(u.totals().receivedBytes()).toString();
  }

  @Test
  void secondsSpanListsProgramsByTotalWithUnattributedApart() throws Exception {
    try (HistoryStore s = recorded()) {
      assertEquals(
          "2026-11-24T13:05:10Z - 2026-11-24T13:05:13Z @1 | curl 5/500000"
              + " | /usr/lib/firefox/firefox 101/1002 | unattributed 13/24 | total 119/501026",
          show(s.range(T, T.plusSeconds(3))));
      assertEquals(
          "2026-11-24T13:05:11Z - 2026-11-24T13:05:12Z @1 | curl 5/500000"
              + " | unattributed 3/4 | total 8/500004",
          show(s.range(T.plusMillis(1400), T.plusMillis(1400))),
          "a click is the second under the pointer");
      assertEquals(
          "2026-11-24T13:05:10Z - 2026-11-24T13:05:12Z @1 | curl 5/500000"
              + " | /usr/lib/firefox/firefox 100/1000 | unattributed 13/24 | total 118/501024",
          show(s.range(T.plusMillis(500), T.plusMillis(1200))),
          "edges move out to whole seconds");
      assertEquals(
          "2026-11-24T13:05:13Z - 2026-11-24T13:06:00Z @1 | unattributed 0/0 | total 0/0",
          show(s.range(T.plusSeconds(3), Instant.parse("2026-11-24T13:06:00Z"))));
    }
  }

  @Test
  void spansOlderThanTheKeptSecondsUseMinutesThenHours() throws Exception {
    try (HistoryStore s = recorded()) {
      Retention r =
          new Retention(
              Duration.ofHours(1),
              Duration.ofDays(31),
              Duration.ofDays(366),
              Duration.ZERO,
              Duration.ofHours(1));
      s.prune(r, Instant.parse("2026-11-24T15:00:00Z"));
      assertEquals(
          "2026-11-24T13:05:00Z - 2026-11-24T13:06:00Z @60 | curl 5/500000"
              + " | /usr/lib/firefox/firefox 101/1002 | unattributed 13/24 | total 119/501026",
          show(s.range(T, T.plusSeconds(1))));
      s.prune(r, Instant.parse("2026-12-30T15:00:00Z"));
      assertEquals(
          "2026-11-24T13:00:00Z - 2026-11-24T14:00:00Z @3600 | curl 12/507000"
              + " | /usr/lib/firefox/firefox 101/1002 | unattributed 13/24 | total 126/508026",
          show(s.range(T, T.plusSeconds(1))));
    }
  }

  @Test
  void answersFromTheFileAfterReopening() throws Exception {
    recorded().close();
    try (HistoryStore s = HistoryStore.open(dir.resolve("history.db"), ZONE)) {
      assertEquals(
          "2026-11-24T13:05:11Z - 2026-11-24T13:05:12Z @1 | curl 5/500000"
              + " | unattributed 3/4 | total 8/500004",
          show(s.range(T.plusSeconds(1), T.plusSeconds(2))));
    }
  }

  /**
   * Random traffic over three days, random spans: a span's bytes equal the ledger's over the same
   * span, and its total equals the area under the chart's points between the same edges.
   */
  @Test
  void spanTotalsEqualTheLedgerAndTheChartArea() throws Exception {
    Instant start = Instant.parse("2026-10-24T20:00:00Z");
    Instant end = start.plus(Duration.ofDays(3));
    Random rnd = new Random(7);
    Traffic traffic = new Traffic(1);
    DeltaTracker tracker = new DeltaTracker();
    try (HistoryStore s = HistoryStore.open(dir.resolve("history.db"), ZONE)) {
      Pending pending = new Pending(ZONE);
      for (Instant t = start; t.isBefore(end); t = t.plusSeconds(1 + rnd.nextInt(3))) {
        int pid = 100 + rnd.nextInt(8);
        traffic.add(t, "prog" + pid % 4, pid, 1000, rnd.nextInt(5000), rnd.nextInt(70_000));
        tracker.track(traffic.snapshot(t), pending);
        if (rnd.nextInt(9) == 0) {
          s.write(pending);
          pending.clear();
        }
      }
      s.write(pending);
      for (int i = 0; i < 40; i++) {
        Instant a = start.plusSeconds(rnd.nextInt(3 * 86400));
        Instant b = a.plusSeconds(1 + rnd.nextInt(i % 2 == 0 ? 600 : 2 * 86400));
        RangeUsage u = s.range(a, b);
        assertEquals(a, u.since());
        assertEquals(b, u.until());
        Map<String, long[]> truth = Traffic.sums(traffic.ledger(), a, b);
        List<ProgramUsage> ps = new ArrayList<>(u.programs());
        Usage asUsage = new Usage(a, b, ps, u.totals().sentBytes(), u.totals().receivedBytes());
        assertEquals(Traffic.show(truth), Traffic.show(Traffic.sums(asUsage)), a + " - " + b);
        long area = 0;
        for (SeriesPoint p : s.series(null, null, a, b, Duration.ofSeconds(1))) {
          area += p.sentBytes() + p.receivedBytes();
        }
        assertEquals(area, u.totals().totalBytes(), "chart area " + a + " - " + b);
        assertTrue(u.unattributed().totalBytes() == 0);
      }
    }
  }
}
