package dev.hogwatch.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rollup arithmetic on exact integers: every resolution holds every byte exactly once. */
class RollupTest {
  // local days differ from UTC days, and the range below crosses the end of summer time
  static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  static final Instant START = Instant.parse("2026-10-24T20:00:00Z");
  static final Instant END = START.plus(Duration.ofDays(3));

  @TempDir Path dir;

  /** Three days of random traffic by 12 processes of 6 programs, flushed at random moments. */
  private Traffic record(HistoryStore store, long seed) throws Exception {
    Random rnd = new Random(seed);
    Traffic traffic = new Traffic(1);
    DeltaTracker tracker = new DeltaTracker();
    Pending pending = new Pending(ZONE);
    Instant t = START;
    while (t.isBefore(END)) {
      int active = rnd.nextInt(4);
      for (int i = 0; i < active; i++) {
        int pid = 100 + rnd.nextInt(12);
        // large values too, to catch any float or int overflow on the way
        long sent = rnd.nextInt(10) == 0 ? 3_000_000_000L + rnd.nextInt(1000) : rnd.nextInt(5000);
        traffic.add(t, "prog" + pid % 6, pid, pid % 2, sent, rnd.nextInt(70_000));
      }
      tracker.track(traffic.snapshot(t), pending);
      if (rnd.nextInt(7) == 0) {
        store.write(pending);
        pending.clear();
      }
      // mostly a second apart, sometimes a long gap (suspend), never backwards
      t = t.plusSeconds(rnd.nextInt(50) == 0 ? 1 + rnd.nextInt(20_000) : 1 + rnd.nextInt(2));
    }
    store.write(pending);
    return traffic;
  }

  /** {@link #record}, then thinned at {@link #END}: days kept for ever, pids for an hour. */
  private Traffic recordThenThin(
      HistoryStore store, long seed, Duration seconds, Duration minutes, Duration hours)
      throws Exception {
    Traffic traffic = record(store, seed);
    store.prune(new Retention(seconds, minutes, hours, Duration.ZERO, Duration.ofHours(1)), END);
    return traffic;
  }

  @Test
  void everyResolutionHoldsEveryByteExactlyOnce() throws Exception {
    try (HistoryStore store = HistoryStore.open(dir.resolve("h.db"), ZONE)) {
      Traffic traffic = record(store, 1);
      long[] truth = Traffic.sums(traffic.ledger(), Instant.MIN, Instant.MAX).get("*");
      assertTrue(truth[0] > 3_000_000_000L, "the test must exceed 32 bits");
      for (Resolution r : Resolution.values()) {
        long[] programs = store.grandTotal(r, true);
        long[] total = store.grandTotal(r, false);
        assertEquals(truth[0], programs[0], r + " programs sent");
        assertEquals(truth[1], programs[1], r + " programs received");
        assertEquals(truth[0], total[0], r + " total sent");
        assertEquals(truth[1], total[1], r + " total received");
      }
      Usage all = store.usage(START.minusSeconds(86400), START.plus(Duration.ofDays(5)));
      assertEquals(
          Traffic.show(Traffic.sums(traffic.ledger(), Instant.MIN, Instant.MAX)),
          Traffic.show(Traffic.sums(all)));
    }
  }

  @Test
  void anyRangeIsExactWhileAllResolutionsAreKept() throws Exception {
    try (HistoryStore store = HistoryStore.open(dir.resolve("h.db"), ZONE)) {
      Traffic traffic = record(store, 2);
      Random rnd = new Random(3);
      for (int i = 0; i < 300; i++) {
        Instant a = START.plusSeconds(rnd.nextInt(3 * 86400));
        Instant b = a.plusSeconds(rnd.nextInt(i % 2 == 0 ? 7200 : 2 * 86400));
        Usage u = store.usage(a, b);
        assertEquals(a, u.from());
        assertEquals(b, u.to());
        assertEquals(
            Traffic.show(Traffic.sums(traffic.ledger(), a, b)),
            Traffic.show(Traffic.sums(u)),
            "range " + a + " .. " + b);
      }
    }
  }

  @Test
  void afterThinningARangeIsWidenedToWholeBucketsAndStillExact() throws Exception {
    try (HistoryStore store = HistoryStore.open(dir.resolve("h.db"), ZONE)) {
      Traffic traffic =
          recordThenThin(store, 4, Duration.ofHours(2), Duration.ofHours(12), Duration.ofDays(1));
      long[] truth = Traffic.sums(traffic.ledger(), Instant.MIN, Instant.MAX).get("*");
      assertEquals(truth[0], store.grandTotal(Resolution.DAY, true)[0], "days keep everything");
      assertTrue(store.grandTotal(Resolution.SECOND, true)[0] < truth[0], "seconds were thinned");
      Random rnd = new Random(5);
      boolean widened = false;
      for (int i = 0; i < 300; i++) {
        Instant a = START.plusSeconds(rnd.nextInt(3 * 86400));
        Instant b = a.plusSeconds(rnd.nextInt(i % 2 == 0 ? 7200 : 2 * 86400));
        Usage u = store.usage(a, b);
        assertFalse(u.from().isAfter(a), "never narrower");
        assertFalse(u.to().isBefore(b), "never narrower");
        widened |= !u.from().equals(a);
        assertEquals(
            Traffic.show(Traffic.sums(traffic.ledger(), u.from(), u.to())),
            Traffic.show(Traffic.sums(u)),
            "range " + a + " .. " + b + " summed as " + u.from() + " .. " + u.to());
      }
      assertTrue(widened, "some ranges needed widening");
      // the last two hours are still exact to the second
      Instant a = END.minus(Duration.ofMinutes(90)).plusSeconds(7);
      assertEquals(a, store.usage(a, END).from());
    }
  }

  @Test
  void daysAndMonthsFollowTheLocalCalendar() throws Exception {
    try (HistoryStore store = HistoryStore.open(dir.resolve("h.db"), ZONE)) {
      Traffic traffic = new Traffic(1);
      DeltaTracker tracker = new DeltaTracker();
      Pending pending = new Pending(ZONE);
      // 23:30 UTC on 31 October is 00:30 on 1 November in Berlin
      Instant[] times = {
        Instant.parse("2026-10-31T12:00:00Z"),
        Instant.parse("2026-10-31T23:30:00Z"),
        Instant.parse("2026-11-02T08:00:00Z")
      };
      long n = 1;
      for (Instant t : times) {
        traffic.add(t, "curl", 7, 1000, n, 10 * n);
        tracker.track(traffic.snapshot(t), pending);
        n *= 100;
      }
      store.write(pending);
      LocalDate oct1 = LocalDate.of(2026, 10, 1);
      LocalDate nov30 = LocalDate.of(2026, 11, 30);
      assertEquals(
          List.of(
              new PeriodUsage(LocalDate.of(2026, 10, 31), 1, 10),
              new PeriodUsage(LocalDate.of(2026, 11, 1), 100, 1000),
              new PeriodUsage(LocalDate.of(2026, 11, 2), 10000, 100000)),
          store.days(oct1, nov30));
      assertEquals(
          List.of(
              new PeriodUsage(oct1, 1, 10),
              new PeriodUsage(LocalDate.of(2026, 11, 1), 10100, 101000)),
          store.months(oct1, nov30));
      assertEquals(LocalDate.of(2026, 10, 31), store.firstDay());
      Usage nov = store.usage(LocalDate.of(2026, 11, 1), nov30);
      assertEquals(List.of(new ProgramUsage("curl", 1000, "u1000", 10100, 101000)), nov.programs());
    }
  }

  @Test
  void seriesUsesTheFinestKeptResolutionForTheStep() throws Exception {
    try (HistoryStore store = HistoryStore.open(dir.resolve("h.db"), ZONE)) {
      Traffic traffic = record(store, 6);
      Instant a = START.plus(Duration.ofHours(30));
      Instant b = a.plus(Duration.ofHours(6));
      List<SeriesPoint> minutes = store.series(null, null, a, b, Duration.ofMinutes(1));
      assertTrue(minutes.stream().allMatch(p -> p.seconds() == 60));
      long[] truth = Traffic.sums(traffic.ledger(), a, b).get("*");
      assertEquals(truth[0], minutes.stream().mapToLong(SeriesPoint::sentBytes).sum());
      assertEquals(truth[1], minutes.stream().mapToLong(SeriesPoint::receivedBytes).sum());
      List<SeriesPoint> hours = store.series(null, null, a, b, Duration.ofMinutes(20));
      assertTrue(hours.stream().allMatch(p -> p.seconds() == 60), "20 min steps use minutes");
      List<SeriesPoint> h2 = store.series(null, null, a, b, Duration.ofHours(2));
      assertTrue(h2.stream().allMatch(p -> p.seconds() == 3600));
      assertEquals(truth[0], h2.stream().mapToLong(SeriesPoint::sentBytes).sum());

      // one program, by name and user (the window) and by name alone (the web view)
      Map<String, long[]> sums = Traffic.sums(traffic.ledger(), a, b);
      for (int pid = 100; pid < 106; pid++) {
        String name = "prog" + pid % 6;
        int uid = pid % 2; // the same for every pid of a name
        long[] own = sums.getOrDefault(name + "/" + uid, new long[2]);
        for (List<SeriesPoint> one :
            List.of(
                store.series(name, uid, a, b, Duration.ofMinutes(1)),
                store.series(name, null, a, b, Duration.ofMinutes(1)))) {
          assertEquals(own[0], one.stream().mapToLong(SeriesPoint::sentBytes).sum(), name);
          assertEquals(own[1], one.stream().mapToLong(SeriesPoint::receivedBytes).sum(), name);
        }
        assertTrue(own[0] + own[1] > 0, name + " has traffic in the range");
      }
      assertEquals(List.of(), store.series("prog0", 7, a, b, Duration.ofMinutes(1)), "unknown");
    }
  }

  @Test
  void aStepFinerThanAnyKeptResolutionUsesTheFinestKeptOneNotDays() throws Exception {
    try (HistoryStore store = HistoryStore.open(dir.resolve("h.db"), ZONE)) {
      Traffic traffic =
          recordThenThin(store, 7, Duration.ofHours(2), Duration.ofDays(31), Duration.ofDays(366));
      // "All" from the first day: about 26 h in 2000 points is a 47 s step; seconds are thinned
      Instant a = START.plus(Duration.ofHours(46));
      List<SeriesPoint> series = store.series(null, null, a, END, Duration.ofSeconds(47));
      assertTrue(series.size() > 2, "minutes, not " + series.size() + " day(s)");
      assertTrue(series.stream().allMatch(p -> p.seconds() == 60), "minute buckets");
      long[] truth = Traffic.sums(traffic.ledger(), a, END).get("*");
      assertEquals(truth[0], series.stream().mapToLong(SeriesPoint::sentBytes).sum());
      assertEquals(truth[1], series.stream().mapToLong(SeriesPoint::receivedBytes).sum());
      // while seconds are kept over the range, a fine step still gets them
      Instant recent = END.minus(Duration.ofMinutes(90));
      assertTrue(
          store.series(null, null, recent, END, Duration.ofSeconds(3)).stream()
              .allMatch(p -> p.seconds() == 1));
    }
  }
}
