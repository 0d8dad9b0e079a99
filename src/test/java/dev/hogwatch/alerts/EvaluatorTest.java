package dev.hogwatch.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
  private static final ZoneId UTC = ZoneId.of("UTC");
  private static final Instant MADE = Instant.parse("2026-11-01T00:00:00Z");
  private static final long GB = 1_000_000_000L;
  private final Evaluator evaluator = new Evaluator(UTC);

  private static Rule.Cap monthly(long limit) {
    return new Rule.Cap(1, MADE, limit, Rule.Per.MONTH, 1, List.of());
  }

  @Test
  void capAt80PercentWarnsOnceWithTheProjection() {
    // 24 days of 10 GB in December = 240 GB of 300 GB; noon of the 25th
    FakeLedger l = new FakeLedger();
    for (int d = 1; d <= 24; d++) {
      l.day(LocalDate.of(2026, 12, d), 10 * GB);
    }
    l.day(LocalDate.of(2026, 11, 30), 500 * GB); // last month does not count
    Instant now = Instant.parse("2026-12-25T00:00:00Z");
    Evaluator.Result r = evaluator.run(List.of(monthly(300 * GB)), l, now);
    assertEquals(1, r.fired().size());
    Alert a = r.fired().get(0);
    assertEquals("Data cap 80 % used", a.title());
    // 240 GB in 24 days -> 310 GB in the 31 days of December
    assertEquals(
        "240 GB of 300 GB this month (since 1 Dec); at this pace 310 GB of 300 GB by 31 Dec.",
        a.body());
    assertEquals("2026-12-01:80", a.crossing());
    CapStatus c = r.caps().get(0);
    assertEquals(240 * GB, c.used());
    assertEquals(80, c.percent());
    assertEquals(LocalDate.of(2027, 1, 1), c.end());

    // a hundred more checks that second and the next minute give nothing new
    for (int i = 0; i < 100; i++) {
      assertEquals(List.of(), evaluator.run(List.of(monthly(300 * GB)), l, now).fired());
    }
    assertEquals(1, l.log.size());
  }

  @Test
  void capOverTellsOneHundredPercentOnceEvenAfterSkippingEighty() {
    FakeLedger l = new FakeLedger().day(LocalDate.of(2026, 12, 2), 301 * GB);
    Instant now = Instant.parse("2026-12-02T12:00:00Z");
    List<Alert> fired = evaluator.run(List.of(monthly(300 * GB)), l, now).fired();
    assertEquals(1, fired.size());
    assertEquals("Data cap reached: 301 GB of 300 GB", fired.get(0).title());
    assertEquals("2026-12-01:100", fired.get(0).crossing());
    assertEquals(List.of(), evaluator.run(List.of(monthly(300 * GB)), l, now).fired());
    // the next period starts afresh
    l.day(LocalDate.of(2027, 1, 1), 250 * GB);
    List<Alert> next =
        evaluator.run(List.of(monthly(300 * GB)), l, Instant.parse("2027-01-01T10:00:00Z")).fired();
    assertEquals(1, next.size());
    assertEquals("2027-01-01:80", next.get(0).crossing());
  }

  @Test
  void capBelowEightyPercentSaysNothing() {
    FakeLedger l = new FakeLedger().day(LocalDate.of(2026, 12, 2), 239 * GB);
    Evaluator.Result r =
        evaluator.run(List.of(monthly(300 * GB)), l, Instant.parse("2026-12-02T12:00:00Z"));
    assertEquals(List.of(), r.fired());
    assertEquals(79, r.caps().get(0).percent());
  }

  @Test
  void periodsHonourTheResetDay() {
    Rule.Cap month15 = new Rule.Cap(1, MADE, GB, Rule.Per.MONTH, 15, List.of());
    assertEquals(
        List.of(LocalDate.of(2026, 11, 15), LocalDate.of(2026, 12, 15)),
        List.of(Evaluator.period(month15, LocalDate.of(2026, 12, 3))));
    assertEquals(
        List.of(LocalDate.of(2026, 12, 15), LocalDate.of(2027, 1, 15)),
        List.of(Evaluator.period(month15, LocalDate.of(2026, 12, 15))));
    Rule.Cap month31 = new Rule.Cap(1, MADE, GB, Rule.Per.MONTH, 31, List.of());
    // February has no 31st: its period starts on the 28th
    assertEquals(
        List.of(LocalDate.of(2027, 2, 28), LocalDate.of(2027, 3, 31)),
        List.of(Evaluator.period(month31, LocalDate.of(2027, 3, 5))));
    Rule.Cap weekSunday = new Rule.Cap(1, MADE, GB, Rule.Per.WEEK, 7, List.of());
    // Thursday 3 Dec 2026 -> from Sunday 29 Nov
    assertEquals(
        List.of(LocalDate.of(2026, 11, 29), LocalDate.of(2026, 12, 6)),
        List.of(Evaluator.period(weekSunday, LocalDate.of(2026, 12, 3))));
    Rule.Cap day = new Rule.Cap(1, MADE, GB, Rule.Per.DAY, 1, List.of());
    assertEquals(
        List.of(LocalDate.of(2026, 12, 3), LocalDate.of(2026, 12, 4)),
        List.of(Evaluator.period(day, LocalDate.of(2026, 12, 3))));
  }

  @Test
  void appOverItsLimitWithinTheWindowOncePerWindow() {
    Instant now = Instant.parse("2026-12-02T12:00:00Z");
    Rule.App rule = new Rule.App(4, MADE, "firefox", 100_000_000, Duration.ofHours(1));
    FakeLedger l =
        new FakeLedger()
            .steady("firefox", now.minusSeconds(600), 600, 200_000) // 120 MB in 10 min
            .steady("curl", now.minusSeconds(600), 600, 1_000_000); // 600 MB, not watched
    List<Alert> fired = evaluator.run(List.of(rule), l, now).fired();
    assertEquals(1, fired.size());
    assertEquals("firefox moved 120 MB within 1h", fired.get(0).title());
    assertEquals(
        "firefox sent and received 120 MB in the last 1h (alert above 100 MB).",
        fired.get(0).body());
    assertEquals("firefox", fired.get(0).notice().app());
    assertEquals(List.of(), evaluator.run(List.of(rule), l, now.plusSeconds(30)).fired());
  }

  @Test
  void rateAboveForTheDurationAlertsOncePerRun() {
    Instant t0 = Instant.parse("2026-12-02T12:00:00Z");
    Rule.Rate rule = new Rule.Rate(5, MADE, 5_000_000, Duration.ofSeconds(30), null);
    FakeLedger l = new FakeLedger().steady("curl", t0, 25, 6_000_000); // 25 s only
    assertEquals(List.of(), evaluator.run(List.of(rule), l, t0.plusSeconds(25)).fired());
    l.steady("curl", t0.plusSeconds(25), 95, 6_000_000); // 2 minutes above in all
    List<Alert> fired = evaluator.run(List.of(rule), l, t0.plusSeconds(30)).fired();
    assertEquals(1, fired.size());
    assertEquals("curl over 5.00 MB/s for 30s", fired.get(0).title());
    assertEquals(
        "curl moved 6.00 MB/s on average over the last 30s (alert above 5.00 MB/s).",
        fired.get(0).body());
    for (int s = 31; s <= 120; s++) { // still the same run
      assertEquals(List.of(), evaluator.run(List.of(rule), l, t0.plusSeconds(s)).fired());
    }
    // a quiet minute, then a new run of 30 s: a new crossing
    l.steady("curl", t0.plusSeconds(180), 30, 6_000_000);
    assertEquals(1, evaluator.run(List.of(rule), l, t0.plusSeconds(210)).fired().size());
  }

  @Test
  void rateOfOneAppIgnoresOthers() {
    Instant t0 = Instant.parse("2026-12-02T12:00:00Z");
    Rule.Rate rule = new Rule.Rate(5, MADE, 1_000_000, Duration.ofSeconds(10), "ssh");
    FakeLedger l = new FakeLedger().steady("curl", t0, 20, 9_000_000);
    assertEquals(List.of(), evaluator.run(List.of(rule), l, t0.plusSeconds(20)).fired());
    // five quiet seconds inside the 10 s mean it was not sustained
    l.steady("ssh", t0, 5, 2_000_000).steady("ssh", t0.plusSeconds(10), 10, 2_000_000);
    assertEquals(List.of(), evaluator.run(List.of(rule), l, t0.plusSeconds(10)).fired());
    assertEquals(List.of(), evaluator.run(List.of(rule), l, t0.plusSeconds(15)).fired());
    assertEquals(1, evaluator.run(List.of(rule), l, t0.plusSeconds(20)).fired().size());
  }

  @Test
  void newApplicationOncePerApplicationNeverTheUnknownPseudoProcess() {
    Instant now = Instant.parse("2026-12-02T12:00:00Z");
    Rule.NewApp rule = new Rule.NewApp(6, MADE);
    FakeLedger l = new FakeLedger().steady("wget", now.minusSeconds(60), 10, 41_200);
    l.newApps.addAll(List.of("unknown TCP", "wget"));
    List<Alert> fired = evaluator.run(List.of(rule), l, now).fired();
    assertEquals(1, fired.size());
    assertEquals("New on the network: wget", fired.get(0).title());
    assertEquals("wget used the network for the first time (412 kB so far).", fired.get(0).body());
    assertEquals(List.of(), evaluator.run(List.of(rule), l, now.plusSeconds(5)).fired());
  }

  @Test
  void applicationsAreNamedAsTheWindowShowsThem() {
    Instant now = Instant.parse("2026-12-02T12:00:00Z");
    FakeLedger l =
        new FakeLedger()
            .steady("/usr/bin/python3", now.minusSeconds(60), 60, 1_000_000)
            .steady("/opt/py/python3", now.minusSeconds(60), 60, 1_000_000)
            .steady("/usr/bin/python3.11", now.minusSeconds(60), 60, 5_000_000);
    List<Alert> app =
        evaluator
            .run(
                List.of(new Rule.App(1, MADE, "python3", 100_000_000, Duration.ofHours(1))), l, now)
            .fired();
    assertEquals("python3 moved 120 MB within 1h", app.get(0).title());
    List<Alert> rate =
        evaluator
            .run(List.of(new Rule.Rate(2, MADE, 1_500_000, Duration.ofSeconds(30), null)), l, now)
            .fired();
    assertEquals(
        List.of("python3 over 1.50 MB/s for 30s", "python3.11 over 1.50 MB/s for 30s"),
        rate.stream().map(Alert::title).toList());
    assertEquals("python3", Evaluator.shortName("/usr/bin/python3"));
    assertEquals("python3 -m http.server", Evaluator.shortName("/usr/bin/python3 -m http.server"));
    assertEquals("unknown TCP", Evaluator.shortName("unknown TCP"));
  }

  @Test
  void capStatusTextForTheTray() {
    CapStatus c =
        new CapStatus(
            1,
            312 * GB,
            300 * GB,
            LocalDate.of(2026, 12, 1),
            LocalDate.of(2027, 1, 1),
            400 * GB,
            "cap",
            Instant.EPOCH);
    assertTrue(c.near());
    assertEquals("data cap reached", c.shortText());
    assertEquals(
        "312 GB of 300 GB (104 %) since 1 Dec; at this pace 400 GB of 300 GB by 31 Dec", c.text());
    assertEquals(CapStatus.Level.OVER, c.level());
    assertEquals("resets on 1 Jan", c.resets());
    CapStatus day =
        new CapStatus(
            2,
            850,
            1000,
            LocalDate.of(2026, 12, 2),
            LocalDate.of(2026, 12, 3),
            4000,
            "cap",
            Instant.EPOCH);
    assertEquals(CapStatus.Level.NEAR, day.level());
    assertEquals("data cap 85 %", day.shortText());
    assertEquals(
        "850 B of 1.00 kB (85 %) today; at this pace 4.00 kB of 1.00 kB by the end of the day",
        day.text());
    assertEquals("resets at midnight", day.resets());
    CapStatus far =
        new CapStatus(
            3,
            24_460_000,
            100_000,
            LocalDate.of(2026, 12, 2),
            LocalDate.of(2026, 12, 3),
            30_000_000,
            "cap",
            Instant.EPOCH);
    assertEquals("24.5 MB of 100 kB (245× the cap)", far.usedText());
    assertEquals("data cap reached", far.shortText());
  }
}
