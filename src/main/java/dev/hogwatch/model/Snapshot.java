package dev.hogwatch.model;

import java.time.Instant;
import java.util.List;

/**
 * Everything a view needs, immutable, produced once per refresh by {@link Hub}. Lists are sorted by
 * total bytes transferred, largest first.
 *
 * @param time wall-clock time of the snapshot
 * @param nanos monotonic time ({@link System#nanoTime()}) of the snapshot
 * @param processes live processes (including pid 0 unattributed entries)
 * @param programs per-program aggregates including processes folded away
 * @param totals sum of everything nethogs attributed or not (all processes and folded ones)
 * @param unattributed the pid 0 part of {@code totals}
 * @param interfaces per device from /proc/net/dev
 * @param interfaceTotals sum over {@code interfaces}
 * @param capture capture state
 * @param restarts how many times nethogs was restarted (crash or schedule)
 */
public record Snapshot(
    Instant time,
    long nanos,
    List<ProcessStat> processes,
    List<ProgramStat> programs,
    Totals totals,
    Totals unattributed,
    List<InterfaceStat> interfaces,
    Totals interfaceTotals,
    CaptureStatus capture,
    long restarts) {
  public Snapshot {
    processes = List.copyOf(processes);
    programs = List.copyOf(programs);
    interfaces = List.copyOf(interfaces);
  }

  /** An empty snapshot with the given status, for start-up. */
  public static Snapshot empty(CaptureStatus status) {
    return new Snapshot(
        Instant.now(),
        System.nanoTime(),
        List.of(),
        List.of(),
        Totals.ZERO,
        Totals.ZERO,
        List.of(),
        Totals.ZERO,
        status,
        0);
  }
}
