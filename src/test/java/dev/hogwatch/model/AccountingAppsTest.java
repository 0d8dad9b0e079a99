package dev.hogwatch.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hogwatch.model.AppId.Kind;
import dev.hogwatch.model.AppResolver.Attribution;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Per-application and per-user sums of {@link Accounting}, with a hand-written resolver. */
class AccountingAppsTest {
  private static final long S = 1_000_000_000L;
  private static final AppId FIREFOX =
      new AppId(Kind.FLATPAK, "org.mozilla.firefox", "Firefox", "org.mozilla.firefox");
  private static final AppId WEB = new AppId(Kind.CONTAINER, "3f2a9c0d11e2", "web", "");
  private static final String TUPLE = "10.0.3.1:40112-10.0.3.5:443";

  private final List<String> asked = new ArrayList<>();
  private final AtomicBoolean containerVisible = new AtomicBoolean();

  /** pids 10-19 are Firefox, 20 a Python script, the tuple a container once it is visible. */
  private Attribution resolve(String name, int pid, int uid) {
    asked.add(name + "/" + pid);
    if (pid >= 10 && pid < 20) {
      return new Attribution(FIREFOX, uid, pid);
    }
    if (pid == 20) {
      return new Attribution(AppId.exe("sync.py (python3)"), uid, pid);
    }
    if (pid == 0 && name.equals(TUPLE) && containerVisible.get()) {
      return new Attribution(WEB, 1001, 77);
    }
    return AppResolver.BY_NAME.resolve(name, pid, uid);
  }

  private Accounting accounting() {
    return new Accounting(
        60 * S, 10_000, pid -> false, uid -> uid == 0 ? "root" : "u" + uid, this::resolve);
  }

  private static Snapshot snap(Accounting a, long nanos) {
    return a.snapshot(Instant.EPOCH, nanos, CaptureStatus.of(CaptureStatus.State.RUNNING, ""), 0);
  }

  @Test
  void processesOfOneApplicationAddUpAndCarryTheirApp() {
    Accounting a = accounting();
    a.apply(
        new Refresh(
            1 * S,
            1,
            List.of(
                new TraceLine("/app/lib/firefox/firefox", 10, 1000, 100, 1000),
                new TraceLine("Isolated Web Co", 11, 1000, 50, 500),
                new TraceLine("/usr/bin/python3", 20, 1000, 5, 7),
                new TraceLine("unknown TCP", 0, 0, 1, 2))));
    a.apply(
        new Refresh(
            2 * S,
            1,
            List.of(
                new TraceLine("/app/lib/firefox/firefox", 10, 1000, 200, 3000),
                new TraceLine("Isolated Web Co", 11, 1000, 50, 500),
                new TraceLine("/usr/bin/python3", 20, 1000, 5, 7),
                new TraceLine("unknown TCP", 0, 0, 1, 2))));
    Snapshot s = snap(a, 2 * S);
    assertEquals(3, s.apps().size());
    AppStat ff = s.apps().get(0);
    assertEquals(FIREFOX, ff.app());
    assertEquals("u1000", ff.user());
    assertEquals(250, ff.sentBytes());
    assertEquals(3500, ff.receivedBytes());
    assertEquals(100.0, ff.sentRate(), 1e-9);
    assertEquals(2000.0, ff.receivedRate(), 1e-9);
    assertEquals(List.of(10, 11), ff.pids());
    assertEquals(2, ff.processes().size());
    assertEquals(FIREFOX, s.processes().get(0).app());
    assertEquals(AppId.exe("sync.py (python3)"), s.apps().get(1).app());
    assertEquals(AppId.UNATTRIBUTED, s.apps().get(2).app());
    assertEquals(UserStat.UNATTRIBUTED_UID, s.apps().get(2).uid());
    assertEquals(
        List.of(
            new UserStat("u1000", 1000, 255, 3507, 100.0, 2000.0),
            new UserStat(UserStat.UNATTRIBUTED_USER, UserStat.UNATTRIBUTED_UID, 1, 2, 0, 0)),
        s.users());
    // resolved once per process, not per refresh
    assertEquals(4, asked.size());
  }

  @Test
  void exitedProcessesFoldIntoTheirApplication() {
    Accounting a = accounting();
    a.apply(new Refresh(1 * S, 1, List.of(new TraceLine("firefox", 10, 1000, 100, 200))));
    a.apply(new Refresh(2 * S, 1, List.of(new TraceLine("firefox", 12, 1000, 1, 2))));
    a.apply(
        new Refresh(
            100 * S,
            1,
            List.of(
                new TraceLine("firefox", 10, 1000, 100, 200),
                new TraceLine("firefox", 12, 1000, 1, 2))));
    Snapshot s = snap(a, 100 * S);
    assertEquals(0, a.liveCount());
    assertEquals(1, s.apps().size());
    assertEquals(FIREFOX, s.apps().get(0).app());
    assertEquals(303, s.apps().get(0).totalBytes());
    assertEquals(List.of(), s.apps().get(0).pids());
    assertEquals(303, s.users().get(0).totalBytes());
  }

  @Test
  void aTupleStaysUnattributedUntilItsNamespaceIsFoundThenItsNewBytesAreTheApps() {
    Accounting a = accounting();
    a.apply(new Refresh(1 * S, 1, List.of(new TraceLine(TUPLE, 0, 0, 1000, 50))));
    Snapshot before = snap(a, 1 * S);
    assertEquals(AppId.UNATTRIBUTED, before.apps().get(0).app());
    assertEquals(1050, before.unattributed().totalBytes());
    containerVisible.set(true);
    a.apply(new Refresh(2 * S, 1, List.of(new TraceLine(TUPLE, 0, 0, 2000, 100))));
    Snapshot after = snap(a, 2 * S);
    assertEquals(2, after.apps().size());
    AppStat web = after.apps().stream().filter(x -> x.app().equals(WEB)).findFirst().orElseThrow();
    assertEquals("u1001", web.user());
    // what was counted before stays unattributed: sums never go backwards (history adds deltas)
    assertEquals(1050, web.totalBytes());
    assertEquals(List.of(77), web.pids());
    assertEquals(1050, after.unattributed().totalBytes());
    assertEquals(WEB, after.processes().get(0).app(), "the process row names the app");
    assertEquals(2100, after.totals().totalBytes());
    // resolved: not asked again
    a.apply(new Refresh(3 * S, 1, List.of(new TraceLine(TUPLE, 0, 0, 3000, 100))));
    assertEquals(2, asked.size());
  }

  @Test
  void unknownTcpGoesToTheAppOwningAllItsConnectionsAndStaysUnattributedOtherwise() {
    Accounting a = accounting();
    containerVisible.set(true);
    a.apply(
        new Refresh(
            1 * S,
            1,
            List.of(
                new TraceLine("unknown TCP", 0, 0, 1000, 100),
                TraceLine.unknownConnection(TUPLE))));
    Snapshot s = snap(a, 1 * S);
    AppStat web = s.apps().stream().filter(x -> x.app().equals(WEB)).findFirst().orElseThrow();
    assertEquals(1100, web.totalBytes());
    assertEquals(List.of(77), web.pids());
    assertEquals(0, s.unattributed().totalBytes());
    assertEquals(1100, s.totals().totalBytes(), "the process row keeps nethogs's numbers");
    assertEquals("unknown TCP", s.processes().get(0).name());
    // a second connection nobody can be found for: the next growth is not split, not guessed
    a.apply(
        new Refresh(
            2 * S,
            1,
            List.of(
                new TraceLine("unknown TCP", 0, 0, 3000, 300),
                TraceLine.unknownConnection(TUPLE),
                TraceLine.unknownConnection("10.0.3.1:40999-10.0.3.5:443"))));
    Snapshot t = snap(a, 2 * S);
    AppStat web2 = t.apps().stream().filter(x -> x.app().equals(WEB)).findFirst().orElseThrow();
    assertEquals(1100, web2.totalBytes());
    assertEquals(2200, t.unattributed().totalBytes());
    assertEquals(2000.0, t.unattributed().sentRate(), 1e-9);
    assertEquals(3300, t.totals().totalBytes());
    assertEquals(1, t.processes().size(), "connection lines are not processes");
  }

  @Test
  void anUnattributedTupleWithoutNewBytesCostsNothing() {
    Accounting a = accounting();
    a.apply(new Refresh(1 * S, 1, List.of(new TraceLine(TUPLE, 0, 0, 1000, 50))));
    a.apply(new Refresh(2 * S, 1, List.of(new TraceLine(TUPLE, 0, 0, 1000, 50))));
    a.apply(new Refresh(3 * S, 1, List.of(new TraceLine(TUPLE, 0, 0, 1000, 50))));
    assertEquals(1, asked.size());
  }

  @Test
  void aFailingResolverFallsBackToTheNethogsName() {
    Accounting a =
        new Accounting(
            60 * S,
            10,
            pid -> true,
            String::valueOf,
            (n, p, u) -> {
              throw new IllegalStateException("broken");
            });
    a.apply(new Refresh(1 * S, 1, List.of(new TraceLine("/usr/bin/curl", 5, 0, 1, 1))));
    assertEquals(AppId.exe("curl"), snap(a, 1 * S).apps().get(0).app());
  }
}
