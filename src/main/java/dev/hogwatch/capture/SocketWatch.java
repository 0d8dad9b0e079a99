package dev.hogwatch.capture;

import dev.hogwatch.model.AppId;
import dev.hogwatch.model.AppResolver;
import dev.hogwatch.model.Hub;
import dev.hogwatch.model.SocketBytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Finds the process behind short connections that nethogs misses. Every {@code period} (10 ms by
 * default) it reads the kernel's socket list ({@link SockDiag}: no privilege needed), looks up the
 * process of each new socket in {@code /proc/<pid>/fd} (newest processes first, as a short-lived
 * client is usually the newest), and remembers it after the process exits. It then reports, as
 * {@link SocketBytes}, each connection's owner and the bytes the kernel counted on it, until the
 * kernel's destroy notice gives the final count.
 *
 * <p>Nethogs looks a connection up only when its packets reach it, up to a second later, and a
 * process that has exited by then is lost to it ("unknown TCP"). Reading the socket list every 10
 * ms sees a connection while its process still holds it.
 *
 * <p>What it cannot see: a socket opened and closed within one period, and processes of other users
 * when Hogwatch runs without privilege ({@code /proc/<pid>/fd} is private).
 */
public final class SocketWatch implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(SocketWatch.class.getName());

  /** Per-segment header bytes a frame adds to TCP payload: Ethernet 14, IPv4 20, TCP 32. */
  static final int HEADER_BYTES = 66;

  /** How long a socket whose process is not found yet is looked for. */
  private static final long RESOLVE_NANOS = 3_000_000_000L;

  /** Time the /proc search may take per period. */
  private static final long SEARCH_BUDGET_NANOS = 4_000_000L;

  private static final class Tracked {
    final int protocol;
    final String tuple;
    final long firstNanos;
    long inode;
    int uid;
    boolean owned;
    boolean given; // no owner will be found
    long sentEstimate;
    long receivedEstimate;
    long reportedSent;
    long reportedReceived;
    int missing;

    Tracked(SockDiag.Sock s, long nanos) {
      protocol = s.protocol();
      tuple = s.tuple();
      firstNanos = nanos;
    }
  }

  private final SockDiag diag;
  private final Consumer<SocketBytes> sink;
  private final AppResolver apps;
  private final Path proc;
  private final long self = ProcessHandle.current().pid();
  private final ScheduledExecutorService thread;
  private final Map<Long, Tracked> sockets = new HashMap<>();
  // when each pid was first listed (0: before the first search)
  private Map<Integer, Long> born = new HashMap<>();
  // processes started lately (from /proc/loadavg's last pid), pid -> when first noticed
  private final Map<Integer, Long> young = new HashMap<>();
  // socket inodes found in young processes' fds, before the socket list showed them
  private final Map<Long, Owner> inodeOwners =
      new java.util.LinkedHashMap<>(64, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Owner> eldest) {
          return size() > 4096;
        }
      };
  // the young processes named so far, and those named since the last report
  private final Map<Integer, Owner> youngOwners = new HashMap<>();
  private final List<SocketBytes.Owner> processes = new ArrayList<>();
  private int lastPid = -1;
  private final AtomicLong cpuNanos = new AtomicLong();
  private final AtomicLong found = new AtomicLong();
  private final AtomicLong missed = new AtomicLong();
  private final AtomicLong noInode = new AtomicLong();
  private boolean warned;

  private SocketWatch(SockDiag diag, Consumer<SocketBytes> sink, Path proc, AppResolver apps) {
    this.diag = diag;
    this.sink = sink;
    this.apps = apps;
    this.proc = proc;
    this.thread = Threads.scheduler("hogwatch-sockets");
  }

  /**
   * Starts reading every {@code period} into {@code hub}; empty if the kernel offers no socket
   * diagnostics (then nethogs alone attributes). {@code apps} resolves the application of each
   * process found, on the watcher's own thread while the process still lives (give it an instance
   * of its own: resolvers are not thread-safe).
   */
  public static java.util.Optional<SocketWatch> start(Hub hub, Duration period, AppResolver apps) {
    return start(hub::submit, Path.of("/proc"), period, apps);
  }

  static java.util.Optional<SocketWatch> start(
      Consumer<SocketBytes> sink, Path proc, Duration period, AppResolver apps) {
    SockDiag d;
    try {
      d = SockDiag.open();
      d.dump();
    } catch (RuntimeException | UnsatisfiedLinkError e) {
      LOG.log(Level.INFO, "no socket diagnostics: nethogs alone attributes traffic", e);
      return java.util.Optional.empty();
    }
    SocketWatch w = new SocketWatch(d, sink, proc, apps);
    w.periodMillis = Math.max(1, period.toMillis());
    var unused = w.thread.schedule(w::loop, 0, TimeUnit.MILLISECONDS);
    return java.util.Optional.of(w);
  }

  /** CPU time this watcher's thread used so far; for the README's figures and benchmarks. */
  public long cpuNanos() {
    return cpuNanos.get();
  }

  /** Sockets whose process was found, and sockets that closed before it was. */
  public long[] foundAndMissed() {
    return new long[] {found.get(), missed.get()};
  }

  /**
   * CPU the watcher's thread may use, as a share of one core (default 2 %, {@code
   * -Dhogwatch.sockets.cpu=PERCENT}; all of the thread's CPU time, wake-ups included): when a
   * second used more, it reads half as often (down to every 32nd period); when it used less than
   * half, twice as often again. A fork storm (a build) thus costs attribution, not the desktop's
   * CPU.
   */
  private final double cpuShare =
      Double.parseDouble(System.getProperty("hogwatch.sockets.cpu", "2")) / 100;

  private int stride = 1;
  private long periodMillis;

  /**
   * Period while young processes run, in microseconds ({@code -Dhogwatch.sockets.young.micros=N},
   * default 1000; 0 keeps the normal period): a short-lived client holds its socket for a
   * millisecond or two on a fast link, so their fds are read that often, and the socket list at
   * once when one of them holds a socket not yet matched. The CPU limit applies as before.
   */
  private final long youngMicros = Long.getLong("hogwatch.sockets.young.micros", 1000);

  /** One period's work, then the next one, {@code stride} periods later (no wake-ups between). */
  private void loop() {
    tickSafely();
    if (!thread.isShutdown()) {
      try {
        long delayMicros =
            youngMicros > 0 && !young.isEmpty()
                ? youngMicros * stride
                : periodMillis * 1000 * stride;
        var unused = thread.schedule(this::loop, delayMicros, TimeUnit.MICROSECONDS);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // closing
      }
    }
  }

  private long windowStart = System.nanoTime();
  private long windowStartCpu = -1;

  private void tickSafely() {
    long wall = System.nanoTime();
    if (windowStartCpu < 0) {
      windowStartCpu = cpuTime();
    }
    if (wall - windowStart >= 1_000_000_000L) {
      // all of the thread's CPU in the window: waking up and scheduling cost as much as the work
      long cpuNow = cpuTime();
      double used = (cpuNow - windowStartCpu) / (double) (wall - windowStart);
      if (used > cpuShare && stride < 32) {
        stride *= 2;
      } else if (used < cpuShare / 2 && stride > 1) {
        stride /= 2;
      }
      windowStart = wall;
      windowStartCpu = cpuNow;
    }
    long t0 = cpuTime();
    try {
      tick(wall);
    } catch (RuntimeException e) {
      if (!warned) {
        warned = true;
        LOG.log(Level.WARNING, "socket watch failed; retrying", e);
      }
    } finally {
      cpuNanos.addAndGet(cpuTime() - t0);
    }
  }

  private static long cpuTime() {
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    return mx.isCurrentThreadCpuTimeSupported() ? mx.getCurrentThreadCpuTime() : 0;
  }

  /** How long a new process's fds are watched. */
  private static final long YOUNG_NANOS = 1_000_000_000L;

  /** Most new pids taken per period (a fork storm must not stall the watcher). */
  private static final int MAX_NEW_PIDS = 256;

  /**
   * Notices processes started since the last period ({@code /proc/loadavg} names the last pid
   * handed out) and reads the sockets in their fds while they live: a short-lived client holds its
   * socket for milliseconds, so it is looked at every period rather than searched for later.
   */
  private void watchYoung(long now) {
    int last = lastPid();
    if (last > 0) {
      if (lastPid > 0 && last != lastPid) {
        int n = 0;
        for (int pid = last; pid != lastPid && n < MAX_NEW_PIDS; n++) {
          if (isProcess(pid)) { // threads take pids too: a JVM starting makes dozens
            young.putIfAbsent(pid, now);
          }
          pid = pid > 1 ? pid - 1 : pidMax();
        }
      }
      lastPid = last;
    }
    Iterator<Map.Entry<Integer, Long>> it = young.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Integer, Long> e = it.next();
      if (now - e.getValue() > YOUNG_NANOS || !readSockets(e.getKey())) {
        it.remove();
        youngOwners.remove(e.getKey());
      }
    }
  }

  /** Whether {@code pid} is a process (not another process's thread) that still runs. */
  private boolean isProcess(int pid) {
    try {
      String status = Files.readString(proc.resolve(pid + "/status"), StandardCharsets.UTF_8);
      int at = status.indexOf("\nTgid:");
      if (at < 0) {
        return false;
      }
      int end = status.indexOf('\n', at + 1);
      return Integer.parseInt(status.substring(at + 6, end).strip()) == pid;
    } catch (IOException | NumberFormatException | IndexOutOfBoundsException e) {
      return false; // already gone
    }
  }

  /** Most fds a young process may have to be watched: big programs live long enough for nethogs. */
  private static final int MAX_YOUNG_FDS = 64;

  /**
   * Records the socket inodes in a pid's fds; false once the pid is gone, not ours to read, or has
   * too many fds to be a small client.
   */
  private boolean readSockets(int pid) {
    if (pid == self) {
      return false;
    }
    Path dir = proc.resolve(Integer.toString(pid));
    Owner own = youngOwners.get(pid);
    int count = 0;
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> list = Files.newDirectoryStream(dir.resolve("fd"))) {
      for (Path fd : list) { // names only: a big program is dropped before any link is read
        if (++count > MAX_YOUNG_FDS) {
          return false;
        }
        entries.add(fd);
      }
    } catch (IOException | SecurityException e) {
      return false;
    }
    try {
      for (Path fd : entries) {
        String link;
        try {
          link = Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
          continue;
        }
        if (link.startsWith("socket:[")) {
          long inode = parseInode(link);
          if (!inodeOwners.containsKey(inode)) {
            String now = name(dir);
            if (own == null || !own.name.equals(now)) {
              // named at its first socket, and again after an exec (a launcher such as "ip netns
              // exec" or a shell has sockets of its own before it runs the real program)
              own = owner(pid, now);
              youngOwners.put(pid, own);
              if (own.app != null) {
                processes.add(new SocketBytes.Owner("", pid, own.name, -1, own.app));
              }
            }
            inodeOwners.put(inode, own);
            youngInodes++;
          }
        }
      }
      return true;
    } catch (SecurityException e) {
      return false;
    }
  }

  // /proc/loadavg kept open and read again from the start: no open/close per period
  private java.nio.channels.FileChannel loadavg;
  private final java.nio.ByteBuffer loadavgBuf = java.nio.ByteBuffer.allocate(128);

  /** The last pid the kernel handed out (fifth field of /proc/loadavg), or -1. */
  private int lastPid() {
    try {
      if (loadavg == null) {
        loadavg = java.nio.channels.FileChannel.open(proc.resolve("loadavg"));
      }
      loadavgBuf.clear();
      int n = loadavg.read(loadavgBuf, 0);
      int spaces = 0;
      int value = -1;
      for (int i = 0; i < n; i++) {
        byte b = loadavgBuf.get(i);
        if (b == ' ' || b == '\n') {
          if (++spaces == 5) {
            return value;
          }
        } else if (spaces == 4 && b >= '0' && b <= '9') {
          value = (value < 0 ? 0 : value * 10) + (b - '0');
        }
      }
      return spaces >= 4 ? value : -1;
    } catch (IOException e) {
      return -1;
    }
  }

  private int pidMax() {
    try {
      return Integer.parseInt(
          Files.readString(proc.resolve("sys/kernel/pid_max"), StandardCharsets.US_ASCII).strip());
    } catch (IOException | NumberFormatException e) {
      return 4_194_304;
    }
  }

  /** Periods between socket list readings while no new process runs. */
  static final int IDLE_EVERY = 10;

  private int idleTicks;

  private long lastDump;
  private long youngInodes; // socket inodes found in young processes' fds so far

  void tick(long now) {
    long known = youngInodes;
    watchYoung(now);
    // the socket list is read every period while new processes run (they are the short-lived
    // clients), else every IDLE_EVERY periods: long-lived processes are nethogs's to find; in the
    // fast young mode, every normal period and whenever a young process shows a new socket
    if (youngMicros > 0 && !young.isEmpty()) {
      if (youngInodes == known && now - lastDump < periodMillis * 1_000_000L) {
        return;
      }
    } else if (young.isEmpty() && ++idleTicks < IDLE_EVERY) {
      return;
    }
    idleTicks = 0;
    lastDump = now;
    List<SocketBytes.Owner> owners = new ArrayList<>();
    List<SocketBytes.Transfer> transfers = new ArrayList<>();
    // 1. sockets the kernel destroyed: their final counters
    for (SockDiag.Sock s : diag.events()) {
      Tracked t = sockets.remove(s.cookie());
      if (t == null) {
        noInode.incrementAndGet();
        continue; // opened and closed between two readings: never seen
      }
      if (!t.owned) {
        missed.incrementAndGet();
        continue;
      }
      estimate(t, s);
      transfer(t, transfers, true);
    }
    // 2. the live sockets
    Set<Long> present = new HashSet<>();
    Set<Long> wanted = new HashSet<>();
    Set<Integer> uids = new HashSet<>();
    for (SockDiag.Sock s : diag.dump()) {
      present.add(s.cookie());
      Tracked t = sockets.computeIfAbsent(s.cookie(), c -> new Tracked(s, now));
      if (s.inode() != 0) {
        t.inode = s.inode();
        t.uid = s.uid();
      }
      t.missing = 0;
      estimate(t, s);
      Owner early = t.owned || t.inode == 0 ? null : inodeOwners.remove(t.inode);
      if (early != null && early.name != null) {
        t.owned = true;
        found.incrementAndGet();
        owners.add(new SocketBytes.Owner(t.tuple, early.pid, early.name, t.uid, early.app));
      }
      if (t.owned) {
        transfer(t, transfers, false);
      } else if (!t.given && t.inode != 0) {
        if (now - t.firstNanos > RESOLVE_NANOS) {
          t.given = true;
        } else {
          wanted.add(t.inode);
          uids.add(t.uid);
        }
      }
    }
    // 3. sockets gone without a notice (no notices here, or one was lost): last counters
    Iterator<Map.Entry<Long, Tracked>> it = sockets.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Long, Tracked> e = it.next();
      if (!present.contains(e.getKey()) && ++e.getValue().missing > (diag.hasEvents() ? 50 : 1)) {
        Tracked t = e.getValue();
        if (t.owned) {
          transfer(t, transfers, true);
        } else {
          missed.incrementAndGet();
        }
        it.remove();
      }
    }
    // 4. the processes of new sockets
    if (!wanted.isEmpty()) {
      Map<Long, Owner> byInode = search(wanted, uids, now);
      for (Tracked t : sockets.values()) {
        Owner o = t.owned ? null : byInode.get(t.inode);
        if (o != null) {
          t.owned = true;
          found.incrementAndGet();
          owners.add(new SocketBytes.Owner(t.tuple, o.pid, o.name, t.uid, o.app));
          transfer(t, transfers, false);
        }
      }
    }
    if (!owners.isEmpty() || !transfers.isEmpty() || !processes.isEmpty()) {
      sink.accept(new SocketBytes(now, owners, transfers, processes));
      processes.clear();
    }
  }

  private static void estimate(Tracked t, SockDiag.Sock s) {
    if (t.protocol == SockDiag.IPPROTO_TCP) {
      t.sentEstimate =
          Math.max(t.sentEstimate, s.payloadSent() + s.segmentsOut() * (long) HEADER_BYTES);
      t.receivedEstimate =
          Math.max(t.receivedEstimate, s.payloadReceived() + s.segmentsIn() * (long) HEADER_BYTES);
    }
  }

  /**
   * Adds what {@code t} carried since its last report (for UDP: once, size unknown, at the end).
   */
  private static void transfer(Tracked t, List<SocketBytes.Transfer> out, boolean last) {
    if (t.protocol == SockDiag.IPPROTO_UDP) {
      if (last) {
        out.add(new SocketBytes.Transfer(false, t.tuple, -1, -1));
      }
      return;
    }
    long ds = t.sentEstimate - t.reportedSent;
    long dr = t.receivedEstimate - t.reportedReceived;
    if (ds > 0 || dr > 0) {
      out.add(new SocketBytes.Transfer(true, t.tuple, ds, dr));
      t.reportedSent = t.sentEstimate;
      t.reportedReceived = t.receivedEstimate;
    }
  }

  private record Owner(int pid, String name, AppId app) {}

  /** A process holding sockets, with its application resolved now, while it still runs. */
  private Owner owner(int pid, String name) {
    AppId app;
    try {
      AppResolver.Attribution a = apps.resolve(name, pid, -1);
      app = a == null ? null : a.app();
    } catch (RuntimeException e) { // a resolver fault must not stop the watcher
      app = null;
    }
    return new Owner(pid, name, app);
  }

  /**
   * Looks for the processes holding {@code inodes} in {@code /proc/<pid>/fd}, only among processes
   * of {@code uids}, for at most {@link #SEARCH_BUDGET_NANOS}: first the processes that appeared in
   * the last {@link #RESOLVE_NANOS} (a short-lived client is one of them; its socket is gone within
   * milliseconds), newest first, then the others (their sockets live long enough for nethogs too).
   */
  private Map<Long, Owner> search(Set<Long> inodes, Set<Integer> uids, long now) {
    Map<Long, Owner> out = new HashMap<>();
    int[] pids = pids();
    List<Integer> order = new ArrayList<>(pids.length);
    Map<Integer, Long> seen = new HashMap<>(pids.length * 2);
    for (int pid : pids) {
      Long first = born.get(pid);
      seen.put(pid, first == null ? (born.isEmpty() ? 0L : now) : first);
      order.add(pid);
    }
    born = seen;
    order.sort(
        (a, b) -> {
          long ba = seen.get(a);
          long bb = seen.get(b);
          boolean na = now - ba < RESOLVE_NANOS;
          boolean nb = now - bb < RESOLVE_NANOS;
          if (na != nb) {
            return na ? -1 : 1;
          }
          return na && ba != bb ? Long.compare(bb, ba) : Integer.compare(b, a);
        });
    long deadline = System.nanoTime() + SEARCH_BUDGET_NANOS;
    for (int pid : order) {
      if (out.size() == inodes.size() || System.nanoTime() > deadline) {
        break; // the rest next period
      }
      if (pid != self) {
        look(pid, inodes, uids, out);
      }
    }
    return out;
  }

  private void look(int pid, Set<Long> inodes, Set<Integer> uids, Map<Long, Owner> out) {
    Path dir = proc.resolve(Integer.toString(pid));
    try {
      Object uid = Files.getAttribute(dir, "unix:uid");
      if (!(uid instanceof Integer u) || !uids.contains(u)) {
        return;
      }
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return; // gone, or no unix attributes
    }
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(dir.resolve("fd"))) {
      for (Path fd : fds) {
        String link;
        try {
          link = Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
          continue;
        }
        if (link.startsWith("socket:[")) {
          long inode = parseInode(link);
          if (inodes.contains(inode) && !out.containsKey(inode)) {
            out.put(inode, owner(pid, name(dir)));
          }
        }
      }
    } catch (IOException | SecurityException e) {
      // exited, or another user's process we may not look into
    }
  }

  private static long parseInode(String link) {
    try {
      return Long.parseLong(link, 8, link.length() - 1, 10);
    } catch (NumberFormatException | IndexOutOfBoundsException e) {
      return -1;
    }
  }

  /** argv[0], as nethogs names a process. */
  private static String name(Path dir) {
    try {
      byte[] b = Files.readAllBytes(dir.resolve("cmdline"));
      int end = 0;
      while (end < b.length && b[end] != 0) {
        end++;
      }
      if (end > 0) {
        return new String(b, 0, end, StandardCharsets.UTF_8);
      }
      return Files.readString(dir.resolve("comm"), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return "?";
    }
  }

  /** The numeric entries of /proc, ascending. */
  private int[] pids() {
    int[] out = new int[512];
    int n = 0;
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(proc)) {
      for (Path p : ds) {
        String s = p.getFileName().toString();
        if (!s.isEmpty() && Character.isDigit(s.charAt(0))) {
          try {
            if (n == out.length) {
              out = Arrays.copyOf(out, n * 2);
            }
            out[n++] = Integer.parseInt(s);
          } catch (NumberFormatException e) {
            // not a pid
          }
        }
      }
    } catch (IOException e) {
      return new int[0];
    }
    int[] pids = Arrays.copyOf(out, n);
    Arrays.sort(pids);
    return pids;
  }

  @Override
  public void close() {
    if (Boolean.getBoolean("hogwatch.sockets.debug")) {
      System.err.printf(
          "socket watch: found %d, missed %d, cpu %.3f s, seenNoInode %d%n",
          found.get(), missed.get(), cpuNanos.get() / 1e9, noInode.get());
    }
    thread.shutdownNow();
    try {
      thread.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    diag.close();
    if (loadavg != null) {
      try {
        loadavg.close();
      } catch (IOException e) {
        // nothing left to read from it
      }
    }
  }
}
