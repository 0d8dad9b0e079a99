package dev.hogwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hogwatch.testing.IperfClient;
import dev.hogwatch.testing.NetnsLab;
import dev.hogwatch.testing.TestCgroups;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Applications with real processes in real cgroups, real traffic and the real nethogs: {@code
 * hogwatch top --by app --json} runs in namespace A of a {@link NetnsLab}; traffic generators run
 * one after another in cgroups named like a Flatpak app, a Docker container, a system service and a
 * desktop app, plus a Python script; a last one runs in a third namespace C that reaches B only
 * through A, which forwards and masquerades it (as a container host does). Every application must
 * be named by its kind and id, with the bytes the kernel counted for its window; the masqueraded
 * traffic, which nethogs can only count as {@code unknown TCP}, must belong to C's container.
 */
class AppsEndToEndIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @BeforeEach
  void needs() {
    Assumptions.assumeTrue(NetnsLab.unavailable().isEmpty(), () -> NetnsLab.unavailable().get());
    Assumptions.assumeTrue(
        TestCgroups.unavailable().isEmpty(), () -> TestCgroups.unavailable().get());
    Assumptions.assumeTrue(
        NetnsLab.onPath("nethogs") || Files.exists(Path.of("/usr/sbin/nethogs")),
        "needs nethogs (apt install nethogs)");
    Assumptions.assumeTrue(NetnsLab.onPath("iperf3"), "needs iperf3 (apt install iperf3)");
    Assumptions.assumeTrue(NetnsLab.onPath("iptables"), "needs iptables (apt install iptables)");
    Assumptions.assumeTrue(Files.exists(Path.of("/usr/bin/python3")), "needs /usr/bin/python3");
    Assumptions.assumeTrue(System.getProperty("hogwatch.jar") != null, "run by failsafe");
  }

  /** One traffic generator: where it ran, what it should be called, what the kernel counted. */
  private record Run(String kind, String id, long pid, long kernelSent) {}

  private static String hex64() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 64; i++) {
      sb.append(Character.forDigit(r.nextInt(16), 16));
    }
    return sb.toString();
  }

  @Test
  void everyKindIsNamedAndForwardedTrafficBelongsToItsContainer() throws Exception {
    String tag =
        Long.toString(ProcessHandle.current().pid() % 10000)
            + ThreadLocalRandom.current().nextInt(100, 1000);
    String docker = hex64();
    String podman = hex64();
    Path sender = tmp.resolve("hwsend.py");
    Files.writeString(
        sender,
        """
        import socket, sys, time
        s = socket.create_connection((sys.argv[1], int(sys.argv[2])))
        # about 10 Mbit/s, like the iperf3 runs: a burst at full speed on a loaded machine
        # overruns nethogs's capture buffer and drops packets the kernel counted
        for _ in range(int(sys.argv[3]) // 65536):
            s.sendall(b'x' * 65536)
            time.sleep(0.05)
        time.sleep(3)
        s.shutdown(socket.SHUT_WR)
        s.recv(1)
        s.close()
        """,
        StandardCharsets.UTF_8);
    Path sink = tmp.resolve("hwsink.py");
    Files.writeString(
        sink,
        """
        import socket, sys
        l = socket.socket()
        l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        l.bind((sys.argv[1], int(sys.argv[2])))
        l.listen(4)
        while True:
            c, _ = l.accept()
            while c.recv(65536):
                pass
            c.close()
        """,
        StandardCharsets.UTF_8);
    try (NetnsLab lab = NetnsLab.create();
        TestCgroups cgroups = TestCgroups.open();
        Forwarded c = Forwarded.behind(lab, tag)) {
      for (int port = 5301; port <= 5305; port++) {
        lab.start(
            lab.nsB(),
            tmp.resolve("server" + port + ".log"),
            "iperf3",
            "-s",
            "-B",
            lab.addrB(),
            "-p",
            Integer.toString(port));
      }
      lab.start(
          lab.nsB(),
          tmp.resolve("sink.log"),
          "/usr/bin/python3",
          sink.toString(),
          lab.addrB(),
          "5399");
      for (int port = 5301; port <= 5305; port++) {
        IperfClient.awaitServer(lab, lab.nsA(), lab.addrB(), port);
      }
      Path out = tmp.resolve("top.json");
      Process top =
          new ProcessBuilder(
                  NetnsLab.inNs(
                      lab.nsA(),
                      Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                      "-jar",
                      System.getProperty("hogwatch.jar"),
                      "top",
                      "--json",
                      "--by",
                      "app",
                      "--duration",
                      "40s",
                      "--devices",
                      lab.vethA(),
                      "--data-dir",
                      tmp.resolve("data").toString()))
              .redirectOutput(out.toFile())
              .redirectError(tmp.resolve("top.err").toFile())
              .start();
      List<Run> runs = new ArrayList<>();
      try {
        awaitNethogs(top);
        String slice = "hw" + tag + ".slice/";
        runs.add(
            iperf(
                lab,
                lab.nsA(),
                cgroups.create(slice + "app-flatpak-org.hogwatch.Flat" + tag + "-12.scope"),
                5301,
                "flatpak",
                "org.hogwatch.Flat" + tag));
        runs.add(
            iperf(
                lab,
                lab.nsA(),
                cgroups.create(slice + "docker-" + docker + ".scope"),
                5302,
                "container",
                docker.substring(0, 12)));
        runs.add(
            iperf(
                lab,
                lab.nsA(),
                cgroups.create("system.slice/hw" + tag + ".service"),
                5303,
                "service",
                "hw" + tag));
        runs.add(
            iperf(
                lab,
                lab.nsA(),
                cgroups.create(slice + "app-gnome-org.hogwatch.Desk" + tag + "-42.scope"),
                5304,
                "desktop",
                "org.hogwatch.Desk" + tag));
        runs.add(
            python(lab, cgroups.create(slice + "session-" + tag + ".scope"), sender, "hwsend.py"));
        runs.add(
            forwarded(
                lab,
                c,
                cgroups.create("machine.slice/libpod-" + podman + ".scope"),
                podman.substring(0, 12)));
        assertTrue(top.waitFor(90, TimeUnit.SECONDS), "top --duration did not end");
      } finally {
        top.descendants().forEach(ProcessHandle::destroy);
        top.destroy();
        for (Process p : started) {
          p.destroyForcibly();
          p.waitFor(5, TimeUnit.SECONDS);
        }
      }
      String err = Files.readString(tmp.resolve("top.err"), StandardCharsets.UTF_8);
      assertEquals(0, top.exitValue(), err);
      assertTrue(
          Files.exists(tmp.resolve("data").resolve("history.db")),
          "top records its history in --data-dir, never in the HOME the tests run with");
      JsonNode doc = JSON.readTree(Files.readString(out, StandardCharsets.UTF_8));
      for (Run r : runs) {
        JsonNode app = find(doc, r.kind(), r.id());
        within(r.kernelSent(), app.get("sentBytes").asLong(), 0.02, r.kind() + " " + r.id());
        if (r.pid() > 0) {
          assertTrue(contains(app.get("pids"), r.pid()), r + " pids " + app.get("pids"));
        }
      }
      long sum = 0;
      for (JsonNode a : doc.get("apps")) {
        sum += a.get("sentBytes").asLong();
      }
      assertEquals(sum, doc.get("totals").get("sentBytes").asLong(), "apps add up to the totals");
    }
  }

  private static boolean contains(JsonNode pids, long pid) {
    for (JsonNode p : pids) {
      if (p.asLong() == pid) {
        return true;
      }
    }
    return false;
  }

  private static JsonNode find(JsonNode doc, String kind, String id) {
    for (JsonNode a : doc.get("apps")) {
      if (a.get("kind").asText().equals(kind) && a.get("id").asText().equals(id)) {
        return a;
      }
    }
    throw new AssertionError(kind + " " + id + " missing in " + doc);
  }

  private Run iperf(NetnsLab lab, String ns, Path procs, int port, String kind, String id)
      throws Exception {
    long tx0 = lab.txBytes(lab.nsA(), lab.vethA());
    Process p =
        start(
            ns,
            procs,
            tmp.resolve(kind + ".log"),
            "iperf3",
            "-c",
            lab.addrB(),
            "-p",
            Integer.toString(port),
            "-t",
            "3",
            "-b",
            "8M",
            "--connect-timeout=5000");
    finish(p, kind);
    Thread.sleep(1500);
    return new Run(kind, id, p.pid(), lab.txBytes(lab.nsA(), lab.vethA()) - tx0);
  }

  private Run python(NetnsLab lab, Path procs, Path script, String name) throws Exception {
    long tx0 = lab.txBytes(lab.nsA(), lab.vethA());
    Process p =
        start(
            lab.nsA(),
            procs,
            tmp.resolve("python.log"),
            "/usr/bin/python3",
            script.toString(),
            lab.addrB(),
            "5399",
            "2000000");
    finish(p, "python");
    Thread.sleep(1500);
    return new Run("exe", name + " (python3)", p.pid(), lab.txBytes(lab.nsA(), lab.vethA()) - tx0);
  }

  private Run forwarded(NetnsLab lab, Forwarded c, Path procs, String id) throws Exception {
    long tx0 = lab.txBytes(lab.nsA(), lab.vethA());
    Process p =
        start(
            c.ns,
            procs,
            tmp.resolve("forwarded.log"),
            "iperf3",
            "-c",
            lab.addrB(),
            "-p",
            "5305",
            "-t",
            "3",
            "-b",
            "8M",
            "--connect-timeout=5000");
    finish(p, "forwarded");
    Thread.sleep(1500);
    // its pids are live processes: the snapshot at the end, after it exited, lists none
    return new Run("container", id, -1, lab.txBytes(lab.nsA(), lab.vethA()) - tx0);
  }

  private final List<Process> started = new ArrayList<>();

  /**
   * Starts {@code command} in cgroup {@code procs} and network namespace {@code ns}: the shell
   * joins the cgroup first (inside {@code ip netns exec} a fresh /sys hides the cgroup mount), then
   * execs {@code ip netns exec}, which execs the command: one pid throughout.
   */
  private Process start(String ns, Path procs, Path log, String... command) throws Exception {
    String[] inNs = NetnsLab.inNs(ns, command).toArray(new String[0]);
    Process p =
        new ProcessBuilder(TestCgroups.joinCommand(procs, inNs))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    started.add(p);
    return p;
  }

  private void finish(Process p, String what) throws Exception {
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), what + " did not finish");
    assertEquals(0, p.exitValue(), Files.readString(tmp.resolve(what + ".log")));
  }

  private static void awaitNethogs(Process top) throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (System.nanoTime() < deadline) {
      Optional<ProcessHandle> nh =
          top.descendants()
              .filter(h -> h.info().command().orElse("").endsWith("/nethogs"))
              .findFirst();
      if (nh.isPresent()) {
        Thread.sleep(2500);
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("hogwatch did not start nethogs within 20 s");
  }

  private static void within(long expectedBytes, long actualBytes, double fraction, String what) {
    double err = Math.abs(actualBytes - (double) expectedBytes) / expectedBytes;
    System.out.printf(
        Locale.ROOT,
        "%s: hogwatch %d, kernel %d, %.3f %%%n",
        what,
        actualBytes,
        expectedBytes,
        err * 100);
    assertTrue(err <= fraction, what + ": hogwatch " + actualBytes + " vs kernel " + expectedBytes);
  }

  /**
   * A third namespace C behind A: a veth pair A–C, C's default route through A, and A forwarding
   * and masquerading C's traffic towards B (what a container host does).
   */
  private static final class Forwarded implements AutoCloseable {
    final String ns;

    private Forwarded(String ns) {
      this.ns = ns;
    }

    static Forwarded behind(NetnsLab lab, String tag) {
      String ns = "hw" + tag + "c";
      String va = "hwv" + tag + "x";
      String vc = "hwv" + tag + "c";
      String net =
          "10."
              + ThreadLocalRandom.current().nextInt(100, 250)
              + "."
              + ThreadLocalRandom.current().nextInt(1, 255);
      Forwarded f = new Forwarded(ns);
      try {
        sh("ip", "netns", "add", ns);
        sh(
            "ip", "link", "add", va, "netns", lab.nsA(), "type", "veth", "peer", "name", vc,
            "netns", ns);
        sh("ip", "netns", "exec", ns, "sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1");
        sh("ip", "-n", lab.nsA(), "addr", "add", net + ".1/24", "dev", va);
        sh("ip", "-n", ns, "addr", "add", net + ".2/24", "dev", vc);
        sh("ip", "-n", lab.nsA(), "link", "set", va, "up");
        sh("ip", "-n", ns, "link", "set", vc, "up");
        sh("ip", "-n", ns, "link", "set", "lo", "up");
        sh("ip", "-n", ns, "route", "add", "default", "via", net + ".1");
        sh("ip", "netns", "exec", lab.nsA(), "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
        sh(
            "ip",
            "netns",
            "exec",
            lab.nsA(),
            "iptables",
            "-t",
            "nat",
            "-A",
            "POSTROUTING",
            "-o",
            lab.vethA(),
            "-j",
            "MASQUERADE");
        return f;
      } catch (RuntimeException e) {
        f.close();
        throw e;
      }
    }

    private static void sh(String... command) {
      try {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
          throw new IllegalStateException(String.join(" ", command) + ": " + out);
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    /** Kills what runs in C and deletes it (its veth end goes with it; A's rules go with A). */
    @Override
    public void close() {
      try {
        Process p = new ProcessBuilder("ip", "netns", "pids", ns).start();
        String pids = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        pids.lines()
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .forEach(
                pid ->
                    ProcessHandle.of(Long.parseLong(pid))
                        .ifPresent(ProcessHandle::destroyForcibly));
        new ProcessBuilder("ip", "netns", "del", ns).start().waitFor(10, TimeUnit.SECONDS);
      } catch (java.io.IOException | RuntimeException e) {
        // set-up failed before the namespace existed
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
