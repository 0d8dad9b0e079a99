package dev.hogwatch.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.hogwatch.model.Accounting;
import dev.hogwatch.model.CaptureStatus;
import dev.hogwatch.model.InterfaceSample;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interface totals ({@code /proc/net/dev}) are recorded per device and day whatever the capture
 * state, so days and months of traffic exist without capture permission; a version 1 file gains
 * them and keeps its old rows.
 */
class InterfaceHistoryTest {
  static final Instant EVENING = Instant.parse("2026-11-20T22:59:50Z"); // 23:59:50 in Berlin

  @TempDir Path dir;

  private History start() {
    return History.start(
        History.Options.defaults(dir)
            .withClock(Clock.fixed(EVENING.plus(Duration.ofDays(1)), RollupTest.ZONE))
            .withFlushEvery(Duration.ofHours(1)));
  }

  /**
   * Twenty seconds across local midnight, capture refused: eth0 receives 1000 B/s and sends 10 B/s,
   * wlan0 receives 5 B/s; the kernel counters start at arbitrary values.
   */
  private static void feed(History h) throws InterruptedException {
    Accounting acc = new Accounting(Long.MAX_VALUE, 100, p -> true, uid -> "u" + uid);
    CaptureStatus refused = CaptureStatus.of(CaptureStatus.State.NO_PERMISSION, "no permission");
    for (int i = 0; i <= 20; i++) {
      long nanos = (i + 1) * 1_000_000_000L;
      acc.apply(
          new InterfaceSample(
              nanos,
              List.of(
                  new InterfaceSample.Counter("eth0", 7_000_000 + 1000L * i, 300 + 10L * i),
                  new InterfaceSample.Counter("wlan0", 5L * i, 0))));
      h.accept(acc.snapshot(EVENING.plusSeconds(i), nanos, refused, 0));
      h.flush();
    }
  }

  @Test
  void recordsEachInterfacePerDayWithoutCapture() throws Exception {
    try (History h = start()) {
      feed(h);
      LocalDate day1 = LocalDate.of(2026, 11, 20);
      LocalDate day2 = day1.plusDays(1);
      List<PeriodUsage> eth0 =
          h.readStore(s -> s.interfaceDays(day1, day2, "eth0")).get(10, TimeUnit.SECONDS);
      // seconds 1..10 fall on the 20th (23:59:51..23:59:59, 00:00:00 is the 21st's)
      assertEquals(
          List.of(new PeriodUsage(day1, 90, 9000), new PeriodUsage(day2, 110, 11_000)), eth0);
      List<PeriodUsage> all =
          h.readStore(s -> s.interfaceDays(day1, day2, null)).get(10, TimeUnit.SECONDS);
      assertEquals(
          List.of(new PeriodUsage(day1, 90, 9045), new PeriodUsage(day2, 110, 11_055)), all);
      assertEquals(
          List.of(new PeriodUsage(LocalDate.of(2026, 11, 1), 200, 20_100)),
          h.readStore(s -> s.interfaceMonths(day1, day2, null)).get(10, TimeUnit.SECONDS));
      assertEquals(
          List.of("eth0", "wlan0"),
          h.readStore(HistoryStore::interfaces).get(10, TimeUnit.SECONDS));
      assertEquals(day1, h.readStore(HistoryStore::firstInterfaceDay).get(10, TimeUnit.SECONDS));
      assertNull(
          h.readStore(HistoryStore::firstDay).get(10, TimeUnit.SECONDS),
          "no program traffic was recorded: capture never ran");
    }
  }

  @Test
  void aVersionOneFileGainsTheInterfaceTableAndKeepsItsRows() throws Exception {
    Path file = dir.resolve(History.FILE_NAME);
    try (HistoryStore s = HistoryStore.open(file, RollupTest.ZONE)) {
      Pending p = new Pending(RollupTest.ZONE);
      p.addProgram(EVENING, new ProgramKey("curl", 1000, "ann"), 5, 500);
      p.addProgram(EVENING, ProgramKey.TOTAL, 5, 500);
      s.write(p);
    }
    // what a version 1 Hogwatch left behind: no interface table
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = c.createStatement()) {
      st.execute("DROP TABLE interface_day");
      st.execute("UPDATE meta SET value = '1' WHERE key = 'schema'");
    }
    try (History h = start()) {
      feed(h);
      LocalDate day1 = LocalDate.of(2026, 11, 20);
      assertEquals(
          List.of(new PeriodUsage(day1, 5, 500)),
          h.readStore(s -> s.days(day1, day1)).get(10, TimeUnit.SECONDS),
          "the old per-program day is still there");
      assertEquals(
          List.of(new PeriodUsage(day1, 90, 9045)),
          h.readStore(s -> s.interfaceDays(day1, day1, null)).get(10, TimeUnit.SECONDS));
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = c.createStatement();
        var rs = st.executeQuery("SELECT value FROM meta WHERE key = 'schema'")) {
      rs.next();
      assertEquals(String.valueOf(HistoryStore.SCHEMA), rs.getString(1)); // 1 → 3
    }
  }
}
