package dev.hogwatch.ui.window;

import dev.hogwatch.model.Accounting;
import dev.hogwatch.model.CaptureStatus;
import dev.hogwatch.model.Refresh;
import dev.hogwatch.model.Snapshot;
import dev.hogwatch.model.TraceLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Hand-made traffic for window tests: three programs and some unattributed traffic whose rates
 * follow slow waves, as nethogs total-mode blocks ({@link Refresh}) or as finished snapshots.
 *
 * <p>Example: {@code new Synthetic().refresh(10)} is the block nethogs would print 10 s after
 * start.
 */
final class Synthetic {
  static final String FIREFOX = "/usr/lib/firefox/firefox";
  static final String CURL = "/usr/bin/curl";
  static final String SYNC = "/usr/bin/syncthing";
  static final int FIREFOX_PID = 4242;
  static final int CURL_PID = 5151;
  static final int SYNC_PID = 777;

  private final double[] sent = new double[4];
  private final double[] received = new double[4];
  private int second = -1;

  /** The cumulative block for second {@code s} (call with increasing s). */
  Refresh refresh(int s, long nanos) {
    while (second < s) {
      second++;
      double t = second;
      // firefox downloads a lot, curl bursts, syncthing uploads steadily
      received[0] += 400_000 + 300_000 * Math.sin(t / 17.0);
      sent[0] += 20_000 + 10_000 * Math.cos(t / 11.0);
      received[1] += (second / 20) % 3 == 0 ? 1_500_000 : 0;
      sent[1] += (second / 20) % 3 == 0 ? 30_000 : 0;
      received[2] += 50_000;
      sent[2] += 250_000 + 100_000 * Math.sin(t / 29.0);
      received[3] += 3_000;
      sent[3] += 1_000;
    }
    List<TraceLine> lines = new ArrayList<>();
    lines.add(new TraceLine(FIREFOX, FIREFOX_PID, 1000, sent[0], received[0]));
    lines.add(new TraceLine(CURL, CURL_PID, 1000, sent[1], received[1]));
    lines.add(new TraceLine(SYNC, SYNC_PID, 1001, sent[2], received[2]));
    lines.add(new TraceLine("unknown TCP", 0, 0, sent[3], received[3]));
    return new Refresh(nanos, 1, lines);
  }

  static Accounting accounting() {
    return new Accounting(
        60_000_000_000L,
        1000,
        pid -> true,
        uid -> uid == 1000 ? "alice" : uid == 1001 ? "bob" : "root");
  }

  /**
   * Snapshots of {@code seconds} seconds ending at {@code end}, one per second, for filling a
   * {@link MemoryPast} with a long past.
   */
  static List<Snapshot> history(Instant end, int seconds, CaptureStatus status) {
    Synthetic syn = new Synthetic();
    Accounting a = accounting();
    List<Snapshot> out = new ArrayList<>(seconds);
    for (int i = 0; i < seconds; i++) {
      long nanos = (i + 1) * 1_000_000_000L;
      a.apply(syn.refresh(i, nanos));
      out.add(a.snapshot(end.minusSeconds(seconds - 1 - i), nanos, status, 0));
    }
    return out;
  }

  static final CaptureStatus DEMO = CaptureStatus.of(CaptureStatus.State.DEMO, "demo");
}
