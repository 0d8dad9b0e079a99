package dev.hogwatch.history;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.hogwatch.model.CaptureStatus;
import dev.hogwatch.model.Snapshot;
import dev.hogwatch.model.Totals;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** History keeps the "Not seen by capture" bytes, so reports add up to the interfaces. */
class UnseenHistoryTest {

  private static Snapshot withUnseen(Instant t, long sent, long received) {
    return new Snapshot(
        t,
        0,
        List.of(),
        List.of(),
        Totals.ZERO,
        Totals.ZERO,
        List.of(),
        Totals.ZERO,
        CaptureStatus.of(CaptureStatus.State.RUNNING, ""),
        0,
        List.of(),
        List.of(),
        new Totals(sent, received, 0, 0));
  }

  private static long[] sum(Pending p, ProgramKey key) {
    long[] out = new long[2];
    p.cells(Resolution.SECOND)
        .forEach(
            (cell, v) -> {
              if (cell.program().equals(key)) {
                out[0] += v[0];
                out[1] += v[1];
              }
            });
    return out;
  }

  @Test
  void unseenGrowthIsAPseudoProgramAndCountsInTheTotal() {
    DeltaTracker d = new DeltaTracker();
    Pending p = new Pending(ZoneOffset.UTC);
    Instant t0 = Instant.parse("2026-01-01T10:00:00Z");
    d.track(withUnseen(t0, 100, 10), p);
    d.track(withUnseen(t0.plusSeconds(1), 100, 10), p);
    d.track(withUnseen(t0.plusSeconds(2), 250, 15), p);
    assertArrayEquals(new long[] {250, 15}, sum(p, ProgramKey.UNSEEN));
    assertArrayEquals(new long[] {250, 15}, sum(p, ProgramKey.TOTAL));
  }
}
