package dev.hogwatch.serve;

import dev.hogwatch.history.History;
import dev.hogwatch.history.HistoryStatus;
import dev.hogwatch.history.RangeUsage;
import dev.hogwatch.history.SeriesPoint;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * {@link HistorySource} over the SQLite {@link History}: picks the finest rollup that fits {@code
 * maxPoints}, starts "All" at the first recorded day, and merges buckets when the rollup is still
 * finer than asked.
 *
 * <p>Example: {@code WebServer.start(hub, StoredHistory.of(engine.history()), options)}.
 */
public final class StoredHistory implements HistorySource {

  /** Longest wait for the history thread (it may be writing a batch). */
  static final Duration TIMEOUT = Duration.ofSeconds(15);

  private final History history;

  private StoredHistory(History history) {
    this.history = history;
  }

  public static HistorySource of(History history) {
    return new StoredHistory(history);
  }

  @Override
  public boolean available() {
    return history.status().state() != HistoryStatus.State.OFF;
  }

  @Override
  public List<SeriesPoint> query(
      Instant since, Instant until, Optional<String> program, int maxPoints) throws Exception {
    try {
      return history
          .read(
              store -> {
                LocalDate first = store.firstDay();
                if (first == null) {
                  return List.<SeriesPoint>of();
                }
                Instant start = first.atStartOfDay(ZoneId.systemDefault()).toInstant();
                Instant from = since.isBefore(start) ? start : since;
                return store.series(program.orElse(null), null, from, until, maxPoints);
              })
          .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception c ? c : e;
    }
  }

  @Override
  public List<SeriesPoint> appQuery(
      String kind, String id, int uid, Instant since, Instant until, int maxPoints)
      throws Exception {
    try {
      return history
          .read(
              store -> {
                LocalDate first = store.firstDay();
                if (first == null) {
                  return List.<SeriesPoint>of();
                }
                Instant start = first.atStartOfDay(ZoneId.systemDefault()).toInstant();
                Instant from = since.isBefore(start) ? start : since;
                return store.appSeries(kind, id, uid, from, until, maxPoints);
              })
          .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception c ? c : e;
    }
  }

  @Override
  public RangeUsage range(Instant since, Instant until) throws Exception {
    try {
      return history
          .read(store -> store.range(since, until))
          .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception c ? c : e;
    }
  }
}
