package dev.hogwatch.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The "Not seen by capture" row: interface counters minus what nethogs reported. */
class AccountingUnseenTest {
  private static final long S = 1_000_000_000L;

  private static Accounting accounting() {
    return new Accounting(60 * S, 10_000, pid -> false, uid -> "root");
  }

  private static Snapshot snap(Accounting a, long nanos) {
    return a.snapshot(Instant.EPOCH, nanos, CaptureStatus.of(CaptureStatus.State.RUNNING, ""), 0);
  }

  /** eth0 counters (absolute: the first reading is the baseline). */
  private static InterfaceSample eth0(long nanos, long rx, long tx) {
    return new InterfaceSample(nanos, List.of(new InterfaceSample.Counter("eth0", rx, tx)));
  }

  private static Refresh block(long nanos, double sent, double received) {
    return new Refresh(nanos, 1, List.of(new TraceLine("curl", 7, 0, sent, received)));
  }

  @Test
  void everythingNethogsSawLeavesNothingUnseen() {
    Accounting a = accounting();
    for (int t = 0; t <= 10; t++) {
      a.apply(eth0(t * S, 1000 + 300L * t, 5000 + 100L * t));
      a.apply(block(t * S + S / 2, 100.0 * t, 300.0 * t));
      assertEquals(Totals.ZERO, snap(a, t * S + S / 2).unseen());
    }
  }

  @Test
  void whatTheInterfaceCarriedBeyondNethogsIsUnseenOnceBothSettled() {
    Accounting a = accounting();
    a.apply(eth0(0, 0, 0));
    // 10 s: the interface carried 9000 sent / 4000 received, nethogs reported 6000 / 1000
    for (int t = 1; t <= 10; t++) {
      a.apply(eth0(t * S, 400L * t, 900L * t));
      a.apply(block(t * S, 600.0 * t, 100.0 * t));
      assertEquals(Totals.ZERO, snap(a, t * S).unseen(), "not before both settled");
    }
    // quiet for a while: both sources settle
    for (int t = 11; t <= 16; t++) {
      a.apply(eth0(t * S, 4000, 9000));
      a.apply(block(t * S, 6000, 1000));
      snap(a, t * S); // the model publishes a snapshot every second
    }
    Snapshot s = snap(a, 16 * S);
    assertEquals(3000, s.unseen().sentBytes());
    assertEquals(3000, s.unseen().receivedBytes());
    // the rows add up to the interfaces' own counters
    assertEquals(s.interfaceTotals().sentBytes(), s.totals().sentBytes() + s.unseen().sentBytes());
    assertEquals(
        s.interfaceTotals().receivedBytes(),
        s.totals().receivedBytes() + s.unseen().receivedBytes());
  }

  @Test
  void nethogsLaggingBehindTheCountersIsNotUnseen() {
    Accounting a = accounting();
    a.apply(eth0(0, 0, 0));
    // a burst: the counters have it at once, nethogs reports it 2 s later
    a.apply(eth0(1 * S, 0, 1_000_000));
    a.apply(block(1 * S + S / 10, 0, 0));
    assertEquals(0, snap(a, 1 * S + S / 10).unseen().sentBytes());
    a.apply(eth0(2 * S, 0, 1_000_000));
    a.apply(block(2 * S + S / 10, 0, 0));
    assertEquals(0, snap(a, 2 * S + S / 10).unseen().sentBytes());
    a.apply(eth0(3 * S, 0, 1_000_000));
    a.apply(block(3 * S + S / 10, 1_000_000, 0));
    for (int t = 4; t <= 8; t++) {
      a.apply(eth0(t * S, 0, 1_000_000));
      a.apply(block(t * S + S / 10, 1_000_000, 0));
      assertEquals(0, snap(a, t * S + S / 10).unseen().sentBytes(), "t=" + t);
    }
  }

  @Test
  void neverNegativeNeverShrinking() {
    Accounting a = accounting();
    a.apply(eth0(0, 0, 0));
    long last = 0;
    for (int t = 1; t <= 25; t++) {
      // the counters carry 1000 per second for 15 s; nethogs reports 1200 per second (frames it
      // counts twice, say) for 10 s, then nothing
      a.apply(eth0(t * S, 0, 1000L * Math.min(t, 15)));
      a.apply(block(t * S, 1200.0 * Math.min(t, 10), 0));
      long u = snap(a, t * S).unseen().sentBytes();
      assertTrue(u >= last, "shrank at t=" + t);
      last = u;
    }
    assertEquals(3000, last, "once settled: 15000 carried, 12000 reported");
  }

  @Test
  void nethogsFarBehindWhileTrafficFlowsIsNotUnseen() {
    Accounting a = accounting();
    a.apply(eth0(0, 0, 0));
    for (int t = 1; t <= 40; t++) {
      // steady traffic; nethogs reports every byte 20 s late
      a.apply(eth0(t * S, 0, 1000L * t));
      a.apply(block(t * S, 1000.0 * Math.max(0, t - 20), 0));
      assertEquals(0, snap(a, t * S).unseen().sentBytes(), "t=" + t);
    }
  }

  @Test
  void aDeviceSelectedLaterAddsOnlyWhatItCarriesFromThen() {
    Accounting a = accounting();
    a.selectInterfaces(List.of("eth0"));
    for (int t = 0; t <= 5; t++) {
      a.apply(
          new InterfaceSample(
              t * S,
              List.of(
                  new InterfaceSample.Counter("eth0", 0, 100L * t),
                  new InterfaceSample.Counter("wlan0", 0, 7_000_000L * t))));
      a.apply(block(t * S, 100.0 * t, 0));
    }
    a.selectInterfaces(List.of());
    for (int t = 6; t <= 10; t++) {
      a.apply(
          new InterfaceSample(
              t * S,
              List.of(
                  new InterfaceSample.Counter("eth0", 0, 100L * t),
                  new InterfaceSample.Counter("wlan0", 0, 7_000_000L * t))));
      a.apply(block(t * S, 100.0 * t + 7_000_000.0 * (t - 5), 0));
    }
    assertEquals(0, snap(a, 10 * S).unseen().sentBytes());
  }

  @Test
  void nethogsSilentMeansTheTrafficIsUnseen() {
    Accounting a = accounting();
    a.apply(eth0(0, 0, 0));
    a.apply(block(0, 0, 0));
    for (int t = 1; t <= 40; t++) {
      a.apply(eth0(t * S, 0, 1000L * t)); // nethogs crashed at 0 and is not back
      // a late nethogs may still report it: nothing unseen until it has been gone for 30 s
      assertEquals(t <= 30 ? 0 : (t - 5) * 1000L, snap(a, t * S).unseen().sentBytes(), "t=" + t);
    }
  }

  @Test
  void captureThatNeverRanLeavesItToTheInterfaceTotals() {
    Accounting a = accounting();
    for (int t = 0; t <= 40; t++) {
      a.apply(eth0(t * S, 0, 1000L * t)); // no permission: nethogs never printed a block
      assertEquals(Totals.ZERO, snap(a, t * S).unseen());
    }
  }

  @Test
  void theDemoTraceComparesNothing() {
    Accounting a = accounting();
    a.countUnseen(false);
    a.apply(eth0(0, 0, 0));
    for (int t = 1; t <= 10; t++) {
      a.apply(eth0(t * S, 0, 1000L * t));
      a.apply(block(t * S, 0, 0));
    }
    assertEquals(Totals.ZERO, snap(a, 10 * S).unseen());
  }
}
