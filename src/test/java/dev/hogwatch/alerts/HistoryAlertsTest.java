package dev.hogwatch.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogwatch.history.History;
import dev.hogwatch.model.CaptureStatus;
import dev.hogwatch.model.InterfaceStat;
import dev.hogwatch.model.Notice;
import dev.hogwatch.model.ProgramStat;
import dev.hogwatch.model.Snapshot;
import dev.hogwatch.model.Totals;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules over a real history file: a cap crossed by recorded traffic alerts once, and a restart
 * (new History, new AlertService on the same files) gives no second alert, because the state comes
 * from the file.
 */
class HistoryAlertsTest {
  @TempDir Path dir;

  private static Snapshot snapshot(Instant t, long curl, long eth0) {
    List<ProgramStat> programs =
        List.of(new ProgramStat("curl", 1000, "u", curl / 2, curl - curl / 2, 0, 0, List.of(7)));
    return new Snapshot(
        t,
        t.toEpochMilli() * 1_000_000,
        List.of(),
        programs,
        new Totals(curl / 2, curl - curl / 2, 0, 0),
        Totals.ZERO,
        List.of(new InterfaceStat("eth0", eth0, 0, 0, 0), new InterfaceStat("lo", 999, 0, 0, 0)),
        new Totals(eth0 + 999, 0, 0, 0),
        CaptureStatus.of(CaptureStatus.State.RUNNING, ""),
        0);
  }

  private History record(Instant now, long... curlTotals) throws InterruptedException {
    History h =
        History.start(
            History.Options.defaults(dir.resolve("data")).withFlushEvery(Duration.ofSeconds(1)));
    for (int i = 0; i < curlTotals.length; i++) {
      h.accept(snapshot(now.minusSeconds(curlTotals.length - i), curlTotals[i], curlTotals[i] * 2));
      h.flush();
    }
    return h;
  }

  @Test
  void capCrossedOnceAndNotAgainAfterARestart() throws Exception {
    Instant now = Instant.now();
    Clock clock = Clock.system(java.time.ZoneId.systemDefault());
    RulesFile rules = new RulesFile(dir.resolve("config/alerts.json"), clock);
    rules.add(new Rule.Cap(0, now, 1_000_000, Rule.Per.DAY, 1, List.of()));
    rules.add(new Rule.Cap(0, now, 4_000_000, Rule.Per.DAY, 1, List.of("eth0")));
    List<Notice> told = Collections.synchronizedList(new ArrayList<>());

    History h = record(now, 300_000, 700_000, 1_200_000);
    AlertService a = AlertService.start(h, rules, Duration.ofHours(1), clock);
    a.addNoticeListener(told::add);
    AlertService.State s = a.checkNow().get(30, TimeUnit.SECONDS);
    for (int i = 0; i < 20; i++) { // checks in a storm give no more
      s = a.checkNow().get(30, TimeUnit.SECONDS);
    }
    assertEquals(1, told.size(), told.toString());
    Notice n = told.get(0);
    assertTrue(n.title().startsWith("Data cap reached: 1.20 MB of 1.00 MB"), n.title());
    assertTrue(n.body().startsWith("1.20 MB of 1.00 MB today; at this pace "), n.body());
    assertEquals(2, s.caps().size());
    assertEquals(1_200_000, s.caps().get(0).used());
    // the device cap counts eth0's kernel counter (2.4 MB), not lo's
    assertEquals(2_400_000, s.caps().get(1).used());
    assertEquals(60, s.caps().get(1).percent());
    assertEquals(1, s.recent().size());
    assertEquals(java.util.Map.of("1", 1L), s.given());
    a.close();
    h.close();

    // restart: more traffic past the device cap's 80 %, same files
    History h2 = record(now.plusSeconds(5), 1_700_000);
    AlertService a2 = AlertService.start(h2, rules, Duration.ofHours(1), clock);
    List<Notice> told2 = Collections.synchronizedList(new ArrayList<>());
    a2.addNoticeListener(told2::add);
    AlertService.State s2 = a2.checkNow().get(30, TimeUnit.SECONDS);
    a2.checkNow().get(30, TimeUnit.SECONDS);
    a2.close();
    h2.close();
    assertEquals(2_900_000, s2.caps().get(0).used());
    assertEquals(5_800_000, s2.caps().get(1).used());
    assertEquals(1, told2.size(), "only the device cap's new crossing: " + told2);
    assertEquals("2", told2.get(0).rule());
    assertEquals(2, s2.recent().size());
  }

  @Test
  void appRuleAndRateRuleOverRealHistory() throws Exception {
    Instant now = Instant.now();
    Clock clock = Clock.system(java.time.ZoneId.systemDefault());
    RulesFile rules = new RulesFile(dir.resolve("config/alerts.json"), clock);
    rules.add(new Rule.App(0, now, "curl", 1_000_000, Duration.ofHours(1)));
    rules.add(new Rule.App(0, now, "wget", 1, Duration.ofHours(1)));
    List<Notice> told = Collections.synchronizedList(new ArrayList<>());
    History h = record(now, 300_000, 700_000, 1_200_000);
    try (AlertService a = AlertService.start(h, rules, Duration.ofHours(1), clock)) {
      a.addNoticeListener(told::add);
      a.checkNow().get(30, TimeUnit.SECONDS);
      a.checkNow().get(30, TimeUnit.SECONDS);
    }
    h.close();
    assertEquals(1, told.size(), told.toString());
    assertEquals("curl moved 1.20 MB within 1h", told.get(0).title());
    assertEquals("curl", told.get(0).app());
  }

  @Test
  void historyOffIsSaidNotHidden() throws Exception {
    RulesFile rules = new RulesFile(dir.resolve("alerts.json"), Clock.systemUTC());
    rules.add(new Rule.NewApp(0, Instant.now()));
    History off = History.off("History is off (--no-history).");
    try (AlertService a = AlertService.start(off, rules, Duration.ofHours(1), Clock.systemUTC())) {
      AlertService.State s = a.checkNow().get(30, TimeUnit.SECONDS);
      assertEquals(
          "Alerts need history, which is off. History is off (--no-history).", s.problem());
    }
  }
}
