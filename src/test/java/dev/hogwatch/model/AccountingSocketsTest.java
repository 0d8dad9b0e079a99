package dev.hogwatch.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Traffic nethogs could not attribute, given to the process the socket watcher saw. */
class AccountingSocketsTest {
  private static final long S = 1_000_000_000L;
  private static final String TUPLE = "10.0.0.1:43210-10.0.0.2:443";

  private static Accounting accounting() {
    return new Accounting(60 * S, 10_000, pid -> false, uid -> "u" + uid);
  }

  private static Snapshot snap(Accounting a, long nanos) {
    return a.snapshot(Instant.EPOCH, nanos, CaptureStatus.of(CaptureStatus.State.RUNNING, ""), 0);
  }

  private static ProcessStat process(Snapshot s, int pid) {
    return s.processes().stream().filter(p -> p.pid() == pid).findFirst().orElseThrow();
  }

  private static SocketBytes curl(long sent, long received) {
    return new SocketBytes(
        S / 2,
        List.of(new SocketBytes.Owner(TUPLE, 812, "curl", 1000)),
        List.of(new SocketBytes.Transfer(true, TUPLE, sent, received)));
  }

  @Test
  void unknownTcpGoesToTheConnectionsTheWatcherCountedUpToTheirBytes() {
    Accounting a = accounting();
    a.apply(curl(5000, 300));
    a.apply(new Refresh(1 * S, 1, List.of(new TraceLine("unknown TCP", 0, 0, 7000, 300))));
    Snapshot s = snap(a, 1 * S);
    ProcessStat curl = process(s, 812);
    assertEquals("curl", curl.name());
    assertEquals("u1000", curl.user());
    assertEquals(5000, curl.sentBytes());
    assertEquals(300, curl.receivedBytes());
    assertEquals(2000, s.unattributed().sentBytes());
    assertEquals(0, s.unattributed().receivedBytes());
    assertEquals(7300, s.totals().totalBytes(), "moved, never added");
  }

  @Test
  void aTupleLineGoesToItsOwnerExactly() {
    Accounting a = accounting();
    a.apply(curl(100, 100)); // the watcher's estimate does not matter here
    a.apply(new Refresh(1 * S, 1, List.of(new TraceLine(TUPLE, 0, 0, 9000, 400))));
    a.apply(new Refresh(2 * S, 1, List.of(new TraceLine("unknown TCP", 0, 0, 50, 0))));
    Snapshot s = snap(a, 2 * S);
    assertEquals(9000, process(s, 812).sentBytes());
    assertEquals(50, s.unattributed().sentBytes(), "the tuple's bytes were not given twice");
  }

  @Test
  void aProcessNethogsFoundItselfTakesNothingFromUnknown() {
    Accounting a = accounting();
    a.apply(curl(5000, 0));
    a.apply(
        new Refresh(
            1 * S,
            1,
            List.of(
                new TraceLine("curl", 812, 1000, 5000, 0),
                new TraceLine("unknown TCP", 0, 0, 4000, 0))));
    Snapshot s = snap(a, 1 * S);
    assertEquals(5000, process(s, 812).sentBytes());
    assertEquals(4000, s.unattributed().sentBytes());
  }

  @Test
  void udpLookupsShareUnknownUdpEqually() {
    Accounting a = accounting();
    for (int i = 0; i < 4; i++) {
      String t = "10.0.0.1:" + (5000 + i) + "-10.0.0.2:53";
      a.apply(
          new SocketBytes(
              S / 2,
              List.of(new SocketBytes.Owner(t, 900 + i, "dig", 1000)),
              List.of(new SocketBytes.Transfer(false, t, -1, -1))));
    }
    a.apply(new Refresh(1 * S, 1, List.of(new TraceLine("unknown UDP", 0, 0, 402, 2001))));
    Snapshot s = snap(a, 1 * S);
    for (int i = 0; i < 4; i++) {
      assertEquals(100, process(s, 900 + i).sentBytes());
      assertEquals(500, process(s, 900 + i).receivedBytes());
    }
    assertEquals(new Totals(2, 1, 0, 0).totalBytes(), s.unattributed().totalBytes());
  }

  @Test
  void aShortLivedProcessCountsForTheApplicationResolvedWhileItLived() {
    Accounting a = accounting();
    AppId firefox = new AppId(AppId.Kind.FLATPAK, "org.mozilla.firefox", "Firefox", "");
    a.apply(
        new SocketBytes(
            S / 2,
            List.of(new SocketBytes.Owner(TUPLE, 812, "curl", 1000, firefox)),
            List.of(new SocketBytes.Transfer(true, TUPLE, 5000, 300))));
    a.apply(new Refresh(1 * S, 1, List.of(new TraceLine("unknown TCP", 0, 0, 7000, 300))));
    a.apply(new Refresh(2 * S, 1, List.of(new TraceLine(TUPLE, 0, 0, 1000, 0))));
    Snapshot s = snap(a, 2 * S);
    assertEquals(firefox, process(s, 812).app());
    AppStat app = s.apps().stream().filter(x -> x.app().equals(firefox)).findFirst().orElseThrow();
    assertEquals(6000, app.sentBytes(), "the unknown TCP share and the tuple line");
    assertEquals(300, app.receivedBytes());
    assertEquals(1000, app.uid());
    assertEquals(List.of(812), app.pids());
    AppStat nobody =
        s.apps().stream().filter(x -> x.app().unattributed()).findFirst().orElseThrow();
    assertEquals(2000, nobody.sentBytes());
    assertEquals(2000, s.unattributed().sentBytes());
  }

  @Test
  void withoutAnApplicationFromTheWatcherTheModelsResolverNamesIt() {
    Accounting a =
        new Accounting(
            60 * S,
            10_000,
            pid -> false,
            uid -> "u" + uid,
            (name, pid, uid) ->
                new AppResolver.Attribution(AppId.exe("resolved-" + AppId.baseName(name)), uid));
    a.apply(curl(5000, 0));
    a.apply(new Refresh(1 * S, 1, List.of(new TraceLine("unknown TCP", 0, 0, 5000, 0))));
    assertEquals(AppId.exe("resolved-curl"), process(snap(a, 1 * S), 812).app());
  }

  @Test
  void aProcessNethogsFoundAfterItExitedTakesTheApplicationTheWatcherNamedWhileItRan() {
    AppId script = AppId.exe("burst.py (python3)");
    Accounting a =
        new Accounting(
            60 * S,
            10_000,
            pid -> false,
            uid -> "u" + uid,
            (name, pid, uid) -> new AppResolver.Attribution(AppId.exe("python3"), uid)); // gone
    a.apply(
        new SocketBytes(
            S / 2,
            List.of(),
            List.of(),
            List.of(
                new SocketBytes.Owner("", 812, "/usr/bin/python3", -1, script),
                new SocketBytes.Owner("", 813, "/usr/bin/python3", -1, script))));
    a.apply(
        new Refresh(
            1 * S,
            1,
            List.of(
                new TraceLine("/usr/bin/python3", 812, 1000, 5000, 0),
                new TraceLine("/usr/bin/perl", 813, 1000, 70, 0)))); // pid 813 reused since
    Snapshot s = snap(a, 1 * S);
    assertEquals(script, process(s, 812).app());
    assertEquals(1000, process(s, 812).uid(), "nethogs's uid, not the watcher's -1");
    assertEquals(AppId.exe("python3"), process(s, 813).app(), "another program: resolved anew");
  }

  @Test
  void whatTheWatcherSawLongAgoIsForgotten() {
    Accounting a = accounting();
    a.apply(curl(5000, 0));
    a.apply(new Refresh(30 * S, 1, List.of(new TraceLine("unknown TCP", 0, 0, 5000, 0))));
    assertEquals(5000, snap(a, 30 * S).unattributed().sentBytes());
  }
}
