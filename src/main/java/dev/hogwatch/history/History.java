package dev.hogwatch.history;

import dev.hogwatch.model.Snapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records snapshots to the history file on one named writer thread ({@code hogwatch-history}) and
 * answers queries on that same thread.
 *
 * <p>{@link #accept} is called on the model thread and never blocks: it only parks the newest
 * snapshot; the writer thread turns it into deltas ({@link DeltaTracker}) and sums them per bucket
 * ({@link Pending}). Every {@code flushEvery} (5 s by default) the sums are written in one
 * transaction, so a kill -9 loses at most that much. Problems never reach the caller: a damaged
 * file is moved aside and a new one started; a file that cannot be written (full disk, read-only
 * directory) is replaced by an in-memory database for the session. Either way {@link #status()}
 * says so, for the tray and the window, and one line goes to stderr.
 *
 * <p>Example:
 *
 * <pre>{@code
 * History h = History.start(History.Options.defaults(dataDir));
 * hub.addListener(h);
 * ...
 * h.read(r -> r.days(from, to, null)).thenAccept(days -> ...);
 * h.close(); // flushes
 * }</pre>
 */
public final class History implements Consumer<Snapshot>, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(History.class.getName());

  /** File name inside the data directory. */
  public static final String FILE_NAME = "history.db";

  /** Default flush period; kill -9 loses at most this much. */
  public static final Duration FLUSH_EVERY = Duration.ofSeconds(5);

  private static final Duration PRUNE_EVERY = Duration.ofMinutes(10);

  /**
   * How to record.
   *
   * @param dataDir directory of {@value #FILE_NAME}
   * @param retention how long each resolution is kept
   * @param flushEvery how often deltas are written
   * @param clock wall clock (retention); snapshots carry their own times
   */
  public record Options(Path dataDir, Retention retention, Duration flushEvery, Clock clock) {
    public static Options defaults(Path dataDir) {
      return new Options(
          dataDir, Retention.DEFAULT, FLUSH_EVERY, Clock.system(ZoneId.systemDefault()));
    }

    public Options withRetention(Retention r) {
      return new Options(dataDir, r, flushEvery, clock);
    }

    public Options withFlushEvery(Duration d) {
      return new Options(dataDir, retention, d, clock);
    }

    public Options withClock(Clock c) {
      return new Options(dataDir, retention, flushEvery, c);
    }
  }

  /** A query run on the writer thread, with the {@link Reader} of the file. */
  @FunctionalInterface
  public interface Query<T> {
    T run(Reader reader);
  }

  /**
   * What the rest of Hogwatch may ask of the history file, and the one thing it may add (an alert
   * given). Days and months are local to {@link History#zone()}; a failure is a {@link
   * HistoryException} with words for people. Reached through {@link History#read} on the writer
   * thread, or alone through {@link History#openReadOnly} by a command that runs beside a recording
   * Hogwatch.
   */
  public interface Reader {
    /** The first local day with recorded traffic of programs, or null when there is none. */
    LocalDate firstDay();

    /**
     * The first local day with recorded traffic of {@code device} (null: the first day of all
     * traffic, by the kernel's counters where kept, else by programs), or null.
     */
    LocalDate firstTrafficDay(String device);

    /**
     * The start of the first hour with traffic of all programs ({@code name} null) or of {@code
     * name} run by {@code uid}; null when there is none.
     */
    Instant earliest(String name, int uid);

    /** The network devices with recorded traffic, by name. */
    List<String> interfaces();

    /** Bytes per program in {@code [from, to)}, from the finest resolution kept for each part. */
    Usage usage(Instant from, Instant to);

    /** Bytes per program of the local days {@code from} to {@code to}, both included. */
    Usage usage(LocalDate from, LocalDate to);

    /** Who used the network in {@code [since, until)}, edges at the finest kept resolution. */
    RangeUsage range(Instant since, Instant until);

    /**
     * Bytes per local day from {@code from} to {@code to} (days with data) of {@code device}, or of
     * all traffic when it is null.
     */
    List<PeriodUsage> days(LocalDate from, LocalDate to, String device);

    /** Like {@link #days}, summed per month. */
    List<PeriodUsage> months(LocalDate from, LocalDate to, String device);

    /**
     * Bytes over time in {@code [from, to)}, oldest first, at most {@code maxPoints} points: of all
     * traffic when {@code name} is null, else of the program {@code name} run by {@code uid} (any
     * user when {@code uid} is null). Points come from the coarsest kept resolution whose buckets
     * fit; when there are still too many, equal buckets of a whole number of that length are
     * summed, so no byte is lost or counted twice. Buckets without traffic are left out.
     *
     * <p>Example: {@code series("firefox", null, now.minus(Duration.ofHours(1)), now, 60)} gives
     * firefox's bytes per minute over the last hour.
     */
    List<SeriesPoint> series(String name, Integer uid, Instant from, Instant to, int maxPoints);

    /** Bytes per application (of each user) in {@code [from, to)}, largest first. */
    List<AppUsage> apps(Instant from, Instant to);

    /**
     * Like {@link #series} for one application of one user ({@code kind} and {@code id} as in
     * {@link AppUsage}); empty when it has no rows.
     */
    List<SeriesPoint> appSeries(
        String kind, String id, int uid, Instant from, Instant to, int maxPoints);

    /**
     * Bytes (sent, received) of the local days {@code from} to {@code to}: of all programs when
     * {@code devices} is empty, else the kernel counters of those devices.
     */
    long[] dayTotal(LocalDate from, LocalDate to, java.util.Collection<String> devices);

    /** Programs first seen on the network after {@code since} and active since {@code active}. */
    List<String> programsNewSince(Instant since, Instant activeSince);

    /** Whether this crossing of this rule about this subject was already told. */
    boolean alerted(String rule, String subject, String crossing);

    /** When the rule last alerted about the subject, or null. */
    Instant lastAlert(String rule, String subject);

    /** The latest alerts, newest first, at most {@code limit}. */
    List<LoggedAlert> alerts(int limit);

    /** Keeps {@code a} unless the same crossing was already logged; whether it is new. */
    boolean logAlert(LoggedAlert a);
  }

  /** A {@link Reader} of its own, to close when done. */
  public interface ReadOnly extends Reader, AutoCloseable {
    @Override
    void close();
  }

  private final Options options;
  private final ZoneId zone;
  private final ScheduledThreadPoolExecutor writer;
  private final AtomicReference<Snapshot> latest = new AtomicReference<>();
  private final List<Consumer<HistoryStatus>> statusListeners = new CopyOnWriteArrayList<>();
  private final DeltaTracker tracker = new DeltaTracker();
  private final Pending pending;
  private final Thread shutdownHook;
  private volatile HistoryStatus status;
  private volatile boolean closed;
  private final HistoryFile file;

  private History(Options options, HistoryStatus initial) {
    this.options = options;
    this.zone = options.clock().getZone();
    this.pending = new Pending(zone);
    this.status = initial;
    this.file = new HistoryFile(options.dataDir(), options.clock(), this::setStatus);
    this.writer = new ScheduledThreadPoolExecutor(1, r -> named(r, "hogwatch-history"));
    writer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    this.shutdownHook = named(this::closeQuietly, "hogwatch-history-shutdown");
  }

  private static Thread named(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.setUncaughtExceptionHandler(
        (th, e) -> LOG.log(Level.SEVERE, "thread " + th.getName() + " died", e));
    return t;
  }

  /**
   * Starts recording into {@code options.dataDir()/history.db}. Never throws: problems show in
   * {@link #status()}. The returned history flushes on JVM shutdown if not closed before.
   */
  public static History start(Options options) {
    History h =
        new History(
            options,
            new HistoryStatus(
                HistoryStatus.State.STARTING, "", options.dataDir().resolve(FILE_NAME)));
    h.writer.execute(
        h.task(
            () -> {
              h.file.open();
              h.prune();
            }));
    long every = options.flushEvery().toMillis();
    var unusedFlush =
        h.writer.scheduleWithFixedDelay(h.task(h::flushNow), every, every, TimeUnit.MILLISECONDS);
    var unusedPrune =
        h.writer.scheduleWithFixedDelay(
            h.task(h::prune),
            PRUNE_EVERY.toMillis(),
            PRUNE_EVERY.toMillis(),
            TimeUnit.MILLISECONDS);
    Runtime.getRuntime().addShutdownHook(h.shutdownHook);
    return h;
  }

  /** A history that records nothing, e.g. for {@code --no-history}; {@code why} is shown. */
  public static History off(String why) {
    History h = new History(Options.defaults(Path.of(".")), HistoryStatus.off(why));
    h.closed = true;
    h.writer.shutdown();
    return h;
  }

  /**
   * Opens {@code dataDir/history.db} for reading only, beside a Hogwatch that may be recording into
   * it: creates and changes nothing (no journal, no upgrade). Empty when there is no such file.
   *
   * @throws HistoryException when the file is there but cannot be read
   */
  public static java.util.Optional<ReadOnly> openReadOnly(Path dataDir, ZoneId zone) {
    Path f = dataDir.resolve(FILE_NAME);
    if (!Files.exists(f)) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(new StoreReader(HistoryStore.openReadOnly(f, zone)));
    } catch (SQLException | IOException e) {
      throw HistoryException.of(e);
    }
  }

  /** An empty history in memory (what a missing file reads as). */
  public static ReadOnly empty(ZoneId zone) {
    try {
      return new StoreReader(HistoryStore.inMemory(zone));
    } catch (SQLException e) {
      throw HistoryException.of(e);
    }
  }

  /**
   * Creates {@code dir} and any missing parent with mode 0700, whatever the umask (under {@code
   * umask 000} plain {@code createDirectories} would leave them world-writable).
   */
  public static void createPrivateDirectories(Path dir) throws IOException {
    HistoryFile.createPrivateDirectories(dir);
  }

  /** Current status (any thread). */
  public HistoryStatus status() {
    return status;
  }

  /**
   * Calls {@code l} with the current status now and on every change; calls come from the writer
   * thread (or the caller's, for the first), so UI listeners hop to the EDT.
   */
  public void addStatusListener(Consumer<HistoryStatus> l) {
    statusListeners.add(l);
    l.accept(status);
  }

  /** Stops calling {@code l}. */
  public void removeStatusListener(Consumer<HistoryStatus> l) {
    statusListeners.remove(l);
  }

  /** The time zone of days and months (the system's). */
  public ZoneId zone() {
    return zone;
  }

  /** Takes a snapshot; never blocks (called on the model thread). */
  @Override
  public void accept(Snapshot s) {
    if (closed) {
      return;
    }
    // keep only the newest: totals are monotone, so a skipped snapshot loses no bytes
    if (latest.getAndSet(s) == null) {
      try {
        writer.execute(task(this::drain));
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // closing
      }
    }
  }

  /**
   * Runs {@code q} on the writer thread after writing everything received so far, so the answer
   * includes the latest traffic. Fails when history is off.
   */
  public <T> CompletableFuture<T> read(Query<T> q) {
    return readStore(store -> q.run(new StoreReader(store)));
  }

  /** A query on the store itself: this package's own (and its tests'). */
  @FunctionalInterface
  interface StoreQuery<T> {
    T run(HistoryStore store) throws SQLException;
  }

  /** Like {@link #read}, with the store itself. */
  <T> CompletableFuture<T> readStore(StoreQuery<T> q) {
    CompletableFuture<T> f = new CompletableFuture<>();
    try {
      writer.execute(
          () -> {
            try {
              drain();
              flushNow();
              HistoryStore store = file.store();
              if (store == null) {
                throw new IllegalStateException("history is off: " + status.message());
              }
              f.complete(q.run(store));
            } catch (SQLException e) {
              f.completeExceptionally(HistoryException.of(e));
            } catch (RuntimeException e) {
              f.completeExceptionally(e);
            }
          });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      f.completeExceptionally(new IllegalStateException("history is closed", e));
    }
    return f;
  }

  /** Writes everything received so far and waits for it (tests, shutdown). */
  public void flush() throws InterruptedException {
    try {
      read(s -> null).get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      LOG.log(Level.FINE, "flush", e);
    }
  }

  private Runnable task(Runnable r) {
    return () -> {
      try {
        r.run();
      } catch (RuntimeException e) { // a failing task must not stop the schedule
        LOG.log(Level.WARNING, "history task failed", e);
      }
    };
  }

  // ---------------------------------------------------------------- writer thread

  private void drain() {
    Snapshot s = latest.getAndSet(null);
    if (s != null) {
      tracker.track(s, pending);
    }
  }

  private void flushNow() {
    drain();
    HistoryStore store = file.store();
    if (store == null || pending.isEmpty()) {
      return;
    }
    try {
      store.write(pending);
      pending.clear();
    } catch (SQLException e) {
      file.failed(e);
      store = file.store();
      if (store != null) {
        try {
          store.write(pending); // into the fresh or in-memory store
          pending.clear();
        } catch (SQLException again) {
          LOG.log(Level.WARNING, "history write failed twice; will retry", again);
        }
      }
    }
  }

  private void prune() {
    HistoryStore store = file.store();
    if (store == null) {
      return;
    }
    try {
      store.prune(options.retention(), options.clock().instant());
    } catch (SQLException e) {
      file.failed(e);
    }
  }

  private void setStatus(HistoryStatus s) {
    status = s;
    if (s.needsAttention() || (s.state() == HistoryStatus.State.OFF && !s.message().isEmpty())) {
      System.err.println("hogwatch: " + s.message());
    }
    for (Consumer<HistoryStatus> l : statusListeners) {
      try {
        l.accept(s);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "history status listener failed", e);
      }
    }
  }

  // ---------------------------------------------------------------- closing

  /** Writes what is pending, closes the file and stops the writer thread; idempotent. */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: the hook is running this
    }
    closeQuietly();
  }

  private void closeQuietly() {
    if (closed) {
      return;
    }
    try {
      CompletableFuture<Void> done = new CompletableFuture<>();
      writer.execute(
          () -> {
            try {
              flushNow();
              HistoryStore store = file.store();
              if (store != null) {
                try {
                  store.checkpoint();
                } catch (SQLException e) {
                  LOG.log(Level.FINE, "checkpoint", e);
                }
              }
              file.closeStore();
              file.unlock();
            } finally {
              done.complete(null);
            }
          });
      closed = true;
      done.get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.RejectedExecutionException
        | java.util.concurrent.ExecutionException
        | java.util.concurrent.TimeoutException e) {
      LOG.log(Level.WARNING, "closing history", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closed = true;
      writer.shutdown();
    }
  }
}
