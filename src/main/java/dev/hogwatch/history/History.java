package dev.hogwatch.history;

import dev.hogwatch.desktop.Xdg;
import dev.hogwatch.model.Snapshot;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

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
 * h.read(store -> store.days(from, to)).thenAccept(days -> ...);
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

  /** A query run against the store on the writer thread. */
  @FunctionalInterface
  public interface Query<T> {
    T run(HistoryStore store) throws SQLException;
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
  private HistoryStore store;
  private FileChannel lockChannel;
  private FileLock lock;

  private History(Options options, HistoryStatus initial) {
    this.options = options;
    this.zone = options.clock().getZone();
    this.pending = new Pending(zone);
    this.status = initial;
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
    h.writer.execute(h.task(h::open));
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
   * The default data directory: {@code $XDG_DATA_HOME/hogwatch}, or {@code ~/.local/share/hogwatch}
   * when XDG_DATA_HOME is unset or not absolute.
   */
  public static Path defaultDataDir() {
    return Xdg.dataHome(System.getenv()).resolve("hogwatch");
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
    CompletableFuture<T> f = new CompletableFuture<>();
    try {
      writer.execute(
          () -> {
            try {
              drain();
              flushNow();
              if (store == null) {
                throw new IllegalStateException("history is off: " + status.message());
              }
              f.complete(q.run(store));
            } catch (SQLException | RuntimeException e) {
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

  private void open() {
    Path dir = options.dataDir();
    Path file = dir.resolve(FILE_NAME);
    try {
      if (!Files.isDirectory(dir)) {
        createPrivateDirectories(dir);
      }
      if (!lock(dir)) {
        return;
      }
      if (Files.exists(file) && Files.isReadable(file) && readOnly(file)) {
        // kept as it is: report and the window can still read it
        toMemory(
            "the history file is read-only, so it is kept as it is (chmod u+w "
                + file
                + " to record into it)");
        return;
      }
      if (Files.exists(file) && !(Files.isReadable(file) && Files.isWritable(file))) {
        recover(file, "it cannot be read or written by this user");
        return;
      }
      store = HistoryStore.open(file, zone);
      setStatus(new HistoryStatus(HistoryStatus.State.RECORDING, "", file));
      prune();
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "opening " + file, e);
      if (damaged(e)) {
        recover(file, damage(e));
      } else {
        toMemory(reason(e));
      }
    } catch (IOException e) {
      LOG.log(Level.WARNING, "opening " + file, e);
      toMemory(reason(e));
    }
  }

  /** True when the owner may not write {@code file} (mode 0400), or this user may not. */
  private static boolean readOnly(Path file) throws IOException {
    return !Files.isWritable(file)
        || !Files.getPosixFilePermissions(file)
            .contains(java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
  }

  /**
   * Creates {@code dir} and any missing parent with mode 0700, whatever the umask (under {@code
   * umask 000} plain {@code createDirectories} would leave them world-writable).
   */
  public static void createPrivateDirectories(Path dir) throws IOException {
    Path abs = dir.toAbsolutePath();
    java.util.Deque<Path> missing = new java.util.ArrayDeque<>();
    for (Path p = abs; p != null && !Files.isDirectory(p); p = p.getParent()) {
      missing.push(p);
    }
    java.util.Set<java.nio.file.attribute.PosixFilePermission> rwx =
        PosixFilePermissions.fromString("rwx------");
    while (!missing.isEmpty()) {
      Path p = missing.pop();
      try {
        Files.createDirectory(p, PosixFilePermissions.asFileAttribute(rwx));
      } catch (java.nio.file.FileAlreadyExistsException e) {
        if (!Files.isDirectory(p)) {
          throw e;
        }
        continue; // made by someone else meanwhile
      }
      Files.setPosixFilePermissions(p, rwx); // the umask may have taken bits away, never added
    }
  }

  private boolean lock(Path dir) throws IOException {
    lockChannel =
        FileChannel.open(
            dir.resolve("history.lock"),
            java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      lock = lockChannel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      lockChannel.close();
      lockChannel = null;
      setStatus(
          HistoryStatus.off(
              "Another Hogwatch is recording history in "
                  + dir
                  + "; this one does not, so nothing is counted twice."));
      return false;
    }
    return true;
  }

  /** Moves a damaged or unreadable file aside and starts a fresh one. */
  private void recover(Path file, String why) {
    closeStore();
    String stamp =
        DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss", Locale.ROOT)
            .format(options.clock().instant().atZone(zone));
    Path aside = file.resolveSibling(FILE_NAME + ".broken-" + stamp);
    try {
      Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
      for (String suffix : new String[] {"-wal", "-shm"}) {
        Path side = file.resolveSibling(FILE_NAME + suffix);
        if (Files.exists(side)) {
          Files.move(
              side,
              aside.resolveSibling(aside.getFileName() + suffix),
              StandardCopyOption.REPLACE_EXISTING);
        }
      }
      store = HistoryStore.open(file, zone);
      setStatus(
          new HistoryStatus(
              HistoryStatus.State.RECOVERED,
              "The history file "
                  + file
                  + " could not be used: "
                  + why
                  + ". It was moved to "
                  + aside.getFileName()
                  + " and a new history was started.",
              file));
    } catch (IOException e) {
      toMemory(reason(e));
    } catch (SQLException e) {
      toMemory(reason(e));
    }
  }

  private void toMemory(String why) {
    closeStore();
    Path file = options.dataDir().resolve(FILE_NAME);
    try {
      store = HistoryStore.inMemory(zone);
      setStatus(
          new HistoryStatus(
              HistoryStatus.State.MEMORY_ONLY,
              "History is not being saved: "
                  + why
                  + " ("
                  + file
                  + "). Keeping it in memory until Hogwatch quits.",
              null));
    } catch (SQLException | RuntimeException e) {
      store = null;
      LOG.log(Level.WARNING, "in-memory history failed", e);
      setStatus(
          HistoryStatus.off(
              "History is off: "
                  + why
                  + ", and it cannot be kept in memory either. Restart Hogwatch; if this stays,"
                  + " report it with the log (-Dhogwatch.log=FINE)."));
    }
  }

  private void flushNow() {
    drain();
    if (store == null || pending.isEmpty()) {
      return;
    }
    try {
      store.write(pending);
      pending.clear();
    } catch (SQLException e) {
      failed(e);
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
    if (store == null) {
      return;
    }
    try {
      store.prune(options.retention(), options.clock().instant());
    } catch (SQLException e) {
      failed(e);
    }
  }

  private void failed(SQLException e) {
    LOG.log(Level.WARNING, "history write failed", e);
    Path file = store == null ? null : store.file();
    if (file != null && damaged(e)) {
      recover(file, damage(e));
    } else if (file != null) {
      toMemory(reason(e));
    }
  }

  private static boolean damaged(SQLException e) {
    int code = primary(e);
    return code == SQLiteErrorCode.SQLITE_CORRUPT.code
        || code == SQLiteErrorCode.SQLITE_NOTADB.code;
  }

  private static int primary(SQLException e) {
    if (e instanceof SQLiteException se) {
      return se.getResultCode().code & 0xff;
    }
    return e.getErrorCode() & 0xff;
  }

  private static String reason(SQLException e) {
    int code = primary(e);
    if (code == SQLiteErrorCode.SQLITE_FULL.code) {
      return "the disk is full";
    } else if (code == SQLiteErrorCode.SQLITE_READONLY.code) {
      return "the file or its directory is read-only";
    } else if (code == SQLiteErrorCode.SQLITE_CANTOPEN.code
        || code == SQLiteErrorCode.SQLITE_PERM.code) {
      return "the file cannot be opened";
    } else if (code == SQLiteErrorCode.SQLITE_IOERR.code) {
      return "a disk error occurred";
    }
    return "SQLite could not use it (error " + code + "; the details are in the log)";
  }

  /** Why a file counts as damaged, in words; SQLite's own text goes to the log only. */
  private static String damage(SQLException e) {
    return primary(e) == SQLiteErrorCode.SQLITE_NOTADB.code
        ? "it is not a history file (not an SQLite database)"
        : "it is damaged";
  }

  private static String reason(IOException e) {
    String file = e instanceof java.nio.file.FileSystemException f ? f.getFile() : null;
    if (e instanceof AccessDeniedException) {
      return "permission denied for " + file;
    } else if (e instanceof java.nio.file.FileAlreadyExistsException
        || e instanceof java.nio.file.NotDirectoryException) {
      return file + " is a file, not a folder";
    } else if (e instanceof java.nio.file.FileSystemException && file != null) {
      return file + " cannot be created or opened";
    }
    return "a disk error occurred";
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

  private void closeStore() {
    if (store != null) {
      try {
        store.close();
      } catch (SQLException e) {
        LOG.log(Level.FINE, "closing history store", e);
      }
      store = null;
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
              if (store != null) {
                try {
                  store.checkpoint();
                } catch (SQLException e) {
                  LOG.log(Level.FINE, "checkpoint", e);
                }
              }
              closeStore();
              unlock();
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

  private void unlock() {
    try {
      if (lock != null) {
        lock.release();
      }
      if (lockChannel != null) {
        lockChannel.close();
      }
    } catch (IOException e) {
      LOG.log(Level.FINE, "unlock", e);
    }
    lock = null;
    lockChannel = null;
  }
}
