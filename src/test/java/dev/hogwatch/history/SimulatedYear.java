package dev.hogwatch.history;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Benchmark (not run by {@code mvn verify}): records a simulated year of 500 programs with the
 * default retention and prints the file size, the rows per table and the cost of a write.
 *
 * <p>Run: {@code mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * && java -cp target/test-classes:target/classes:$(cat target/cp.txt)
 * dev.hogwatch.history.SimulatedYear [dir]}
 *
 * <p>Workload (a busy desktop that is never switched off): 10 programs always on (browser, mail,
 * sync, chat...) moving bytes every second; 40 daily programs active for about an hour a day in
 * 5-minute bursts; 450 occasional programs active for a few minutes on about 10 days of the year.
 * Every burst has a new pid. The last two days are recorded second by second, through the same
 * {@link Pending} and {@link HistoryStore#write} the recorder uses, flushed every 5 s; the 363 days
 * before are recorded a minute at a time (bytes of a minute stamped on its first second), which
 * gives the same minute, hour and day rows, while the per-second rows they would have made are
 * thinned after 24 h anyway. Retention runs every 10 simulated minutes for the last two days, as in
 * the recorder, and daily before.
 */
public final class SimulatedYear {
  private SimulatedYear() {}

  static final int ALWAYS = 10;
  static final int DAILY = 40;
  static final int OCCASIONAL = 450;

  public static void main(String[] args) throws Exception {
    Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("hogwatch-year");
    Path file = dir.resolve("history.db");
    Files.deleteIfExists(file);
    ZoneId zone = ZoneId.of("Europe/Berlin");
    Random rnd = new Random(42);
    List<ProgramKey> programs = new ArrayList<>();
    for (int i = 0; i < ALWAYS + DAILY + OCCASIONAL; i++) {
      int uid = i % 3 == 0 ? 0 : 1000 + i % 2;
      programs.add(new ProgramKey("/usr/lib/program-" + i + "/bin/prog" + i, uid, "user" + uid));
    }
    Instant end = Instant.parse("2026-11-25T00:00:00Z");
    Instant start = end.minus(Duration.ofDays(365));
    Instant fine = end.minus(Duration.ofDays(2));
    // occasional programs: ~10 days each, a few minutes on each
    boolean[][] occasionalDay = new boolean[OCCASIONAL][366];
    for (int p = 0; p < OCCASIONAL; p++) {
      for (int k = 0; k < 10; k++) {
        occasionalDay[p][rnd.nextInt(366)] = true;
      }
    }
    long pids = 1000;
    long t0 = System.nanoTime();
    long writes = 0;
    long writeNanos = 0;
    long rowsWritten = 0;
    try (HistoryStore store = HistoryStore.open(file, zone)) {
      Pending pending = new Pending(zone);
      Instant lastPrune = start;
      for (Instant t = start; t.isBefore(end); ) {
        boolean perSecond = !t.isBefore(fine);
        long step = perSecond ? 1 : 60;
        long second = t.getEpochSecond();
        int day = (int) ((second - start.getEpochSecond()) / 86400);
        int minuteOfDay = (int) ((second / 60) % 1440);
        for (int p = 0; p < ALWAYS; p++) {
          add(pending, t, programs.get(p), p * 7 + day, rnd, step, 20_000);
        }
        for (int p = 0; p < DAILY; p++) {
          // twelve 5-minute bursts a day at program-specific times
          int phase = (p * 37 + day * 11) % 24;
          if ((minuteOfDay / 5) % 24 == phase) {
            add(pending, t, programs.get(ALWAYS + p), (int) (pids + p), rnd, step, 50_000);
          }
        }
        for (int p = 0; p < OCCASIONAL; p++) {
          if (occasionalDay[p][day] && minuteOfDay / 3 == (p * 13) % 480) {
            add(pending, t, programs.get(ALWAYS + DAILY + p), 500_000 + p, rnd, step, 100_000);
          }
        }
        t = t.plusSeconds(step);
        if (second % 86400 == 0) {
          pids += 100;
        }
        boolean flush = perSecond ? t.getEpochSecond() % 5 == 0 : t.getEpochSecond() % 3600 == 0;
        if (flush) {
          int rows = rows(pending);
          long w0 = System.nanoTime();
          store.write(pending);
          long w = System.nanoTime() - w0;
          pending.clear();
          if (perSecond) {
            writes++;
            writeNanos += w;
            rowsWritten += rows;
          }
        }
        // as the recorder: every 10 minutes (daily before the last two days, to finish sooner)
        Duration pruneEvery = perSecond ? Duration.ofMinutes(10) : Duration.ofDays(1);
        if (Duration.between(lastPrune, t).compareTo(pruneEvery) >= 0) {
          store.prune(Retention.DEFAULT, t);
          lastPrune = t;
        }
      }
      store.write(pending);
      store.prune(Retention.DEFAULT, end);
      store.checkpoint();
      System.out.println("rows: " + store.rowCounts());
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    long size = Files.size(file);
    System.out.printf(
        Locale.ROOT,
        "simulated year, %d programs: history.db = %.1f MB (%d bytes), simulated in %.0f s%n",
        programs.size(),
        size / 1e6,
        size,
        secs);
    System.out.printf(
        Locale.ROOT,
        "write cost: %.2f ms per 5-s flush (%.1f rows, %.1f us per row), %.3f%% of one core%n",
        writeNanos / 1e6 / writes,
        (double) rowsWritten / writes,
        writeNanos / 1e3 / rowsWritten,
        100.0 * writeNanos / 1e9 / (writes * 5.0));
  }

  private static void add(
      Pending pending, Instant t, ProgramKey program, int pid, Random rnd, long step, int max) {
    long sent = (rnd.nextInt(max) + 1) * step / 4;
    long received = (rnd.nextInt(max) + 1) * step;
    pending.addProgram(t, program, sent, received);
    pending.addProgram(t, ProgramKey.TOTAL, sent, received);
    pending.addProcess(t, program, pid, sent, received);
  }

  private static int rows(Pending p) {
    int n = p.processCells().size();
    for (Resolution r : Resolution.values()) {
      n += p.cells(r).size();
    }
    return n;
  }
}
