package dev.hogwatch.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
 * @param apps per application and user, exited processes included, largest first
 * @param users per user over all applications, largest first
 * @param unseen what the monitored interfaces carried (their own counters) that nethogs never
 *     reported, attributed or not: packets it dropped or does not count (ARP, ICMP), time while it
 *     was starting or restarting. Never negative, never shrinks; {@code totals + unseen} is the
 *     interfaces' total (see {@link Accounting})
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
    long restarts,
    List<AppStat> apps,
    List<UserStat> users,
    Totals unseen) {
  public Snapshot {
    processes = List.copyOf(processes);
    programs = List.copyOf(programs);
    interfaces = List.copyOf(interfaces);
    apps = List.copyOf(apps);
    users = List.copyOf(users);
  }

  /**
   * A snapshot without application and user sums and nothing unseen (views built before
   * applications existed).
   */
  public Snapshot(
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
    this(
        time,
        nanos,
        processes,
        programs,
        totals,
        unattributed,
        interfaces,
        interfaceTotals,
        capture,
        restarts,
        List.of(),
        List.of(),
        Totals.ZERO);
  }

  /** The row name of {@link #unseen()} in every view. */
  public static final String UNSEEN_LABEL = "Not seen by capture";

  /** One line on what {@link #unseen()} is, for tooltips, the window and the web page. */
  public static final String UNSEEN_EXPLANATION =
      "Bytes the interfaces carried that nethogs never reported: packets it dropped or does not"
          + " count (ARP, ICMP), and time while it was starting or restarting.";

  /** pid of a {@link #rows()} row that sums a program's exited (folded) processes. */
  public static final int FOLDED_PID = -1;

  /**
   * Every live process plus one row per program (pid {@value #FOLDED_PID}) for the bytes of its
   * exited processes that were folded away, so that the rows add up to {@link #totals()}; largest
   * first. This is the process list of {@code top --json} and of the web view.
   *
   * <p>Example: firefox had pids 10 (live, 5 MB) and 9 (exited, 2 MB): rows are {@code firefox/10 5
   * MB} and {@code firefox/-1 2 MB}.
   */
  public List<ProcessStat> rows() {
    List<ProcessStat> rows = new ArrayList<>(processes);
    Map<String, long[]> live = new HashMap<>();
    for (ProcessStat p : processes) {
      long[] b = live.computeIfAbsent(p.uid() + "/" + p.name(), k -> new long[2]);
      b[0] += p.sentBytes();
      b[1] += p.receivedBytes();
    }
    for (ProgramStat g : programs) {
      long[] b = live.getOrDefault(g.uid() + "/" + g.name(), new long[2]);
      long foldedSent = g.sentBytes() - b[0];
      long foldedReceived = g.receivedBytes() - b[1];
      if (foldedSent > 0 || foldedReceived > 0) {
        rows.add(
            new ProcessStat(
                g.name(), FOLDED_PID, g.uid(), g.user(), foldedSent, foldedReceived, 0, 0));
      }
    }
    rows.sort(
        Comparator.comparingLong(ProcessStat::totalBytes)
            .reversed()
            .thenComparing(ProcessStat::name)
            .thenComparingInt(ProcessStat::pid));
    return List.copyOf(rows);
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
