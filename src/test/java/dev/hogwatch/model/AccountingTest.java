package dev.hogwatch.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountingTest {
  private static final long S = 1_000_000_000L;

  private static Accounting accounting() {
    return new Accounting(60 * S, 10_000, pid -> false, uid -> uid == 0 ? "root" : "u" + uid);
  }

  private static Snapshot snap(Accounting a, long nanos) {
    return a.snapshot(Instant.EPOCH, nanos, CaptureStatus.of(CaptureStatus.State.RUNNING, ""), 0);
  }

  @Test
  void restartOfNethogsNeitherResetsNorDoubleCounts() {
    Accounting a = accounting();
    a.apply(new Refresh(1 * S, 1, List.of(new TraceLine("iperf3", 10, 0, 1000, 50))));
    a.apply(new Refresh(2 * S, 1, List.of(new TraceLine("iperf3", 10, 0, 3000, 70))));
    // nethogs restarted: its totals start again from zero
    a.apply(new Refresh(3 * S, 2, List.of(new TraceLine("iperf3", 10, 0, 500, 5))));
    ProcessStat p = snap(a, 3 * S).processes().get(0);
    assertEquals(3500, p.sentBytes());
    assertEquals(75, p.receivedBytes());
    assertEquals(500.0, p.sentRate(), 1e-9);
  }

  @Test
  void sameNameDifferentPidStaysSeparateAndPidZeroIsUnattributed() {
    Accounting a = accounting();
    a.apply(
        new Refresh(
            1 * S,
            1,
            List.of(
                new TraceLine("curl", 10, 1000, 100, 900),
                new TraceLine("curl", 11, 1000, 10, 20),
                new TraceLine("unknown TCP", 0, 0, 7, 3))));
    Snapshot s = snap(a, 1 * S);
    assertEquals(3, s.processes().size());
    assertEquals(new Totals(117, 923, 0, 0), s.totals());
    assertEquals(10, s.unattributed().totalBytes());
    assertEquals(List.of(10, 11), s.programs().get(0).pids());
    assertEquals("u1000", s.programs().get(0).user());
  }

  @Test
  void exitedProcessesFoldIntoTheirProgramWithoutLosingBytes() {
    Accounting a = accounting();
    a.apply(new Refresh(1 * S, 1, List.of(new TraceLine("sh", 5, 0, 100, 200))));
    a.apply(new Refresh(100 * S, 1, List.of(new TraceLine("sh", 5, 0, 100, 200))));
    Snapshot s = snap(a, 100 * S);
    assertEquals(0, a.liveCount());
    assertEquals(300, s.totals().totalBytes());
    assertEquals(300, s.programs().get(0).totalBytes());
    // the line stays in nethogs's -v 2 output: it must not be counted again
    a.apply(new Refresh(101 * S, 1, List.of(new TraceLine("sh", 5, 0, 100, 200))));
    assertEquals(300, snap(a, 101 * S).totals().totalBytes());
  }

  @Test
  void rowsListExitedProcessesPerProgramSoTheyAddUpToTheTotals() {
    Accounting a = accounting();
    a.apply(
        new Refresh(
            1 * S,
            1,
            List.of(new TraceLine("sh", 5, 0, 100, 200), new TraceLine("sh", 6, 0, 10, 20))));
    a.apply(
        new Refresh(
            100 * S,
            1,
            List.of(
                new TraceLine("sh", 5, 0, 100, 200), // exited long ago: folded
                new TraceLine("sh", 6, 0, 40, 20)))); // still active
    Snapshot s = snap(a, 100 * S);
    assertEquals(
        List.of(
            new ProcessStat("sh", Snapshot.FOLDED_PID, 0, "root", 100, 200, 0, 0),
            new ProcessStat("sh", 6, 0, "root", 40, 20, 30.0 / 99, 0)),
        s.rows());
    long sum = s.rows().stream().mapToLong(ProcessStat::totalBytes).sum();
    assertEquals(s.totals().totalBytes(), sum);
  }
}
