package dev.hogwatch.bench;

import dev.hogwatch.capture.AppIdentityProbe;
import dev.hogwatch.capture.NetNamespaces;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of naming a new pid on this machine's real {@code /proc} (cgroup, stat, exe, cmdline,
 * parents, desktop entry; the desktop index is built once in set-up), round-robin over every live
 * pid with the cache emptied before each; and of one scan of every other network namespace for an
 * unattributed connection tuple (what happens at most once a second, only while one is unresolved).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AppIdentityBenchmark {
  private AppIdentityProbe probe;
  private NetNamespaces namespaces;

  @Setup
  public void setUp() {
    probe = AppIdentityProbe.system();
    namespaces = new NetNamespaces(java.nio.file.Path.of("/proc"), System::nanoTime, 0);
  }

  @Benchmark
  public Object resolveNewPid() {
    return probe.resolveNext();
  }

  private int port;

  @Benchmark
  public int scanNamespacesForATuple() {
    // a new tuple that matches nothing: a full scan
    port = port % 60000 + 1;
    return namespaces.find("10.254.254.1:" + port + "-10.254.254.2:2");
  }
}
