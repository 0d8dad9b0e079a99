package dev.hogwatch.ui.tray;

import dev.hogwatch.model.CaptureStatus;
import dev.hogwatch.model.InterfaceStat;
import dev.hogwatch.model.ProcessStat;
import dev.hogwatch.model.ProgramStat;
import dev.hogwatch.model.Snapshot;
import dev.hogwatch.model.Totals;
import dev.hogwatch.ui.UiPrefs;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import javax.swing.SwingUtilities;

/**
 * Run by {@link TrayLeakIT} inside a real tray session: applies 10,000 snapshots to a live tray
 * (every value changes each time; every 250th update the number of programs changes, adding and
 * removing native menu entries) and writes heap, file descriptors, threads and resident memory
 * after the first 1,000 and after all 10,000 updates to the file named by its argument.
 */
final class TrayLeakMain {
  private TrayLeakMain() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    int total = Integer.parseInt(args.length > 1 ? args[1] : "10000");
    // optional: more points to measure at ("1000,5000,20000") and a pause between updates (ms)
    java.util.Set<Integer> points = new java.util.HashSet<>(List.of(1000, total));
    if (args.length > 2) {
      for (String v : args[2].split(",", -1)) {
        points.add(Integer.parseInt(v.trim()));
      }
    }
    long pauseMs = args.length > 3 ? Long.parseLong(args[3]) : 0;
    FakeFeed feed = new FakeFeed();
    Tray tray =
        Tray.start(
                feed.hub,
                feed,
                new TrayPlayground.NoHooks(),
                new UiPrefs(out.resolveSibling("leaktest-ui.properties")))
            .orElseThrow(() -> new IllegalStateException("no native tray"));
    feed.hub.close(); // only our snapshots from here on
    List<String> lines = new ArrayList<>();
    lines.add("type " + tray.getClass().getSimpleName());
    AtomicReference<Throwable> failure = new AtomicReference<>();
    for (int i = 0; i < total; i++) {
      Snapshot s = snapshot(i);
      SwingUtilities.invokeAndWait(
          () -> {
            try {
              tray.apply(s);
            } catch (RuntimeException e) {
              failure.set(e);
            }
          });
      if (points.contains(i + 1)) {
        measure(lines, i + 1);
      }
      if (pauseMs > 0) {
        Thread.sleep(pauseMs);
      }
    }
    lines.add("iconUpdates " + tray.iconUpdates());
    lines.add("failure " + (failure.get() == null ? "none" : failure.get()));
    Files.write(out, lines);
    tray.close();
    System.exit(0);
  }

  /**
   * Update number {@code update}. System property {@code leak.variant}: {@code all} (default: texts
   * change every update, the unattributed line comes and goes every update, the number of programs
   * every 250), {@code texts} (only texts change) or {@code addremove} (only the unattributed line
   * comes and goes).
   */
  private static Snapshot snapshot(int update) {
    String variant = System.getProperty("leak.variant", "all");
    int i = variant.equals("addremove") || variant.equals("icon") ? update % 2 : update;
    int n = 5 + (i / 250) % 4; // 5..8 programs, changing every 250 updates
    List<ProgramStat> programs = new ArrayList<>();
    List<ProcessStat> processes = new ArrayList<>();
    for (int p = 0; p < n; p++) {
      long sent = (long) (n - p) * 1_000_000 + i * 1000L;
      long received = (long) (n - p) * 9_000_000 + i * 7000L;
      double rate = (i * 37 + p * 1000) % 5_000_000;
      programs.add(
          new ProgramStat(
              "/usr/bin/prog" + p,
              1000,
              "alice",
              sent,
              received,
              rate / 3,
              rate,
              List.of(100 + p)));
      processes.add(
          new ProcessStat(
              "/usr/bin/prog" + p, 100 + p, 1000, "alice", sent, received, rate / 3, rate));
    }
    int r = variant.equals("addremove") ? 0 : variant.equals("icon") ? update % 2 : i;
    Totals t = new Totals(i * 1000L, i * 9000L, (r * 131) % 2_000_000, (r * 977) % 90_000_000);
    Totals u =
        variant.equals("texts") || variant.equals("icon")
            ? new Totals(1, 1, 0, 0)
            : i % 2 == 0 ? Totals.ZERO : new Totals(i, i, 0, 0);
    return new Snapshot(
        Instant.now(),
        System.nanoTime(),
        processes,
        programs,
        t,
        u,
        List.of(new InterfaceStat("eth0", i, i, 1, 1)),
        t,
        CaptureStatus.of(CaptureStatus.State.DEMO, "demo"),
        0);
  }

  private static void measure(List<String> lines, int updates)
      throws IOException, InterruptedException {
    // Dorkbox hands every change to its GTK thread; what is still queued is not a leak, so take
    // the smallest heap seen over ten seconds of draining
    long heap = Long.MAX_VALUE;
    for (int round = 0; round < 10; round++) {
      Thread.sleep(1000);
      System.gc();
      System.gc();
      heap = Math.min(heap, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    long fds;
    try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
      fds = s.count();
    }
    long rss = 0;
    for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (l.startsWith("VmRSS:")) {
        rss = Long.parseLong(l.replaceAll("\\D", ""));
      }
    }
    lines.add(
        "at "
            + updates
            + " heap "
            + heap
            + " fds "
            + fds
            + " threads "
            + Thread.activeCount()
            + " rssKb "
            + rss);
  }
}
