package dev.hogwatch.history;

import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Deltas not yet written, already summed per bucket of every resolution. Each delta is added to its
 * second, minute, hour and day bucket at once, and the writer stores all of them in one
 * transaction: every resolution holds every byte exactly once, and a crash loses whole flushes,
 * never part of one.
 *
 * <p>Example: 10 bytes at 12:00:01 and 5 at 12:00:59 become two second rows (10, 5), one minute row
 * (15), one hour row (15) and one day row (15).
 */
final class Pending {

  record Cell(long bucket, ProgramKey program) {}

  record ProcessCell(long minute, ProgramKey program, int pid) {}

  /** One application's bytes in one bucket. */
  record AppCell(long bucket, AppKey app) {}

  /** One network device's bytes on one local day (from /proc/net/dev, no capture needed). */
  record InterfaceCell(long day, String device) {}

  private final ZoneId zone;
  private final Map<Resolution, Map<Cell, long[]>> cells = new EnumMap<>(Resolution.class);
  private final Map<Resolution, Map<AppCell, long[]>> appCells = new EnumMap<>(Resolution.class);
  private final Map<ProcessCell, long[]> processCells = new HashMap<>();
  private final Map<InterfaceCell, long[]> interfaceCells = new HashMap<>();

  Pending(ZoneId zone) {
    this.zone = zone;
    for (Resolution r : Resolution.values()) {
      cells.put(r, new HashMap<>());
      appCells.put(r, new HashMap<>());
    }
  }

  /** An application's delta, in every resolution at once (as {@link #addProgram}). */
  void addApp(Instant t, AppKey app, long sent, long received) {
    for (Resolution r : Resolution.values()) {
      long[] v =
          appCells.get(r).computeIfAbsent(new AppCell(r.bucket(t, zone), app), c -> new long[2]);
      v[0] += sent;
      v[1] += received;
    }
  }

  Map<AppCell, long[]> appCells(Resolution r) {
    return appCells.get(r);
  }

  void addProgram(Instant t, ProgramKey program, long sent, long received) {
    for (Resolution r : Resolution.values()) {
      long[] v =
          cells.get(r).computeIfAbsent(new Cell(r.bucket(t, zone), program), c -> new long[2]);
      v[0] += sent;
      v[1] += received;
    }
  }

  void addProcess(Instant t, ProgramKey program, int pid, long sent, long received) {
    long minute = Resolution.MINUTE.bucket(t, zone);
    long[] v =
        processCells.computeIfAbsent(new ProcessCell(minute, program, pid), c -> new long[2]);
    v[0] += sent;
    v[1] += received;
  }

  void addInterface(Instant t, String device, long sent, long received) {
    long day = Resolution.DAY.bucket(t, zone);
    long[] v = interfaceCells.computeIfAbsent(new InterfaceCell(day, device), c -> new long[2]);
    v[0] += sent;
    v[1] += received;
  }

  Map<InterfaceCell, long[]> interfaceCells() {
    return interfaceCells;
  }

  Map<Cell, long[]> cells(Resolution r) {
    return cells.get(r);
  }

  Map<ProcessCell, long[]> processCells() {
    return processCells;
  }

  boolean isEmpty() {
    return cells.get(Resolution.DAY).isEmpty()
        && appCells.get(Resolution.DAY).isEmpty()
        && processCells.isEmpty()
        && interfaceCells.isEmpty();
  }

  void clear() {
    cells.values().forEach(Map::clear);
    appCells.values().forEach(Map::clear);
    processCells.clear();
    interfaceCells.clear();
  }
}
