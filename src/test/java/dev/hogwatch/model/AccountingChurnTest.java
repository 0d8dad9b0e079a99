package dev.hogwatch.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Churn of many short-lived processes: memory stays bounded, totals stay exact. */
class AccountingChurnTest {
  private static final long S = 1_000_000_000L;

  @Test
  void tenThousandShortLivedProcessesFoldAwayWithExactTotals() {
    Set<Integer> alive = new HashSet<>();
    Accounting a = new Accounting(5 * S, 1000, alive::contains, uid -> "u" + uid);
    int processes = 10_000;
    int perRefresh = 10; // ten new curl processes every second, each lives one second
    long generation = 1;
    List<TraceLine> nethogsList = new ArrayList<>(); // -v 2 never drops a line ...
    int maxLive = 0;
    long t = 0;
    for (int pid = 1000; pid < 1000 + processes; pid += perRefresh) {
      t += S;
      if ((pid - 1000) % 2000 == 0) { // ... until it is restarted (every 200 s here)
        generation++;
        nethogsList.clear();
      }
      alive.clear();
      for (int p = pid; p < pid + perRefresh; p++) {
        alive.add(p);
        nethogsList.add(new TraceLine(p % 2 == 0 ? "curl" : "wget", p, 1000, 100, 10));
      }
      a.apply(new Refresh(t, generation, nethogsList));
      maxLive = Math.max(maxLive, a.liveCount());
    }
    alive.clear();
    a.apply(new Refresh(t + 10 * S, generation, nethogsList)); // all gone, nothing new
    Snapshot s =
        a.snapshot(Instant.EPOCH, t + 10 * S, CaptureStatus.of(CaptureStatus.State.RUNNING, ""), 0);
    assertTrue(maxLive <= 6 * perRefresh, "live entries bounded by the fold window: " + maxLive);
    assertEquals(0, a.liveCount());
    assertEquals(processes * 100L, s.totals().sentBytes(), "every byte kept");
    assertEquals(processes * 10L, s.totals().receivedBytes());
    assertEquals(2, s.programs().size(), "folded into two program aggregates");
    assertEquals(processes * 55L, s.programs().get(0).totalBytes());
  }

  @Test
  void maxLiveBoundsMemoryEvenWhilePidsStayAlive() {
    Accounting a = new Accounting(Long.MAX_VALUE, 100, pid -> true, uid -> "u");
    List<TraceLine> lines = new ArrayList<>();
    for (int p = 1; p <= 1000; p++) {
      lines.add(new TraceLine("p", p, 0, p, 0));
      a.apply(new Refresh(p * S, 1, lines));
      assertTrue(a.liveCount() <= 100);
    }
    Snapshot s =
        a.snapshot(Instant.EPOCH, 1000 * S, CaptureStatus.of(CaptureStatus.State.RUNNING, ""), 0);
    assertEquals(1000L * 1001 / 2, s.totals().sentBytes());
  }
}
