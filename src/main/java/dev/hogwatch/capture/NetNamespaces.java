package dev.hogwatch.capture;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Finds the process behind a connection nethogs could not attribute, in the other network
 * namespaces of the machine (containers, {@code ip netns} namespaces). nethogs sees their traffic
 * on a bridge or veth of ours, but their sockets live in their own namespace's tables.
 *
 * <p>A scan lists {@code /proc}, groups the pids by network namespace ({@code /proc/<pid>/ns/net};
 * where that link is not readable, by cgroup), and reads {@code /proc/<pid>/net/tcp}, {@code tcp6},
 * {@code udp} and {@code udp6} of one representative pid (the lowest) per namespace: files any user
 * may read. Our own namespace is skipped (nethogs looked there). A connection matches a table row
 * when both ends are equal, or when the remote end and the local port are (the local address was
 * translated on the way out, as behind a masquerading router or Docker's bridge). The answer is the
 * process holding that socket where its descriptors are readable, else the namespace's
 * representative.
 *
 * <p>Cost: nothing until {@link #find} is called (only for unattributed tuples); at most one scan
 * per {@code minInterval}, otherwise the last scan's tables are searched; a tuple that {@link
 * #MAX_MISSES} scans did not find causes no more scans. Not thread-safe: the model thread calls it
 * through {@link AppIdentity}.
 *
 * <p>Example: a container (cgroup {@code docker-3f2a….scope}) connects from 172.17.0.2:40112 to
 * 10.0.3.5:443; the host masquerades it as 10.0.3.1:40112. nethogs prints {@code
 * "10.0.3.1:40112-10.0.3.5:443/0/0"}; the container's {@code /proc/<pid>/net/tcp} has the row
 * {@code 172.17.0.2:40112 → 10.0.3.5:443}: the remote end and the port match, so the bytes belong
 * to the container.
 */
public final class NetNamespaces implements AppIdentity.TupleFinder {

  /** One socket of a namespace's tables. */
  record Socket(String local, int localPort, String remote, int remotePort, long inode) {}

  private record Namespace(List<Integer> pids, List<Socket> sockets) {}

  /**
   * Scans a tuple may cause before it is given up (it is then only looked for in the tables that
   * new tuples' scans read): forwarded traffic of no local namespace would otherwise cost a scan
   * every second for as long as it flows.
   */
  static final int MAX_MISSES = 3;

  private static final int MAX_REMEMBERED = 4096;

  private final java.util.Map<String, Integer> misses = new java.util.HashMap<>();
  private final Path proc;
  private final LongSupplier clock;
  private final long minIntervalNanos;
  private List<Namespace> namespaces = List.of();
  private boolean scanned;
  private long scannedNanos;
  private long scans;

  /**
   * @param proc the {@code /proc} to read ({@code Path.of("/proc")} on a real system)
   * @param clock monotonic nanoseconds
   * @param minIntervalNanos least time between two scans
   */
  public NetNamespaces(Path proc, LongSupplier clock, long minIntervalNanos) {
    this.proc = proc;
    this.clock = clock;
    this.minIntervalNanos = minIntervalNanos;
  }

  /** The real {@code /proc}, at most one scan a second. */
  public static NetNamespaces system() {
    return new NetNamespaces(Path.of("/proc"), System::nanoTime, 1_000_000_000L);
  }

  /** How many scans ran (for tests and benchmarks). */
  public long scans() {
    return scans;
  }

  @Override
  public int find(String name) {
    Tuple t = Tuple.parse(name);
    if (t == null) {
      return -1;
    }
    int pid = search(t);
    long now = clock.getAsLong();
    int missed = misses.getOrDefault(name, 0);
    if (pid < 0 && missed < MAX_MISSES && (!scanned || now - scannedNanos >= minIntervalNanos)) {
      scan(now);
      pid = search(t);
      if (pid < 0) {
        if (misses.size() >= MAX_REMEMBERED) {
          misses.clear();
        }
        misses.put(name, missed + 1);
      }
    }
    return pid;
  }

  private int search(Tuple t) {
    for (Namespace ns : namespaces) {
      for (Socket s : ns.sockets()) {
        if (matches(t, s)) {
          int owner = socketOwner(ns.pids(), s.inode());
          return owner > 0 ? owner : ns.pids().get(0);
        }
      }
    }
    return -1;
  }

  /**
   * nethogs names a connection local end first ({@code local:port-remote:port}, the end on its own
   * side of the device). A socket matches when its remote end is the tuple's remote end and its
   * local port the tuple's local port: both ends equal, or the local address translated on the way
   * out. The peer's socket (the same connection seen from the far end, when that end is a namespace
   * of this machine too) does not match: it is not the traffic's owner on our side.
   */
  static boolean matches(Tuple t, Socket s) {
    return s.remotePort() != 0
        && s.localPort() == t.aPort()
        && s.remotePort() == t.bPort()
        && s.remote().equals(t.b());
  }

  private void scan(long now) {
    scanned = true;
    scannedNanos = now;
    scans++;
    String own = link(proc.resolve("self/ns/net"));
    Map<String, List<Integer>> byNs = new LinkedHashMap<>();
    for (int pid : pids()) {
      Path dir = proc.resolve(Integer.toString(pid));
      String ns = link(dir.resolve("ns/net"));
      String key;
      if (ns != null) {
        if (ns.equals(own)) {
          continue;
        }
        key = ns;
      } else {
        String cg = read(dir.resolve("cgroup"));
        if (cg == null) {
          continue;
        }
        key = "cgroup " + cg;
      }
      byNs.computeIfAbsent(key, k -> new ArrayList<>()).add(pid);
    }
    // socket inodes are unique across namespaces: one of ours seen elsewhere means "our namespace"
    // (a group keyed by cgroup because its namespace link was not readable may be ours)
    java.util.Set<Long> ownInodes = new java.util.HashSet<>();
    if (byNs.keySet().stream().anyMatch(k -> k.startsWith("cgroup "))) {
      for (Socket s : tables(proc.resolve("self/net"))) {
        ownInodes.add(s.inode());
      }
    }
    List<Namespace> out = new ArrayList<>();
    for (List<Integer> pids : byNs.values()) {
      List<Socket> sockets = new ArrayList<>();
      for (Socket s : tables(proc.resolve(pids.get(0) + "/net"))) {
        if (s.inode() == 0 || !ownInodes.contains(s.inode())) {
          sockets.add(s);
        }
      }
      if (!sockets.isEmpty()) {
        out.add(new Namespace(List.copyOf(pids), List.copyOf(sockets)));
      }
    }
    namespaces = out;
  }

  private static List<Socket> tables(Path net) {
    List<Socket> sockets = new ArrayList<>();
    for (String table : new String[] {"tcp", "tcp6", "udp", "udp6"}) {
      String text = readTable(net.resolve(table));
      if (text != null) {
        sockets.addAll(parseTable(text));
      }
    }
    return sockets;
  }

  /** Numeric entries of {@code /proc}, ascending. */
  private List<Integer> pids() {
    TreeMap<Integer, Boolean> pids = new TreeMap<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(proc)) {
      for (Path p : ds) {
        String n = p.getFileName().toString();
        if (!n.isEmpty() && n.chars().allMatch(Character::isDigit) && n.length() < 10) {
          pids.put(Integer.parseInt(n), Boolean.TRUE);
        }
      }
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
    return new ArrayList<>(pids.keySet());
  }

  /** The pid among {@code pids} with a descriptor {@code socket:[inode]}, or -1 (unreadable). */
  private int socketOwner(List<Integer> pids, long inode) {
    if (inode <= 0) {
      return -1;
    }
    String want = "socket:[" + inode + "]";
    for (int pid : pids) {
      try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve(pid + "/fd"))) {
        for (Path fd : fds) {
          if (want.equals(link(fd))) {
            return pid;
          }
        }
      } catch (IOException | RuntimeException e) {
        // another user's process: its descriptors are not ours to read
      }
    }
    return -1;
  }

  /**
   * Rows of {@code /proc/net/tcp}-style text: {@code " 0: 0100007F:0050 0200007F:9C40 01 ...
   * 12345"} (addresses in host byte order, 32-bit words; field 10 is the inode).
   */
  static List<Socket> parseTable(String text) {
    List<Socket> out = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      String[] f = line.strip().split("\\s+", -1);
      if (f.length < 10 || !f[0].endsWith(":")) {
        continue; // the header
      }
      Object[] l = address(f[1]);
      Object[] r = address(f[2]);
      if (l == null || r == null) {
        continue;
      }
      long inode;
      try {
        inode = Long.parseLong(f[9]);
      } catch (NumberFormatException e) {
        continue;
      }
      out.add(new Socket((String) l[0], (int) l[1], (String) r[0], (int) r[1], inode));
    }
    return out;
  }

  /** [bytes, port] of {@code "0100007F:0050"} (IPv4) or 32 hex digits + port (IPv6), or null. */
  static Object[] address(String s) {
    int colon = s.indexOf(':');
    if (colon != 8 && colon != 32) {
      return null;
    }
    try {
      byte[] b = new byte[colon / 2];
      boolean little = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
      for (int word = 0; word < b.length / 4; word++) {
        for (int i = 0; i < 4; i++) {
          int hex = Integer.parseInt(s.substring(word * 8 + i * 2, word * 8 + i * 2 + 2), 16);
          b[word * 4 + (little ? 3 - i : i)] = (byte) hex;
        }
      }
      int port = Integer.parseInt(s.substring(colon + 1), 16);
      return new Object[] {Tuple.hex(b), port};
    } catch (NumberFormatException | IndexOutOfBoundsException e) {
      return null;
    }
  }

  /**
   * A socket table in as few reads as possible: the kernel walks its whole connection hash for
   * every read() of these files (the final read that only finds the end included), which costs
   * milliseconds on a machine with much memory. One big buffer usually takes the file in one read;
   * a short read means the end was reached.
   */
  private static String readTable(Path p) {
    try (java.io.InputStream in = Files.newInputStream(p)) {
      byte[] buf = new byte[TABLE_BUFFER];
      int n = 0;
      while (true) {
        int r = in.read(buf, n, buf.length - n);
        if (r < 0) {
          break;
        }
        n += r;
        if (n < buf.length) {
          break; // a short read: the kernel had no more
        }
        buf = java.util.Arrays.copyOf(buf, buf.length * 2);
      }
      return new String(buf, 0, n, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static final int TABLE_BUFFER = 1 << 18;

  private static String link(Path p) {
    try {
      return Files.readSymbolicLink(p).toString();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static String read(Path p) {
    try {
      return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
