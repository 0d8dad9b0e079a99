package dev.hogwatch.ui.window;

import dev.hogwatch.model.ProcessStat;
import dev.hogwatch.model.Snapshot;
import dev.hogwatch.model.Totals;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * The recent past in memory: one rate sample per second for the global rate (24 hours by default)
 * and for every process, every application (of each user) and the unattributed traffic (1 hour
 * each), fed by {@link dev.hogwatch.model.Hub} snapshots. Memory is bounded: at most {@code
 * maxProcesses} process rings (the least recently seen are dropped), and each ring grows only as
 * long as its process lives. With the defaults the worst case is 24 h global (0.7 MB) + 256
 * processes × 1 h (7.4 MB).
 *
 * <p>Example: {@code hub.addListener(memory)}; later, on a background thread, {@code
 * memory.rates(Subject.GLOBAL, now - 300, now, 1400)}.
 *
 * <p>Thread-safe: the model thread records, the chart thread reads.
 */
public final class MemoryPast implements PastSource, Consumer<Snapshot> {
  /** Seconds of global rates kept by default (24 h). */
  public static final int GLOBAL_SECONDS = 24 * 3600;

  /** Seconds of per-process rates kept by default (1 h). */
  public static final int PROCESS_SECONDS = 3600;

  /** Process rings kept by default. */
  public static final int MAX_PROCESSES = 256;

  private final int processSeconds;
  private final int maxProcesses;
  private final RateRing global;
  private final RateRing unattributed;
  private final RateRing unseen;
  // access order: the least recently seen process comes first
  private final LinkedHashMap<Subject, RateRing> processes = new LinkedHashMap<>(64, 0.75f, true);

  /** The defaults: 24 h global, 1 h for each of at most 256 processes. */
  public MemoryPast() {
    this(GLOBAL_SECONDS, PROCESS_SECONDS, MAX_PROCESSES);
  }

  MemoryPast(int globalSeconds, int processSeconds, int maxProcesses) {
    this.global = new RateRing(globalSeconds, Float.NaN);
    this.unattributed = new RateRing(processSeconds, 0f);
    this.unseen = new RateRing(processSeconds, 0f);
    this.processSeconds = processSeconds;
    this.maxProcesses = maxProcesses;
  }

  /** Records a snapshot (the Hub listener). */
  @Override
  public void accept(Snapshot s) {
    long second = s.time().getEpochSecond();
    Totals g = s.capture().state().perProcess() ? s.totals() : s.interfaceTotals();
    double unUp = 0;
    double unDown = 0;
    Map<Subject, double[]> rates = new HashMap<>();
    for (ProcessStat p : s.processes()) {
      if (p.unattributed()) {
        unUp += p.sentRate();
        unDown += p.receivedRate();
      } else {
        double[] r = rates.computeIfAbsent(ProcessRows.processSubject(p), k -> new double[2]);
        r[0] += p.sentRate();
        r[1] += p.receivedRate();
        double[] a = rates.computeIfAbsent(Subject.app(p.app(), p.uid()), k -> new double[2]);
        a[0] += p.sentRate();
        a[1] += p.receivedRate();
      }
    }
    synchronized (this) {
      global.put(second, g.sentRate(), g.receivedRate());
      if (s.capture().state().perProcess()) {
        unattributed.put(second, unUp, unDown);
      }
      unseen.put(second, s.unseen().sentRate(), s.unseen().receivedRate());
      for (Map.Entry<Subject, double[]> e : rates.entrySet()) {
        RateRing ring =
            processes.computeIfAbsent(e.getKey(), k -> new RateRing(processSeconds, 0f));
        ring.put(second, e.getValue()[0], e.getValue()[1]);
      }
      trim(second);
    }
  }

  private void trim(long now) {
    Iterator<Map.Entry<Subject, RateRing>> it = processes.entrySet().iterator();
    int excess = processes.size() - maxProcesses;
    while (it.hasNext()) {
      RateRing r = it.next().getValue();
      if (excess > 0 || now - r.last() >= processSeconds) {
        it.remove();
        excess--;
      } else {
        break; // the rest were seen more recently
      }
    }
  }

  private RateRing ring(Subject subject) {
    return switch (subject.kind()) {
      case GLOBAL -> global;
      case UNATTRIBUTED -> unattributed;
      case UNSEEN -> unseen;
      case PROCESS, APP -> {
        // get() would count as an access and reorder the map: look without touching the order
        RateRing found = null;
        for (Map.Entry<Subject, RateRing> e : processes.entrySet()) {
          if (e.getKey().equals(subject)) {
            found = e.getValue();
          }
        }
        yield found;
      }
      case PROGRAM -> null;
    };
  }

  @Override
  public synchronized OptionalLong earliest(Subject subject) {
    RateRing r = ring(subject);
    return r == null || r.size() == 0 ? OptionalLong.empty() : OptionalLong.of(r.first());
  }

  /** The newest second held for {@code subject}, or empty. */
  public synchronized OptionalLong latest(Subject subject) {
    RateRing r = ring(subject);
    return r == null || r.size() == 0 ? OptionalLong.empty() : OptionalLong.of(r.last());
  }

  @Override
  public synchronized RateSeries rates(
      Subject subject, long fromSecond, long toSecond, int maxPoints) {
    RateRing r = ring(subject);
    return r == null ? RateSeries.EMPTY : r.decimate(fromSecond, toSecond, maxPoints);
  }

  /** The processes currently held, least recently seen first; for tests. */
  synchronized List<Subject> processSubjects() {
    return new ArrayList<>(processes.keySet());
  }
}
