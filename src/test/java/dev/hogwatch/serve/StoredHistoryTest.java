package dev.hogwatch.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogwatch.history.History;
import dev.hogwatch.history.SeriesPoint;
import dev.hogwatch.model.Accounting;
import dev.hogwatch.model.CaptureStatus;
import dev.hogwatch.model.Refresh;
import dev.hogwatch.model.TraceLine;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/history}'s source over a real SQLite history file. */
class StoredHistoryTest {

  @TempDir Path dir;

  @Test
  void seriesOfAllTrafficAndOfOneProgramKeepEveryByte() throws Exception {
    Accounting acc = new Accounting(Long.MAX_VALUE, 1000, pid -> true, uid -> "u" + uid);
    CaptureStatus running = CaptureStatus.of(CaptureStatus.State.RUNNING, "");
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(30));
    try (History h = History.start(History.Options.defaults(dir))) {
      long nanos = 1_000_000_000L;
      // 20 minutes, one refresh every 30 s: firefox downloads 1000 B, curl uploads 10 B each time
      for (int i = 0; i <= 40; i++) {
        nanos += 30_000_000_000L;
        acc.apply(
            new Refresh(
                nanos,
                1,
                List.of(
                    new TraceLine("firefox", 11, 1000, 0, 1000.0 * i),
                    new TraceLine("curl", 12, 1000, 10.0 * i, 0))));
        h.accept(acc.snapshot(t0.plusSeconds(30L * i), nanos, running, 0));
        h.flush();
      }
      HistorySource src = StoredHistory.of(h);
      assertTrue(src.available());
      Instant until = t0.plus(Duration.ofMinutes(25));

      List<SeriesPoint> all = src.query(t0.minusSeconds(60), until, Optional.empty(), 2000);
      assertEquals(40 * 1000, all.stream().mapToLong(SeriesPoint::receivedBytes).sum());
      assertEquals(40 * 10, all.stream().mapToLong(SeriesPoint::sentBytes).sum());

      List<SeriesPoint> firefox =
          src.query(t0.minusSeconds(60), until, Optional.of("firefox"), 2000);
      assertEquals(40 * 1000, firefox.stream().mapToLong(SeriesPoint::receivedBytes).sum());
      assertEquals(0, firefox.stream().mapToLong(SeriesPoint::sentBytes).sum());
      assertTrue(
          src.query(t0, until, Optional.of("nobody"), 2000).isEmpty(), "unknown program: nothing");

      // a coarse request: at most 4 points, still every byte, buckets in order
      List<SeriesPoint> coarse = src.query(t0.minusSeconds(60), until, Optional.empty(), 4);
      assertTrue(coarse.size() <= 4, coarse.toString());
      assertEquals(40 * 1000, coarse.stream().mapToLong(SeriesPoint::receivedBytes).sum());
      for (int i = 1; i < coarse.size(); i++) {
        assertTrue(coarse.get(i - 1).start().isBefore(coarse.get(i).start()));
      }

      // "All" (since 0) starts at the first recorded day instead of 1970
      List<SeriesPoint> everything = src.query(Instant.EPOCH, until, Optional.empty(), 2000);
      assertEquals(40 * 1000, everything.stream().mapToLong(SeriesPoint::receivedBytes).sum());
      assertTrue(everything.size() > 4, "a fine rollup for a short history");
    }
  }

  @Test
  void historyThatIsOffIsUnavailable() {
    assertFalse(StoredHistory.of(History.off("History is off.")).available());
  }
}
