package dev.hogwatch.model;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The model owner: one named thread ("hogwatch-model") applies refreshes and interface samples to
 * {@link Accounting} and publishes an immutable {@link Snapshot} to every listener after each
 * nethogs refresh and at least once per second. Producers call {@code submit*} from any thread;
 * listeners are called on the model thread and must hop to their own thread (e.g. the EDT).
 */
public final class Hub implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Hub.class.getName());

  private final Accounting accounting;
  private final ScheduledExecutorService thread;
  private final List<Consumer<Snapshot>> listeners = new CopyOnWriteArrayList<>();
  private volatile Snapshot latest;
  private CaptureStatus status;
  private long restarts;
  private java.util.concurrent.ScheduledFuture<?> tick;

  public Hub(Accounting accounting, CaptureStatus initial) {
    this.accounting = accounting;
    this.status = initial;
    this.latest = Snapshot.empty(initial);
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "hogwatch-model");
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts the once-per-second publication tick. */
  public Hub start() {
    tick = thread.scheduleAtFixedRate(this::publishSafely, 1, 1, TimeUnit.SECONDS);
    return this;
  }

  /** Adds a listener; it receives the latest snapshot right away and then every update. */
  public void addListener(Consumer<Snapshot> listener) {
    listeners.add(listener);
    thread.execute(() -> safeCall(listener, latest));
  }

  public void removeListener(Consumer<Snapshot> listener) {
    listeners.remove(listener);
  }

  /** The most recent snapshot (never null). */
  public Snapshot latest() {
    return latest;
  }

  /** A complete nethogs block. */
  public void submit(Refresh refresh) {
    run(
        () -> {
          accounting.apply(refresh);
          publish(measured(refresh.nanos()));
        });
  }

  /**
   * The wall-clock time of a refresh whose block arrived at {@code nanos} ({@link
   * System#nanoTime()}): its bytes are stamped with when nethogs measured them, not with when the
   * model got round to them. Times that are not recent readings of this clock give now.
   */
  static Instant measured(long nanos) {
    long age = System.nanoTime() - nanos;
    Instant now = Instant.now();
    return age > 0 && age < 10_000_000_000L ? now.minusNanos(age) : now;
  }

  /** What the socket watcher learned (connection owners, bytes per connection). */
  public void submit(SocketBytes news) {
    run(() -> accounting.apply(news));
  }

  /** A /proc/net/dev reading. */
  public void submit(InterfaceSample sample) {
    run(() -> accounting.apply(sample));
  }

  /** Limits the interfaces in snapshots to these devices; empty means all sampled. */
  public void selectInterfaces(List<String> devices) {
    List<String> copy = List.copyOf(devices);
    run(
        () -> {
          accounting.selectInterfaces(copy);
          publish();
        });
  }

  /** A change of capture state; {@code restartCount} is the total number of nethogs restarts. */
  public void submit(CaptureStatus newStatus, long restartCount) {
    run(
        () -> {
          status = newStatus;
          restarts = restartCount;
          publish();
        });
  }

  private void run(Runnable r) {
    if (!thread.isShutdown()) {
      thread.execute(r);
    }
  }

  private void publish() {
    publish(Instant.now());
  }

  private void publish(Instant time) {
    Snapshot s = accounting.snapshot(time, System.nanoTime(), status, restarts);
    latest = s;
    for (Consumer<Snapshot> l : listeners) {
      safeCall(l, s);
    }
  }

  private void publishSafely() {
    try {
      publish();
    } catch (RuntimeException e) { // a failing tick must not stop the schedule
      LOG.log(Level.WARNING, "snapshot failed", e);
    }
  }

  private static void safeCall(Consumer<Snapshot> l, Snapshot s) {
    try {
      l.accept(s);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "snapshot listener failed", e);
    }
  }

  /** Runs {@code r} on the model thread after everything submitted so far; waits for it. */
  public void flush() throws InterruptedException {
    try {
      thread.submit(() -> {}).get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (tick != null) {
      tick.cancel(false);
    }
    thread.shutdownNow();
  }
}
