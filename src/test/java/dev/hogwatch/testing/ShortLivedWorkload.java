package dev.hogwatch.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The traffic nethogs is worst at: many processes that each open a connection, transfer a little
 * and exit, inside a {@link NetnsLab} (clients in namespace A, a Python server in B). Two kinds:
 *
 * <ul>
 *   <li>{@link #tcpBursts}: each process connects, sends {@code bytes} and exits (curl, git, a
 *       package manager talking to a nearby server);
 *   <li>{@link #udpLookups}: each process sends a few small UDP queries, waits for each answer and
 *       exits (a resolver lookup, an NTP or update check).
 * </ul>
 *
 * <pre>{@code
 * try (NetnsLab lab = NetnsLab.create(); ShortLivedWorkload w = ShortLivedWorkload.start(lab, tmp)) {
 *   ShortLivedWorkload.Run run = w.tcpBursts(40, 512 * 1024, 200);
 *   run.pids();          // the 40 client pids
 *   run.sentBytes();     // what vethA's kernel counter carried meanwhile (whole frames)
 * }
 * }</pre>
 *
 * <p>Needs python3 (.dev/setup-dev.sh installs it); the scripts are test resources.
 */
public final class ShortLivedWorkload implements AutoCloseable {
  /** The port the server listens on (TCP and UDP). */
  public static final int PORT = 7000;

  private final NetnsLab lab;
  private final Path dir;
  private final Process server;

  /**
   * What one run did: the client pids and what the client side's veth counted meanwhile.
   *
   * @param pids every client process, in start order
   * @param sentBytes vethA's tx_bytes growth over the run (whole frames)
   * @param receivedBytes vethA's rx_bytes growth over the run
   */
  public record Run(List<Long> pids, long sentBytes, long receivedBytes) {
    public Run {
      pids = List.copyOf(pids);
    }

    public long totalBytes() {
      return sentBytes + receivedBytes;
    }

    public Set<Long> pidSet() {
      return new TreeSet<>(pids);
    }
  }

  private ShortLivedWorkload(NetnsLab lab, Path dir, Process server) {
    this.lab = lab;
    this.dir = dir;
    this.server = server;
  }

  /** The python3 to run: the system's, so a user's shims (pyenv) stay out of the picture. */
  public static String python() {
    return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
  }

  /** Why the workload cannot run here, or empty. */
  public static java.util.Optional<String> unavailable() {
    return NetnsLab.onPath(python())
        ? java.util.Optional.empty()
        : java.util.Optional.of("needs python3 (apt install python3)");
  }

  /** Copies the scripts into {@code dir} and starts the server in namespace B. */
  public static ShortLivedWorkload start(NetnsLab lab, Path dir) throws InterruptedException {
    for (String name : List.of("sink.py", "burst.py", "lookup.py")) {
      try (InputStream in = ShortLivedWorkload.class.getResourceAsStream("/workload/" + name)) {
        if (in == null) {
          throw new IllegalStateException("test resource /workload/" + name + " missing");
        }
        Files.copy(in, dir.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    Path log = dir.resolve("sink.log");
    Process server =
        lab.start(
            lab.nsB(),
            log,
            python(),
            dir.resolve("sink.py").toString(),
            lab.addrB(),
            Integer.toString(PORT));
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!ready(log)) {
      if (!server.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("workload server did not start: " + read(log));
      }
      Thread.sleep(20);
    }
    return new ShortLivedWorkload(lab, dir, server);
  }

  private static boolean ready(Path log) {
    return read(log).contains("ready");
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * {@code count} processes, one every {@code spacingMillis}, each connecting to the server,
   * sending {@code bytes} and exiting. Returns when all have exited and the link has been quiet for
   * a second.
   */
  public Run tcpBursts(int count, int bytes, long spacingMillis) throws InterruptedException {
    return run(count, spacingMillis, "burst.py", Integer.toString(bytes));
  }

  /**
   * {@code count} processes, one every {@code spacingMillis}, each sending {@code queries} UDP
   * queries of ~70 bytes and waiting for each {@code replyBytes} answer, then exiting.
   */
  public Run udpLookups(int count, int queries, int replyBytes, long spacingMillis)
      throws InterruptedException {
    return run(
        count, spacingMillis, "lookup.py", Integer.toString(queries), Integer.toString(replyBytes));
  }

  private Run run(int count, long spacingMillis, String script, String... args)
      throws InterruptedException {
    long tx0 = lab.txBytes(lab.nsA(), lab.vethA());
    long rx0 = lab.rxBytes(lab.nsA(), lab.vethA());
    List<Process> clients = new ArrayList<>();
    List<Long> pids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      List<String> cmd =
          new ArrayList<>(
              List.of(
                  python(), dir.resolve(script).toString(), lab.addrB(), Integer.toString(PORT)));
      cmd.addAll(List.of(args));
      Process p =
          lab.start(lab.nsA(), dir.resolve(script + "." + i + ".log"), cmd.toArray(String[]::new));
      clients.add(p);
      pids.add(p.pid()); // ip netns exec execs the command: same pid
      Thread.sleep(spacingMillis);
    }
    for (int i = 0; i < clients.size(); i++) {
      Process p = clients.get(i);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(
            script + " #" + i + " failed: " + read(dir.resolve(script + "." + i + ".log")));
      }
    }
    Thread.sleep(1000); // FINs, ACKs and the last answers
    long tx1 = lab.txBytes(lab.nsA(), lab.vethA());
    long rx1 = lab.rxBytes(lab.nsA(), lab.vethA());
    return new Run(pids, tx1 - tx0, rx1 - rx0);
  }

  /** Stops the server (the lab kills whatever else it started when it closes). */
  @Override
  public void close() {
    server.descendants().forEach(ProcessHandle::destroyForcibly);
    server.destroyForcibly();
  }
}
