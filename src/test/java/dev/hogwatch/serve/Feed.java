package dev.hogwatch.serve;

import dev.hogwatch.model.Accounting;
import dev.hogwatch.model.CaptureStatus;
import dev.hogwatch.model.Hub;
import dev.hogwatch.model.InterfaceSample;
import dev.hogwatch.model.Refresh;
import dev.hogwatch.model.TraceLine;
import java.time.Duration;
import java.util.List;

/**
 * A real {@link Hub} fed by hand-made nethogs refreshes, standing in for the capture engine. The
 * Hub's once-per-second tick is not started, so every {@link #refresh} makes exactly one snapshot.
 */
final class Feed implements AutoCloseable {
  final Hub hub;
  private long nanos = System.nanoTime();

  /** Processes never fold away. */
  Feed() {
    this(Duration.ofDays(1), true);
  }

  /** Processes idle for {@code foldAfter} are folded into their program (their pids are gone). */
  Feed(Duration foldAfter) {
    this(foldAfter, false);
  }

  private Feed(Duration foldAfter, boolean pidsAlive) {
    this(foldAfter, pidsAlive, dev.hogwatch.model.AppResolver.BY_NAME);
  }

  /** Processes never fold away; {@code apps} names their applications. */
  Feed(dev.hogwatch.model.AppResolver apps) {
    this(Duration.ofDays(1), true, apps);
  }

  private Feed(Duration foldAfter, boolean pidsAlive, dev.hogwatch.model.AppResolver apps) {
    hub =
        new Hub(
            new Accounting(
                foldAfter.toNanos(),
                1000,
                pid -> pidsAlive,
                uid -> uid == 0 ? "root" : "u" + uid,
                apps),
            CaptureStatus.of(CaptureStatus.State.RUNNING, "test feed"));
  }

  /** One nethogs block, one second after the previous one; values are bytes since start. */
  void refresh(TraceLine... lines) {
    nanos = Math.max(nanos + 1_000_000_000L, System.nanoTime());
    hub.submit(new Refresh(nanos, 1, List.of(lines)));
  }

  void interfaces(InterfaceSample.Counter... counters) {
    hub.submit(new InterfaceSample(nanos, List.of(counters)));
  }

  void status(CaptureStatus.State state, long restarts) {
    hub.submit(CaptureStatus.of(state, state.name()), restarts);
  }

  /** Waits until everything submitted so far is published. */
  void flush() throws InterruptedException {
    hub.flush();
  }

  @Override
  public void close() {
    hub.close();
  }
}
