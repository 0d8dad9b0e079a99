package dev.hogwatch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Two network namespaces joined by a veth pair, for tests that need real traffic that only they
 * see: {@code A} ({@link #nsA()}, device {@link #vethA()}, address {@link #addrA()}) and {@code B}
 * likewise. Names and the 10.x.y.0/24 subnet are unique per lab, so parallel test runs never
 * collide. IPv6 is off on both ends, so no router/neighbour chatter shows up in the counters.
 *
 * <pre>{@code
 * Assumptions.assumeTrue(NetnsLab.unavailable().isEmpty(), () -> NetnsLab.unavailable().get());
 * try (NetnsLab lab = NetnsLab.create()) {
 *   lab.start(lab.nsB(), Path.of("server.log"), "iperf3", "-s", "-B", lab.addrB());
 *   lab.run(lab.nsA(), 60, "iperf3", "-c", lab.addrB(), "-n", "10M");
 *   long sent = lab.txBytes(lab.nsA(), lab.vethA());   // the kernel's count
 * } // kills everything started here and deletes both namespaces (and with them the veths)
 * }</pre>
 *
 * <p>Needs root and {@code ip} (iproute2). Traffic goes only between the two namespaces.
 */
public final class NetnsLab implements AutoCloseable {
  private final String nsA;
  private final String nsB;
  private final String vethA;
  private final String vethB;
  private final String addrA;
  private final String addrB;
  private final List<Process> started = new ArrayList<>();

  private NetnsLab(String tag, int x, int y) {
    nsA = "hw" + tag + "a";
    nsB = "hw" + tag + "b";
    vethA = "hwv" + tag + "a";
    vethB = "hwv" + tag + "b";
    addrA = "10." + x + "." + y + ".1";
    addrB = "10." + x + "." + y + ".2";
  }

  /** Why a lab cannot be created here, or empty when it can. */
  public static Optional<String> unavailable() {
    if (!"root".equals(System.getProperty("user.name"))) {
      return Optional.of("needs root to create network namespaces");
    }
    if (!onPath("ip")) {
      return Optional.of("needs ip (apt install iproute2)");
    }
    return Optional.empty();
  }

  /** Whether {@code program} is on PATH (or an absolute path that exists). */
  public static boolean onPath(String program) {
    if (program.startsWith("/")) {
      return Files.isExecutable(Path.of(program));
    }
    String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin";
    for (String dir : path.split(":", -1)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  /** Creates both namespaces, the veth pair, addresses, and brings everything up. */
  public static NetnsLab create() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    // pid keeps parallel JVMs apart, the random part parallel labs in one JVM
    String tag = Long.toString(ProcessHandle.current().pid() % 10000) + r.nextInt(100, 1000);
    NetnsLab lab = new NetnsLab(tag, r.nextInt(100, 250), r.nextInt(1, 255));
    try {
      lab.setUp();
      return lab;
    } catch (RuntimeException e) {
      lab.close();
      throw e;
    }
  }

  private void setUp() {
    sh("ip", "netns", "add", nsA);
    sh("ip", "netns", "add", nsB);
    sh(
        "ip", "link", "add", vethA, "netns", nsA, "type", "veth", "peer", "name", vethB, "netns",
        nsB);
    for (String[] side : new String[][] {{nsA, vethA, addrA}, {nsB, vethB, addrB}}) {
      String ns = side[0];
      sh("ip", "netns", "exec", ns, "sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1");
      sh("ip", "netns", "exec", ns, "sysctl", "-q", "-w", "net.ipv6.conf.default.disable_ipv6=1");
      sh("ip", "-n", ns, "addr", "add", side[2] + "/24", "dev", side[1]);
      sh("ip", "-n", ns, "link", "set", side[1], "up");
      sh("ip", "-n", ns, "link", "set", "lo", "up");
    }
  }

  public String nsA() {
    return nsA;
  }

  public String nsB() {
    return nsB;
  }

  public String vethA() {
    return vethA;
  }

  public String vethB() {
    return vethB;
  }

  public String addrA() {
    return addrA;
  }

  public String addrB() {
    return addrB;
  }

  /** {@code ip netns exec NS} followed by {@code command}. */
  public static List<String> inNs(String ns, String... command) {
    List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", ns));
    c.addAll(List.of(command));
    return c;
  }

  /**
   * Starts {@code command} inside {@code ns} in the background, stdout and stderr to {@code log};
   * it is killed by {@link #close()}.
   */
  public Process start(String ns, Path log, String... command) {
    try {
      Process p =
          new ProcessBuilder(inNs(ns, command))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      synchronized (started) {
        started.add(p);
      }
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code command} inside {@code ns} to the end; returns stdout; fails on non-zero exit. */
  public String run(String ns, long timeoutSeconds, String... command) {
    return exec(inNs(ns, command), timeoutSeconds);
  }

  /** Kernel byte counter of a device: {@code tx_bytes} (sent). */
  public long txBytes(String ns, String dev) {
    return counter(ns, dev, "tx_bytes");
  }

  /** Kernel byte counter of a device: {@code rx_bytes} (received). */
  public long rxBytes(String ns, String dev) {
    return counter(ns, dev, "rx_bytes");
  }

  private long counter(String ns, String dev, String name) {
    // /sys shows the namespace of whoever mounted it: read it from inside the namespace
    String v = run(ns, 10, "cat", "/sys/class/net/" + dev + "/statistics/" + name);
    return Long.parseLong(v.strip());
  }

  private static void sh(String... command) {
    exec(List.of(command), 20);
  }

  private static String exec(List<String> command, long timeoutSeconds) {
    try {
      Path out = Files.createTempFile("netnslab", ".out");
      try {
        Process p =
            new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new IllegalStateException("timed out after " + timeoutSeconds + " s: " + command);
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
          throw new IllegalStateException(
              "exit " + p.exitValue() + ": " + String.join(" ", command) + "\n" + text);
        }
        return text;
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + command, e);
    }
  }

  /** Kills what was started here (and its children), then deletes both namespaces. */
  @Override
  public void close() {
    List<Process> ps;
    synchronized (started) {
      ps = new ArrayList<>(started);
      started.clear();
    }
    for (Process p : ps) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    for (Process p : ps) {
      try {
        p.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (String ns : new String[] {nsA, nsB}) {
      // kill anything left inside, then delete (which also removes its end of the veth)
      try {
        exec(List.of("ip", "netns", "pids", ns), 10)
            .lines()
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .forEach(
                pid ->
                    ProcessHandle.of(Long.parseLong(pid))
                        .ifPresent(ProcessHandle::destroyForcibly));
      } catch (RuntimeException e) {
        // the namespace may not exist (set-up failed early)
      }
      try {
        exec(List.of("ip", "netns", "del", ns), 10);
      } catch (RuntimeException e) {
        // already gone
      }
    }
  }
}
