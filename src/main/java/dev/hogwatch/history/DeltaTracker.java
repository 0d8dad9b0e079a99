package dev.hogwatch.history;

import dev.hogwatch.model.AppStat;
import dev.hogwatch.model.InterfaceStat;
import dev.hogwatch.model.ProcessStat;
import dev.hogwatch.model.ProgramStat;
import dev.hogwatch.model.Snapshot;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Turns successive snapshots into exact byte deltas. A program's totals in a snapshot only grow
 * (the model folds exited processes into their program), so the delta of a program is its total now
 * minus its total in the previous snapshot of this run. The first snapshot of a run counts in full:
 * the model starts every run at zero.
 *
 * <p>Example: totals 100, 250, 250, 400 for {@code curl} give deltas 100, 150, 0, 150 — their sum
 * is the last total, so nothing is lost or counted twice however the deltas are later bucketed.
 *
 * <p>Applications (of each user) are tracked the same way, from the snapshot's applications.
 *
 * <p>Processes are tracked the same way while they are live; when one is folded away it leaves the
 * snapshot and its baseline is forgotten (its bytes are already recorded, and a process that comes
 * back is counted by the model from zero again).
 *
 * <p>The snapshot's {@linkplain Snapshot#unseen() unseen} bytes (what the interfaces carried that
 * nethogs never reported) are kept as the pseudo-program {@link ProgramKey#UNSEEN} and count in the
 * total, so a report adds up to what the interfaces carried.
 *
 * <p>Not thread-safe: used by the history writer thread only.
 */
final class DeltaTracker {

  private record ProcessKey(ProgramKey program, int pid) {}

  private final Map<ProgramKey, long[]> programs = new HashMap<>();
  private final Map<AppKey, long[]> apps = new HashMap<>();
  private final Map<ProcessKey, long[]> processes = new HashMap<>();
  private final Map<String, long[]> interfaces = new HashMap<>();

  /**
   * Adds the growth since the previous snapshot to {@code into}, stamped with the snapshot time.
   */
  void track(Snapshot s, Pending into) {
    long totalSent = 0;
    long totalReceived = 0;
    for (ProgramStat p : s.programs()) {
      ProgramKey key = new ProgramKey(p.name(), p.uid(), p.user());
      long[] base = programs.computeIfAbsent(key, k -> new long[2]);
      long dSent = grow(base, 0, p.sentBytes());
      long dReceived = grow(base, 1, p.receivedBytes());
      if (dSent != 0 || dReceived != 0) {
        into.addProgram(s.time(), key, dSent, dReceived);
        totalSent += dSent;
        totalReceived += dReceived;
      }
    }
    long[] unseenBase = programs.computeIfAbsent(ProgramKey.UNSEEN, k -> new long[2]);
    long uSent = grow(unseenBase, 0, s.unseen().sentBytes());
    long uReceived = grow(unseenBase, 1, s.unseen().receivedBytes());
    if (uSent != 0 || uReceived != 0) {
      into.addProgram(s.time(), ProgramKey.UNSEEN, uSent, uReceived);
      totalSent += uSent;
      totalReceived += uReceived;
    }
    if (totalSent != 0 || totalReceived != 0) {
      into.addProgram(s.time(), ProgramKey.TOTAL, totalSent, totalReceived);
    }
    // applications the same way: their totals (exited processes included) only grow too
    for (AppStat a : s.apps()) {
      AppKey key = AppKey.of(a);
      long[] base = apps.computeIfAbsent(key, k -> new long[2]);
      long dSent = grow(base, 0, a.sentBytes());
      long dReceived = grow(base, 1, a.receivedBytes());
      if (dSent != 0 || dReceived != 0) {
        into.addApp(s.time(), key, dSent, dReceived);
      }
    }
    Set<ProcessKey> seen = new HashSet<>();
    for (ProcessStat p : s.processes()) {
      ProcessKey key = new ProcessKey(new ProgramKey(p.name(), p.uid(), p.user()), p.pid());
      seen.add(key);
      long[] base = processes.computeIfAbsent(key, k -> new long[2]);
      long dSent = grow(base, 0, p.sentBytes());
      long dReceived = grow(base, 1, p.receivedBytes());
      if (dSent != 0 || dReceived != 0) {
        into.addProcess(s.time(), key.program(), key.pid(), dSent, dReceived);
      }
    }
    processes.keySet().retainAll(seen);
    // interface counters come from /proc/net/dev and need no capture permission: they are
    // recorded whatever state nethogs is in (an interface left out of snapshots for a while keeps
    // its baseline: what it moved meanwhile is counted when it is shown again)
    for (InterfaceStat i : s.interfaces()) {
      long[] base = interfaces.computeIfAbsent(i.name(), k -> new long[2]);
      long dSent = grow(base, 0, i.sentBytes());
      long dReceived = grow(base, 1, i.receivedBytes());
      if (dSent != 0 || dReceived != 0) {
        into.addInterface(s.time(), i.name(), dSent, dReceived);
      }
    }
  }

  /**
   * Growth of a monotone counter; a counter that went backwards (which the model never does) is
   * taken as restarted from zero, so its new value is all growth.
   */
  private static long grow(long[] base, int i, long now) {
    long d = now >= base[i] ? now - base[i] : now;
    base[i] = now;
    return d;
  }
}
