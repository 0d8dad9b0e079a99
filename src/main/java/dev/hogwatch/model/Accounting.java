package dev.hogwatch.model;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * Turns nethogs refreshes and interface counters into monotone per-process, per-program and global
 * totals with rates from our own clock. Not thread-safe: one owner thread ({@link Hub}) calls it.
 *
 * <p>Totals never reset: every {@link Refresh} carries the generation of the nethogs instance that
 * printed it, and only the growth of each line since the previous block of the same generation is
 * added. A new generation starts from zero, so a restarted nethogs neither resets nor double
 * counts.
 *
 * <p>Nothing disappears: the bytes the selected interfaces carried (their own counters, summed only
 * while selected) minus everything nethogs reported are the {@linkplain Snapshot#unseen() unseen}
 * bytes. Nethogs reports a packet seconds after the kernel counted it, so the two are compared only
 * once both settled (the link quiet and nethogs's totals unchanged for {@link #SETTLE_NANOS}), and
 * meanwhile against interface counters {@link #UNSEEN_LAG_NANOS} older than its latest block: the
 * difference can be late, never too large, and it is kept monotone (the largest value so far), so
 * the unseen row never goes negative nor shrinks.
 *
 * <p>Memory is bounded: a process idle for {@code foldAfterNanos} whose pid is gone (or any process
 * beyond {@code maxLive}) is folded into its program's aggregate.
 */
public final class Accounting {

  /** Rates older than this are shown as zero (no refresh arrived). */
  static final long STALE_NANOS = 3_000_000_000L;

  /**
   * While traffic flows, how much older the interface counters are than the nethogs block they are
   * compared with: nethogs can fall many seconds behind (it scans all of {@code /proc} for every
   * new connection, and a loaded machine starves it).
   */
  static final long UNSEEN_LAG_NANOS = 30_000_000_000L;

  /** Quiet time after which both sources are taken as settled (see {@link #settled}). */
  static final long SETTLE_NANOS = 3_000_000_000L;

  /** What the interfaces may carry in {@link #SETTLE_NANOS} and still count as quiet. */
  static final long QUIET_BYTES = 1_500;

  /** Interface readings compared with a nethogs that stopped reporting are this old. */
  static final long GONE_LAG_NANOS = 5_000_000_000L;

  /**
   * Nethogs silent for this long is gone for good (no permission, no device): what the interfaces
   * carry from then on is unseen without waiting for it. A restarted nethogs needs no such rule:
   * whatever it never reported shows as soon as it reports again.
   */
  static final long NETHOGS_GONE_NANOS = 30_000_000_000L;

  private record Key(String name, int pid, int uid) {}

  private record ProgramKey(String name, int uid) {}

  private record AppKey(String app, int uid) {}

  private static final class Live {
    AppResolver.Attribution attribution;
    // bytes credited to an earlier attribution (a tuple that was unattributed until resolved)
    long appBaseSent;
    long appBaseReceived;
    // "unknown TCP": the application its growth of the last refresh was credited to, and the rates
    AppResolver.Attribution creditedTo;
    double creditedSentRate;
    double creditedReceivedRate;
    long sent;
    long received;
    double sentRate;
    double receivedRate;
    long lastActiveNanos;
  }

  private static final class Folded {
    long sent;
    long received;
  }

  private static final class FoldedApp {
    AppId app;
    long sent;
    long received;
  }

  private static final class Iface {
    long baseRx;
    long baseTx;
    long lastRx;
    long lastTx;
    long carriedRx;
    long carriedTx;
    double rxRate;
    double txRate;
    long lastNanos;
  }

  private final long foldAfterNanos;
  private final int maxLive;
  private final IntPredicate pidAlive;
  private final IntFunction<String> userNames;
  private final AppResolver apps;

  private final Map<Key, Live> live = new HashMap<>();
  private final Map<ProgramKey, Folded> folded = new HashMap<>();
  private final Map<AppKey, FoldedApp> foldedApps = new HashMap<>();
  private final Map<String, AppResolver.Attribution> connectionApps = new HashMap<>();
  private long connectionsGeneration = Long.MIN_VALUE;

  /** nethogs's pseudo-process for TCP traffic it found no socket for. */
  static final String UNKNOWN_TCP = "unknown TCP";

  private static final int MAX_CONNECTIONS = 10_000;
  private final Map<Key, double[]> baselines = new HashMap<>();

  /** nethogs's pseudo-process for UDP traffic it found no socket for. */
  static final String UNKNOWN_UDP = "unknown UDP";

  static final int MAX_OWNERS = 8192;
  static final int PENDING_SECONDS = 5;
  private static final long PENDING_NANOS = PENDING_SECONDS * 1_000_000_000L;

  /** Bytes a connection with a known owner carried that nethogs has not yet reported. */
  private static final class Pending {
    final boolean tcp;
    final SocketBytes.Owner owner;
    final String tuple;
    long sent;
    long received;
    final long nanos;

    Pending(boolean tcp, SocketBytes.Owner owner, String tuple, long sent, long received, long n) {
      this.tcp = tcp;
      this.owner = owner;
      this.tuple = tuple;
      this.sent = sent;
      this.received = received;
      this.nanos = n;
    }
  }

  private final Map<String, SocketBytes.Owner> owners =
      new LinkedHashMap<>(256, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SocketBytes.Owner> eldest) {
          return size() > MAX_OWNERS;
        }
      };
  // the application of each process the watcher found, resolved while it lived, by pid
  private final Map<Integer, SocketBytes.Owner> ownerPids =
      new LinkedHashMap<>(256, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, SocketBytes.Owner> eldest) {
          return size() > MAX_OWNERS;
        }
      };
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  private long generation = Long.MIN_VALUE;
  private long lastRefreshNanos;
  private boolean haveRefresh;
  private final Map<String, Iface> ifaces = new LinkedHashMap<>();
  private Set<String> selectedInterfaces = Set.of();
  private boolean countUnseen = true;
  // bytes the selected interfaces carried while selected: {nanos, sent, received}, oldest first
  private final ArrayDeque<long[]> carried = new ArrayDeque<>();
  // what nethogs had reported at each snapshot: {nanos, sent, received}, oldest first
  private final ArrayDeque<long[]> reported = new ArrayDeque<>();
  private long carriedSent;
  private long carriedReceived;
  private long unseenSent;
  private long unseenReceived;
  private final long[] unseenRateMark = new long[3]; // {nanos, sent, received} of the last rate
  private double unseenSentRate;
  private double unseenReceivedRate;

  /**
   * @param foldAfterNanos idle time after which a process whose pid is gone is folded
   * @param maxLive most live processes kept; the least recently active beyond it are folded
   * @param pidAlive whether a pid still exists (e.g. {@code /proc/<pid>} exists)
   * @param userNames user name for a uid
   */
  public Accounting(
      long foldAfterNanos, int maxLive, IntPredicate pidAlive, IntFunction<String> userNames) {
    this(foldAfterNanos, maxLive, pidAlive, userNames, AppResolver.BY_NAME);
  }

  /**
   * @param apps resolves the application of each new process (once per name, pid and uid; again
   *     only while a connection tuple stays unattributed and keeps growing)
   */
  public Accounting(
      long foldAfterNanos,
      int maxLive,
      IntPredicate pidAlive,
      IntFunction<String> userNames,
      AppResolver apps) {
    this.foldAfterNanos = foldAfterNanos;
    this.maxLive = maxLive;
    this.pidAlive = pidAlive;
    this.userNames = userNames;
    this.apps = apps;
  }

  private AppResolver.Attribution resolve(Key k) {
    AppResolver.Attribution a;
    try {
      a = apps.resolve(k.name(), k.pid(), k.uid());
    } catch (RuntimeException e) { // a resolver bug must not lose bytes
      a = null;
    }
    return a != null ? a : AppResolver.BY_NAME.resolve(k.name(), k.pid(), k.uid());
  }

  /**
   * Adds the growth of every line since the previous block of the same nethogs instance. Traffic
   * nethogs could not attribute (pid 0) goes to the process the socket watcher saw holding the
   * connection, when it saw one ({@link #apply(SocketBytes)}).
   */
  public void apply(Refresh refresh) {
    if (refresh.generation() != generation) {
      generation = refresh.generation();
      baselines.clear();
    }
    double dt = haveRefresh ? (refresh.nanos() - lastRefreshNanos) / 1e9 : 0;
    for (Live l : live.values()) {
      l.sentRate = 0;
      l.receivedRate = 0;
      l.creditedTo = null;
    }
    List<String> unknownConnections = new ArrayList<>();
    Live unknownTcp = null;
    long unknownSent = 0;
    long unknownReceived = 0;
    List<TraceLine> lines = refresh.lines();
    long[][] growth = new long[lines.size()][];
    Set<Integer> attributedByNethogs = new HashSet<>();
    for (int n = 0; n < lines.size(); n++) {
      TraceLine line = lines.get(n);
      if (line.unknownConnection()) {
        unknownConnections.add(line.name());
        continue;
      }
      Key key = new Key(line.name(), line.pid(), line.uid());
      double[] base = baselines.get(key);
      double prevSent = base == null ? 0 : base[0];
      double prevReceived = base == null ? 0 : base[1];
      long dSent = Math.max(0, Math.round(line.sent() - prevSent));
      long dReceived = Math.max(0, Math.round(line.received() - prevReceived));
      // remember what was counted, so rounding never accumulates
      baselines.put(key, new double[] {prevSent + dSent, prevReceived + dReceived});
      growth[n] = new long[] {dSent, dReceived};
      if (line.pid() != 0 && (dSent > 0 || dReceived > 0)) {
        attributedByNethogs.add(line.pid());
      } else if (line.pid() == 0 && owners.containsKey(line.name())) {
        pending.removeIf(p -> p.tuple.equals(line.name())); // exact: the tuple line itself
      }
    }
    // nethogs found these processes itself: what the watcher saw of them is in its lines
    pending.removeIf(p -> attributedByNethogs.contains(p.owner.pid()));
    pending.removeIf(p -> refresh.nanos() - p.nanos > PENDING_NANOS);
    for (int n = 0; n < lines.size(); n++) {
      TraceLine line = lines.get(n);
      if (growth[n] == null) {
        continue; // an "Unknown connection:" line: no bytes of its own
      }
      long dSent = growth[n][0];
      long dReceived = growth[n][1];
      Key key = new Key(line.name(), line.pid(), line.uid());
      SocketBytes.Owner o = null;
      if (line.pid() == 0 && (dSent > 0 || dReceived > 0)) {
        o = owners.get(line.name());
        if (o != null) {
          key = ownerKey(o);
        } else if (UNKNOWN_TCP.equals(line.name()) || UNKNOWN_UDP.equals(line.name())) {
          long[] left =
              allocate(UNKNOWN_TCP.equals(line.name()), dSent, dReceived, refresh.nanos(), dt);
          dSent = left[0];
          dReceived = left[1];
        }
      }
      if (dSent == 0 && dReceived == 0 && !live.containsKey(key)) {
        continue;
      }
      Live l = live.get(key);
      if (l == null) {
        l = newLive(key, o);
      } else if (key.pid() == 0
          && l.attribution.app().unattributed()
          && (dSent > 0 || dReceived > 0)) {
        AppResolver.Attribution now = resolve(key); // another namespace's connection, found now
        if (!now.app().unattributed()) {
          // what was counted so far stays where it was counted: app sums only grow
          credit(l.attribution, l.sent - l.appBaseSent, l.received - l.appBaseReceived);
          l.appBaseSent = l.sent;
          l.appBaseReceived = l.received;
          l.attribution = now;
        }
      }
      l.sent += dSent;
      l.received += dReceived;
      if (dSent > 0 || dReceived > 0) {
        l.lastActiveNanos = refresh.nanos();
      }
      if (dt > 0) {
        l.sentRate += dSent / dt;
        l.receivedRate += dReceived / dt;
      }
      if (key.pid() == 0 && key.name().equals(UNKNOWN_TCP)) {
        unknownTcp = l;
        unknownSent = dSent;
        unknownReceived = dReceived;
      }
    }
    if (unknownTcp != null && (unknownSent > 0 || unknownReceived > 0)) {
      creditUnknown(unknownTcp, unknownConnections, unknownSent, unknownReceived);
    }
    lastRefreshNanos = refresh.nanos();
    haveRefresh = true;
    fold(refresh.nanos());
  }

  private static Key ownerKey(SocketBytes.Owner o) {
    return new Key(o.name(), o.pid(), o.uid());
  }

  /**
   * A new live entry. A process the socket watcher found carries the application it resolved while
   * the process lived (it has usually exited by now); others are resolved here.
   */
  private Live newLive(Key key, SocketBytes.Owner owner) {
    Live l = new Live();
    if (owner == null && key.pid() > 0) {
      // nethogs found a process the watcher had named too: the watcher saw it alive, while by the
      // time nethogs reports a short-lived one it has often exited (and can no longer be resolved)
      SocketBytes.Owner w = ownerPids.get(key.pid());
      if (w != null && w.name().equals(key.name())) {
        owner = w;
      }
    }
    l.attribution =
        owner != null && owner.app() != null
            ? new AppResolver.Attribution(owner.app(), key.uid(), owner.pid())
            : resolve(key);
    live.put(key, l);
    return l;
  }

  /**
   * Gives growth of nethogs's {@code unknown TCP} (or {@code unknown UDP}) line to the connections
   * the socket watcher saw carry bytes, oldest first, each at most what the kernel counted on it;
   * UDP sizes are unknown, so UDP growth is shared equally. Returns what is left unattributed.
   */
  private long[] allocate(boolean tcp, long sent, long received, long nanos, double dt) {
    long[] left = {sent, received};
    List<Pending> udp = new ArrayList<>();
    Iterator<Pending> it = pending.iterator();
    while (it.hasNext() && (left[0] > 0 || left[1] > 0)) {
      Pending p = it.next();
      if (p.tcp != tcp) {
        continue;
      }
      if (!tcp) {
        udp.add(p);
        it.remove();
        continue;
      }
      long s = Math.min(p.sent, left[0]);
      long r = Math.min(p.received, left[1]);
      credit(p.owner, s, r, nanos, dt);
      p.sent -= s;
      p.received -= r;
      left[0] -= s;
      left[1] -= r;
      if (p.sent == 0 && p.received == 0) {
        it.remove();
      }
    }
    if (!udp.isEmpty()) {
      long s = left[0] / udp.size();
      long r = left[1] / udp.size();
      for (Pending p : udp) {
        credit(p.owner, s, r, nanos, dt);
      }
      left[0] -= s * udp.size();
      left[1] -= r * udp.size();
    }
    return left;
  }

  private void credit(SocketBytes.Owner o, long sent, long received, long nanos, double dt) {
    if (sent == 0 && received == 0) {
      return;
    }
    Key key = ownerKey(o);
    Live l = live.get(key);
    if (l == null) {
      l = newLive(key, o);
    }
    l.sent += sent;
    l.received += received;
    l.lastActiveNanos = nanos;
    if (dt > 0) {
      l.sentRate += sent / dt;
      l.receivedRate += received / dt;
    }
  }

  /**
   * Takes what the socket watcher learned: connection owners (kept, at most {@value #MAX_OWNERS},
   * so a tuple line nethogs prints later still finds its process) and the bytes each carried, which
   * {@code unknown TCP}/{@code unknown UDP} growth is then given to (for {@value #PENDING_SECONDS}
   * s at most).
   */
  public void apply(SocketBytes news) {
    for (SocketBytes.Owner o : news.owners()) {
      owners.put(o.tuple(), o);
      if (o.app() != null) {
        ownerPids.put(o.pid(), o);
      }
    }
    for (SocketBytes.Owner o : news.processes()) {
      if (o.app() != null) {
        ownerPids.put(o.pid(), o);
      }
    }
    for (SocketBytes.Transfer t : news.transfers()) {
      SocketBytes.Owner o = owners.get(t.tuple());
      if (o != null && pending.size() < MAX_OWNERS) {
        pending.addLast(
            new Pending(t.tcp(), o, t.tuple(), t.sentBytes(), t.receivedBytes(), news.nanos()));
      }
    }
  }

  private void fold(long now) {
    List<Map.Entry<Key, Live>> victims = new ArrayList<>();
    for (Map.Entry<Key, Live> e : live.entrySet()) {
      Live l = e.getValue();
      if (now - l.lastActiveNanos >= foldAfterNanos
          && (e.getKey().pid() == 0 || !pidAlive.test(e.getKey().pid()))) {
        victims.add(e);
      }
    }
    if (live.size() - victims.size() > maxLive) {
      List<Map.Entry<Key, Live>> byAge = new ArrayList<>(live.entrySet());
      byAge.removeAll(victims);
      byAge.sort(Comparator.comparingLong(e -> e.getValue().lastActiveNanos));
      victims.addAll(byAge.subList(0, live.size() - victims.size() - maxLive));
    }
    for (Map.Entry<Key, Live> e : victims) {
      Key k = e.getKey();
      Folded f = folded.computeIfAbsent(new ProgramKey(k.name(), k.uid()), x -> new Folded());
      f.sent += e.getValue().sent;
      f.received += e.getValue().received;
      Live l = e.getValue();
      credit(l.attribution, l.sent - l.appBaseSent, l.received - l.appBaseReceived);
      live.remove(k);
    }
  }

  /**
   * The growth of {@code unknown TCP} in this refresh goes to an application when every connection
   * nethogs listed for it belongs to that same application (found in another network namespace);
   * otherwise it stays unattributed: never split or guessed.
   */
  private void creditUnknown(Live unknown, List<String> connections, long dSent, long dReceived) {
    if (connections.isEmpty()) {
      return;
    }
    if (generation != connectionsGeneration) {
      connectionApps.clear();
      connectionsGeneration = generation;
    }
    AppResolver.Attribution common = null;
    for (String tuple : connections) {
      AppResolver.Attribution a = connectionApps.get(tuple);
      if (a == null) {
        a = resolve(new Key(tuple, 0, 0));
        if (a.app().unattributed()) {
          return; // one unknown connection: the bytes cannot be split honestly
        }
        if (connectionApps.size() >= MAX_CONNECTIONS) {
          connectionApps.clear();
        }
        connectionApps.put(tuple, a);
      }
      if (common != null && !appKey(common).equals(appKey(a))) {
        return;
      }
      common = a;
    }
    credit(common, dSent, dReceived);
    unknown.appBaseSent += dSent;
    unknown.appBaseReceived += dReceived;
    unknown.creditedTo = common;
    unknown.creditedSentRate = unknown.sentRate;
    unknown.creditedReceivedRate = unknown.receivedRate;
  }

  /** Adds bytes to an application's sum of processes no longer live (or no longer its own). */
  private void credit(AppResolver.Attribution a, long sent, long received) {
    if (sent == 0 && received == 0) {
      return;
    }
    FoldedApp fa = foldedApps.computeIfAbsent(appKey(a), x -> new FoldedApp());
    fa.app = a.app();
    fa.sent += sent;
    fa.received += received;
  }

  private static AppKey appKey(AppResolver.Attribution a) {
    return new AppKey(a.app().key(), a.app().unattributed() ? UserStat.UNATTRIBUTED_UID : a.uid());
  }

  private String userOf(int uid) {
    return uid == UserStat.UNATTRIBUTED_UID ? UserStat.UNATTRIBUTED_USER : userNames.apply(uid);
  }

  /** Takes a /proc/net/dev reading; counters that go backwards (device re-created) carry over. */
  public void apply(InterfaceSample sample) {
    for (InterfaceSample.Counter c : sample.counters()) {
      Iface i = ifaces.get(c.device());
      if (i == null) {
        i = new Iface();
        i.baseRx = c.receivedBytes();
        i.baseTx = c.sentBytes();
        i.lastRx = c.receivedBytes();
        i.lastTx = c.sentBytes();
        i.lastNanos = sample.nanos();
        ifaces.put(c.device(), i);
        continue;
      }
      double dt = (sample.nanos() - i.lastNanos) / 1e9;
      long dRx = c.receivedBytes() - i.lastRx;
      long dTx = c.sentBytes() - i.lastTx;
      if (dRx < 0 || dTx < 0) { // counters reset: keep what we had, restart from the new values
        i.carriedRx += i.lastRx - i.baseRx;
        i.carriedTx += i.lastTx - i.baseTx;
        i.baseRx = c.receivedBytes();
        i.baseTx = c.sentBytes();
        dRx = 0;
        dTx = 0;
      }
      if (dt > 0) {
        i.rxRate = dRx / dt;
        i.txRate = dTx / dt;
      }
      if (selectedInterfaces.isEmpty() || selectedInterfaces.contains(c.device())) {
        carriedSent += dTx;
        carriedReceived += dRx;
      }
      i.lastRx = c.receivedBytes();
      i.lastTx = c.sentBytes();
      i.lastNanos = sample.nanos();
    }
    carried.addLast(new long[] {sample.nanos(), carriedSent, carriedReceived});
    // the comparison looks at most UNSEEN_LAG_NANOS + NETHOGS_GONE_NANOS back
    while (carried.size() > 1
        && carried.peekFirst()[0] < sample.nanos() - UNSEEN_LAG_NANOS - NETHOGS_GONE_NANOS) {
      carried.removeFirst();
    }
  }

  /** The newest interface reading at or before {@code asOf}, or null. */
  private long[] carriedAt(long asOf) {
    long[] then = null;
    for (long[] c : carried) {
      if (c[0] <= asOf) {
        then = c;
      } else {
        break;
      }
    }
    return then;
  }

  /**
   * Both sources settled: for {@link #SETTLE_NANOS} the interfaces carried (almost) nothing and
   * nethogs reported nothing new, so it has caught up with what the counters had then.
   */
  private boolean settled(long nanos, long nethogsSent, long nethogsReceived) {
    long[] before = carriedAt(nanos - SETTLE_NANOS);
    long[] last = carried.peekLast();
    if (before == null || last == null || reported.isEmpty()) {
      return false;
    }
    long[] first = reported.peekFirst();
    if (first[0] > nanos - SETTLE_NANOS) {
      return false;
    }
    boolean quiet = last[1] + last[2] - before[1] - before[2] <= QUIET_BYTES;
    boolean caughtUp = first[1] == nethogsSent && first[2] == nethogsReceived;
    return quiet && caughtUp;
  }

  /**
   * Whether to compare nethogs with the interface counters at all: off for the demo trace, whose
   * made-up traffic never crossed the interfaces.
   */
  public void countUnseen(boolean on) {
    countUnseen = on;
  }

  /** Raises the unseen bytes to what is provably unseen now (see the class comment). */
  private void updateUnseen(long nethogsSent, long nethogsReceived, long nanos) {
    if (!countUnseen || carried.isEmpty() || !haveRefresh) {
      return; // capture never ran (no nethogs, no permission): the interface totals say it all
    }
    reported.addLast(new long[] {nanos, nethogsSent, nethogsReceived});
    while (reported.size() > 1 && reported.peekFirst()[0] < nanos - 2 * SETTLE_NANOS) {
      reported.removeFirst();
    }
    boolean nethogsGone = nanos - lastRefreshNanos > NETHOGS_GONE_NANOS;
    long[] then;
    if (nethogsGone) {
      then = carriedAt(nanos - GONE_LAG_NANOS);
    } else if (settled(nanos, nethogsSent, nethogsReceived)) {
      then = carriedAt(nanos - SETTLE_NANOS);
    } else {
      then = carriedAt(lastRefreshNanos - UNSEEN_LAG_NANOS);
    }
    if (then != null) {
      unseenSent = Math.max(unseenSent, then[1] - nethogsSent);
      unseenReceived = Math.max(unseenReceived, then[2] - nethogsReceived);
    }
    long dt = nanos - unseenRateMark[0];
    if (dt >= 1_000_000_000L) {
      if (unseenRateMark[0] != 0) {
        unseenSentRate = (unseenSent - unseenRateMark[1]) / (dt / 1e9);
        unseenReceivedRate = (unseenReceived - unseenRateMark[2]) / (dt / 1e9);
      }
      unseenRateMark[0] = nanos;
      unseenRateMark[1] = unseenSent;
      unseenRateMark[2] = unseenReceived;
    }
  }

  /**
   * Limits the interfaces shown in snapshots (and summed in {@code interfaceTotals}) to these
   * devices; empty means every device sampled. Counters of other devices keep being tracked, so
   * selecting them again loses nothing.
   */
  public void selectInterfaces(Collection<String> devices) {
    selectedInterfaces = Set.copyOf(devices);
  }

  /** Number of live (not folded) process entries; for tests and benchmarks. */
  public int liveCount() {
    return live.size();
  }

  /** An immutable view of the current state. */
  public Snapshot snapshot(Instant time, long nanos, CaptureStatus status, long restarts) {
    boolean stale = !haveRefresh || nanos - lastRefreshNanos > STALE_NANOS;
    List<ProcessStat> processes = new ArrayList<>(live.size());
    Map<ProgramKey, long[]> programBytes = new HashMap<>();
    Map<ProgramKey, double[]> programRates = new HashMap<>();
    Map<ProgramKey, TreeSet<Integer>> programPids = new HashMap<>();
    Map<AppKey, AppAcc> appAcc = new HashMap<>();
    Totals totals = Totals.ZERO;
    Totals unattributed = Totals.ZERO;
    for (Map.Entry<Key, Live> e : live.entrySet()) {
      Key k = e.getKey();
      Live l = e.getValue();
      double sr = stale ? 0 : l.sentRate;
      double rr = stale ? 0 : l.receivedRate;
      ProcessStat p =
          new ProcessStat(
              k.name(),
              k.pid(),
              k.uid(),
              userNames.apply(k.uid()),
              l.sent,
              l.received,
              sr,
              rr,
              l.attribution.app());
      processes.add(p);
      AppKey ak = appKey(l.attribution);
      AppAcc acc = appAcc.computeIfAbsent(ak, x -> new AppAcc(l.attribution.app()));
      acc.add(p, l.appBaseSent, l.appBaseReceived);
      int shownPid = k.pid() != 0 ? k.pid() : l.attribution.pid();
      if (shownPid > 0) {
        acc.pids.add(shownPid);
      }
      if (l.creditedTo != null && !stale) {
        // this refresh's growth of "unknown TCP" was credited to an application: so is its rate
        acc.sentRate -= l.creditedSentRate;
        acc.receivedRate -= l.creditedReceivedRate;
        AppResolver.Attribution c = l.creditedTo;
        AppAcc to = appAcc.computeIfAbsent(appKey(c), x -> new AppAcc(c.app()));
        to.sentRate += l.creditedSentRate;
        to.receivedRate += l.creditedReceivedRate;
        if (c.pid() > 0) {
          to.pids.add(c.pid());
        }
      }
      totals = totals.plus(p.totals());
      ProgramKey pk = new ProgramKey(k.name(), k.uid());
      long[] b = programBytes.computeIfAbsent(pk, x -> new long[2]);
      b[0] += l.sent;
      b[1] += l.received;
      double[] r = programRates.computeIfAbsent(pk, x -> new double[2]);
      r[0] += sr;
      r[1] += rr;
      if (k.pid() != 0) {
        programPids.computeIfAbsent(pk, x -> new TreeSet<>()).add(k.pid());
      }
    }
    for (Map.Entry<ProgramKey, Folded> e : folded.entrySet()) {
      long[] b = programBytes.computeIfAbsent(e.getKey(), x -> new long[2]);
      b[0] += e.getValue().sent;
      b[1] += e.getValue().received;
      totals = totals.plus(new Totals(e.getValue().sent, e.getValue().received, 0, 0));
    }
    for (Map.Entry<AppKey, FoldedApp> e : foldedApps.entrySet()) {
      FoldedApp f = e.getValue();
      AppAcc acc = appAcc.computeIfAbsent(e.getKey(), x -> new AppAcc(f.app));
      acc.sent += f.sent;
      acc.received += f.received;
    }
    List<AppStat> appStats = new ArrayList<>(appAcc.size());
    Map<Integer, UserStat> users = new HashMap<>();
    for (Map.Entry<AppKey, AppAcc> e : appAcc.entrySet()) {
      AppAcc a = e.getValue();
      int uid = e.getKey().uid();
      String user = userOf(uid);
      a.processes.sort(PROCESS_ORDER);
      if (a.app.unattributed()) { // monotone: bytes once unattributed stay so
        unattributed =
            unattributed.plus(new Totals(a.sent, a.received, a.sentRate, a.receivedRate));
      }
      appStats.add(
          new AppStat(
              a.app,
              uid,
              user,
              a.sent,
              a.received,
              a.sentRate,
              a.receivedRate,
              List.copyOf(a.pids),
              a.processes));
      UserStat u = users.get(uid);
      users.put(
          uid,
          new UserStat(
              user,
              uid,
              (u == null ? 0 : u.sentBytes()) + a.sent,
              (u == null ? 0 : u.receivedBytes()) + a.received,
              (u == null ? 0 : u.sentRate()) + a.sentRate,
              (u == null ? 0 : u.receivedRate()) + a.receivedRate));
    }
    appStats.sort(
        Comparator.comparingLong(AppStat::totalBytes)
            .reversed()
            .thenComparing(a -> a.app().name())
            .thenComparing(a -> a.app().key())
            .thenComparingInt(AppStat::uid));
    List<UserStat> userStats = new ArrayList<>(users.values());
    userStats.sort(
        Comparator.comparingLong(UserStat::totalBytes)
            .reversed()
            .thenComparing(UserStat::user)
            .thenComparingInt(UserStat::uid));
    List<ProgramStat> programs = new ArrayList<>(programBytes.size());
    for (Map.Entry<ProgramKey, long[]> e : programBytes.entrySet()) {
      ProgramKey pk = e.getKey();
      double[] r = programRates.getOrDefault(pk, new double[2]);
      programs.add(
          new ProgramStat(
              pk.name(),
              pk.uid(),
              userNames.apply(pk.uid()),
              e.getValue()[0],
              e.getValue()[1],
              r[0],
              r[1],
              List.copyOf(programPids.getOrDefault(pk, new TreeSet<>()))));
    }
    processes.sort(PROCESS_ORDER);
    programs.sort(
        Comparator.comparingLong(ProgramStat::totalBytes)
            .reversed()
            .thenComparing(ProgramStat::name));
    List<InterfaceStat> interfaces = new ArrayList<>(ifaces.size());
    Totals ifaceTotals = Totals.ZERO;
    for (Map.Entry<String, Iface> e : ifaces.entrySet()) {
      if (!selectedInterfaces.isEmpty() && !selectedInterfaces.contains(e.getKey())) {
        continue;
      }
      Iface i = e.getValue();
      boolean ifStale = nanos - i.lastNanos > STALE_NANOS;
      InterfaceStat s =
          new InterfaceStat(
              e.getKey(),
              i.carriedTx + i.lastTx - i.baseTx,
              i.carriedRx + i.lastRx - i.baseRx,
              ifStale ? 0 : i.txRate,
              ifStale ? 0 : i.rxRate);
      interfaces.add(s);
      ifaceTotals = ifaceTotals.plus(s.totals());
    }
    updateUnseen(totals.sentBytes(), totals.receivedBytes(), nanos);
    boolean unseenStale = nanos - unseenRateMark[0] > STALE_NANOS;
    Totals unseen =
        new Totals(
            unseenSent,
            unseenReceived,
            unseenStale ? 0 : unseenSentRate,
            unseenStale ? 0 : unseenReceivedRate);
    return new Snapshot(
        time,
        nanos,
        processes,
        programs,
        totals,
        unattributed,
        interfaces,
        ifaceTotals,
        status,
        restarts,
        appStats,
        userStats,
        unseen);
  }

  private static final Comparator<ProcessStat> PROCESS_ORDER =
      Comparator.comparingLong(ProcessStat::totalBytes)
          .reversed()
          .thenComparing(ProcessStat::name)
          .thenComparingInt(ProcessStat::pid);

  /** Sums of one application while a snapshot is built. */
  private static final class AppAcc {
    final AppId app;
    final TreeSet<Integer> pids = new TreeSet<>();
    final List<ProcessStat> processes = new ArrayList<>();
    long sent;
    long received;
    double sentRate;
    double receivedRate;

    AppAcc(AppId app) {
      this.app = app;
    }

    void add(ProcessStat p, long baseSent, long baseReceived) {
      processes.add(p);
      sent += p.sentBytes() - baseSent;
      received += p.receivedBytes() - baseReceived;
      sentRate += p.sentRate();
      receivedRate += p.receivedRate();
    }
  }
}
