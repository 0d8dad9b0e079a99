package dev.hogwatch.serve;

import dev.hogwatch.history.History;
import dev.hogwatch.history.HistoryStatus;
import dev.hogwatch.history.RangeUsage;
import dev.hogwatch.history.SeriesPoint;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
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
  public List<HistoryPoint> query(
      Instant since, Instant until, Optional<String> program, int maxPoints) throws Exception {
    Instant[] from = {since};
    List<SeriesPoint> points;
    try {
      points =
          history
              .read(
                  store -> {
                    LocalDate first = store.firstDay();
                    if (first == null) {
                      return List.<SeriesPoint>of();
                    }
                    Instant start = first.atStartOfDay(ZoneId.systemDefault()).toInstant();
                    if (from[0].isBefore(start)) {
                      from[0] = start;
                    }
                    if (!from[0].isBefore(until)) {
                      return List.<SeriesPoint>of();
                    }
                    Duration step = step(from[0], until, maxPoints);
                    return program.isPresent()
                        ? store.series(from[0], until, step, program.get())
                        : store.series(from[0], until, step);
                  })
              .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception c ? c : e;
    }
    return merge(points, from[0], until, maxPoints);
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

  /** Bucket length that gives at most {@code maxPoints} buckets over the range, at least 1 s. */
  static Duration step(Instant from, Instant until, int maxPoints) {
    long span = Math.max(1, Duration.between(from, until).toSeconds());
    return Duration.ofSeconds(Math.max(1, (span + maxPoints - 1) / maxPoints));
  }

  /**
   * The points as they are when they fit; otherwise summed into equal buckets of a whole number of
   * the rollup's length, counted from {@code from}, so no byte is lost or counted twice.
   */
  static List<HistoryPoint> merge(
      List<SeriesPoint> points, Instant from, Instant until, int maxPoints) {
    List<HistoryPoint> out = new ArrayList<>(Math.min(points.size(), maxPoints));
    if (points.size() <= maxPoints) {
      for (SeriesPoint p : points) {
        out.add(new HistoryPoint(p.start(), p.seconds(), p.sentBytes(), p.receivedBytes()));
      }
      return out;
    }
    long unit = Math.max(1, points.get(0).seconds());
    long wanted = step(from, until, maxPoints).toSeconds();
    long width = ((wanted + unit - 1) / unit) * unit;
    while (true) {
      long w = width;
      long origin = Math.floorDiv(points.get(0).start().getEpochSecond(), w) * w;
      TreeMap<Long, long[]> buckets = new TreeMap<>();
      for (SeriesPoint p : points) {
        long[] v =
            buckets.computeIfAbsent(
                origin + Math.floorDiv(p.start().getEpochSecond() - origin, w) * w,
                k -> new long[2]);
        v[0] += p.sentBytes();
        v[1] += p.receivedBytes();
      }
      if (buckets.size() <= maxPoints) {
        buckets.forEach(
            (start, v) -> out.add(new HistoryPoint(Instant.ofEpochSecond(start), w, v[0], v[1])));
        return out;
      }
      width += unit; // alignment left one bucket too many: widen and try again
    }
  }
}
