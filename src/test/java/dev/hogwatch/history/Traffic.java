package dev.hogwatch.history;

import dev.hogwatch.model.Accounting;
import dev.hogwatch.model.CaptureStatus;
import dev.hogwatch.model.Refresh;
import dev.hogwatch.model.Snapshot;
import dev.hogwatch.model.TraceLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A hand-made nethogs run for tests: processes whose cumulative byte counts grow as the test says,
 * fed through the real {@link Accounting} as nethogs refresh blocks; {@link #snapshot} gives what
 * the hub would publish at a chosen wall-clock time. Also keeps a ledger of what was sent when, so
 * tests can compare history with the truth.
 */
final class Traffic {
  record Entry(Instant time, String name, int uid, long sent, long received) {}

  private record Proc(String name, int pid, int uid) {}

  private final Accounting accounting =
      new Accounting(Long.MAX_VALUE, 10_000, pid -> true, uid -> "u" + uid);
  private final Map<Proc, long[]> cumulative = new LinkedHashMap<>();
  private final List<Entry> ledger = new ArrayList<>();
  private final long generation;
  private long nanos = 1_000_000_000L;

  Traffic(long generation) {
    this.generation = generation;
  }

  /** Process {@code name/pid/uid} sent and received this much more, at time {@code t}. */
  Traffic add(Instant t, String name, int pid, int uid, long sent, long received) {
    long[] c = cumulative.computeIfAbsent(new Proc(name, pid, uid), k -> new long[2]);
    c[0] += sent;
    c[1] += received;
    ledger.add(new Entry(t, name, uid, sent, received));
    return this;
  }

  /** Applies one refresh block with every process's cumulative counts; returns the snapshot. */
  Snapshot snapshot(Instant t) {
    List<TraceLine> lines = new ArrayList<>();
    cumulative.forEach((p, c) -> lines.add(new TraceLine(p.name(), p.pid(), p.uid(), c[0], c[1])));
    nanos += 1_000_000_000L;
    accounting.apply(new Refresh(nanos, generation, lines));
    return accounting.snapshot(t, nanos, CaptureStatus.of(CaptureStatus.State.RUNNING, ""), 0);
  }

  List<Entry> ledger() {
    return ledger;
  }

  /** Ledger sums per "name/uid" over {@code [from, to)}, plus "*" for the total. */
  static Map<String, long[]> sums(List<Entry> ledger, Instant from, Instant to) {
    Map<String, long[]> m = new java.util.TreeMap<>();
    for (Entry e : ledger) {
      if (!e.time().isBefore(from) && e.time().isBefore(to)) {
        for (String k : new String[] {e.name() + "/" + e.uid(), "*"}) {
          long[] v = m.computeIfAbsent(k, x -> new long[2]);
          v[0] += e.sent();
          v[1] += e.received();
        }
      }
    }
    return m;
  }

  /** The same shape for a history answer. */
  static Map<String, long[]> sums(Usage u) {
    Map<String, long[]> m = new java.util.TreeMap<>();
    for (ProgramUsage p : u.programs()) {
      m.put(p.name() + "/" + p.uid(), new long[] {p.sentBytes(), p.receivedBytes()});
    }
    if (u.sentBytes() != 0 || u.receivedBytes() != 0) {
      m.put("*", new long[] {u.sentBytes(), u.receivedBytes()});
    }
    return m;
  }

  static String show(Map<String, long[]> m) {
    StringBuilder b = new StringBuilder();
    m.forEach((k, v) -> b.append(k).append('=').append(v[0]).append('/').append(v[1]).append(' '));
    return b.toString();
  }
}
