package dev.hogwatch.ui.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogwatch.model.CaptureStatus;
import dev.hogwatch.model.Snapshot;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class MemoryPastTest {
  private static final Instant END = Instant.ofEpochSecond(1_800_000_000L);

  @Test
  void recordsGlobalProcessAndUnattributedRatesPerSecond() {
    MemoryPast m = new MemoryPast();
    List<Snapshot> snaps = Synthetic.history(END, 120, Synthetic.DEMO);
    snaps.forEach(m);
    Snapshot last = snaps.get(snaps.size() - 1);
    long now = END.getEpochSecond();
    assertEquals(OptionalLong.of(now - 119), m.earliest(Subject.GLOBAL));
    RateSeries g = m.rates(Subject.GLOBAL, now, now + 1, 100);
    assertEquals(1, g.size());
    assertEquals(last.totals().sentRate(), g.up(0), 1);
    assertEquals(last.totals().receivedRate(), g.down(0), 1);
    Subject firefox = Subject.process(Synthetic.FIREFOX, Synthetic.FIREFOX_PID, 1000);
    RateSeries f = m.rates(firefox, now - 59, now + 1, 1000);
    assertEquals(60, f.size());
    assertTrue(f.down(59) > 0);
    RateSeries u = m.rates(Subject.UNATTRIBUTED, now, now + 1, 10);
    assertEquals(1000, u.up(0), 1);
    assertEquals(3000, u.down(0), 1);
  }

  @Test
  void withoutPerProcessCaptureTheGlobalRateComesFromTheInterfaces() {
    MemoryPast m = new MemoryPast();
    CaptureStatus none = CaptureStatus.of(CaptureStatus.State.NO_PERMISSION, "no caps");
    List<Snapshot> snaps = Synthetic.history(END, 3, none);
    snaps.forEach(m);
    long now = END.getEpochSecond();
    // the synthetic snapshots have no interfaces: the interface total (0) is used, not nethogs's
    assertEquals(0, m.rates(Subject.GLOBAL, now, now + 1, 10).up(0));
  }

  @Test
  void keepsAtMostMaxProcessesDroppingTheLeastRecentlySeen() {
    MemoryPast m = new MemoryPast(100, 100, 2);
    Synthetic.history(END, 5, Synthetic.DEMO).forEach(m); // three processes
    assertEquals(2, m.processSubjects().size());
  }

  @Test
  void layeredSourceAsksTheOlderSourceOnlyBeforeMemoryStarts() {
    MemoryPast recent = new MemoryPast();
    Synthetic.history(END, 60, Synthetic.DEMO).forEach(recent);
    long now = END.getEpochSecond();
    PastSource older =
        new PastSource() {
          @Override
          public OptionalLong earliest(Subject s) {
            return OptionalLong.of(now - 3600);
          }

          @Override
          public RateSeries rates(Subject s, long from, long to, int maxPoints) {
            assertTrue(to <= now - 59, "older source asked only before memory: " + to);
            return RateSeries.of(new double[] {from}, new double[] {42}, new double[] {43});
          }
        };
    PastSource both = PastSource.layered(recent, older);
    assertEquals(OptionalLong.of(now - 3600), both.earliest(Subject.GLOBAL));
    RateSeries r = both.rates(Subject.GLOBAL, now - 600, now + 1, 2000);
    assertEquals(42, r.up(0));
    assertEquals(1 + 60, r.size());
  }
}
