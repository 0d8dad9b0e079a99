package dev.hogwatch.bench;

import dev.hogwatch.capture.AppIdentityProbe;
import dev.hogwatch.capture.NetNamespaces;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Prints the CPU time (this thread's, so a loaded machine does not inflate it the way wall time is
 * inflated) of naming a new pid and of one scan of the other network namespaces, on this machine's
 * real {@code /proc}, next to wall time. Run: {@code java -cp <test classpath>
 * dev.hogwatch.bench.AppIdentityCost [rounds]}; {@link AppIdentityBenchmark} is the JMH version.
 */
public final class AppIdentityCost {
  private AppIdentityCost() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    AppIdentityProbe probe = AppIdentityProbe.system();
    NetNamespaces ns = new NetNamespaces(Path.of("/proc"), System::nanoTime, 0);
    int n = probe.pids() * rounds;
    for (int i = 0; i < n; i++) { // warm-up
      probe.resolveNext();
    }
    long cpu0 = mx.getCurrentThreadCpuTime();
    long wall0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      probe.resolveNext();
    }
    long cpu1 = mx.getCurrentThreadCpuTime();
    long wall1 = System.nanoTime();
    System.out.printf(
        Locale.ROOT,
        "new pid: %.1f us CPU, %.1f us wall (%d resolutions over %d live pids)%n",
        (cpu1 - cpu0) / 1e3 / n,
        (wall1 - wall0) / 1e3 / n,
        n,
        probe.pids());
    int scans = Math.max(5, rounds);
    for (int i = 0; i < scans; i++) {
      ns.find("10.254.254.1:" + (i + 1) + "-10.254.254.2:2");
    }
    cpu0 = mx.getCurrentThreadCpuTime();
    wall0 = System.nanoTime();
    for (int i = 0; i < scans; i++) {
      // a new tuple that matches nothing: a full scan every time
      ns.find("10.254.254.1:" + (i + 1000) + "-10.254.254.2:2");
    }
    cpu1 = mx.getCurrentThreadCpuTime();
    wall1 = System.nanoTime();
    System.out.printf(
        Locale.ROOT,
        "namespace scan: %.2f ms CPU, %.2f ms wall (%d scans)%n",
        (cpu1 - cpu0) / 1e6 / scans,
        (wall1 - wall0) / 1e6 / scans,
        scans);
  }
}
