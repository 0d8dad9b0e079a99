package dev.hogwatch.bench;

import dev.hogwatch.model.Accounting;
import dev.hogwatch.model.CaptureStatus;
import dev.hogwatch.model.Refresh;
import dev.hogwatch.model.Snapshot;
import dev.hogwatch.model.TraceLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One model refresh with {@code processes} live processes (1,000 by default): apply a nethogs block
 * in which every process grew, then build the immutable {@link Snapshot} the views get. This is the
 * work the model thread does once per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ModelBenchmark {
  private static final long S = 1_000_000_000L;
  private static final CaptureStatus RUNNING = CaptureStatus.of(CaptureStatus.State.RUNNING, "");

  @Param({"1000"})
  public int processes;

  private Accounting accounting;
  private final List<List<TraceLine>> blocks = new ArrayList<>();
  private int next;
  private long generation;
  private long nanos;

  @Setup
  public void setUp() {
    accounting = new Accounting(60 * S, 10_000, pid -> true, uid -> uid == 0 ? "root" : "user");
    // 64 successive blocks of growing totals, 50 program names, names with '/' like nethogs
    for (int b = 1; b <= 64; b++) {
      List<TraceLine> lines = new ArrayList<>(processes);
      for (int p = 0; p < processes; p++) {
        lines.add(
            new TraceLine(
                "/usr/bin/prog" + (p % 50),
                1000 + p,
                p % 3 == 0 ? 0 : 1000,
                b * 1000.0 * (p + 1),
                b * 37.0));
      }
      blocks.add(List.copyOf(lines));
    }
  }

  @Benchmark
  public Snapshot refreshAndSnapshot() {
    if (next == blocks.size()) {
      next = 0;
      generation++; // like a scheduled nethogs restart: totals carry over
    }
    nanos += S;
    accounting.apply(new Refresh(nanos, generation, blocks.get(next++)));
    return accounting.snapshot(Instant.EPOCH, nanos, RUNNING, 0);
  }
}
