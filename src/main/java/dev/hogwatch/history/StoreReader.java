package dev.hogwatch.history;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;

/**
 * {@link History.Reader} over a {@link HistoryStore}: each query of the store, with its {@link
 * SQLException} turned into a {@link HistoryException}, and series fitted to the points asked for.
 */
class StoreReader implements History.ReadOnly {
  private final HistoryStore store;

  StoreReader(HistoryStore store) {
    this.store = store;
  }

  @FunctionalInterface
  private interface Sql<T> {
    T run() throws SQLException;
  }

  private static <T> T sql(Sql<T> q) {
    try {
      return q.run();
    } catch (SQLException e) {
      throw HistoryException.of(e);
    }
  }

  @Override
  public LocalDate firstDay() {
    return sql(store::firstDay);
  }

  @Override
  public LocalDate firstTrafficDay(String device) {
    return sql(() -> store.firstTrafficDay(device));
  }

  @Override
  public Instant earliest(String name, int uid) {
    return sql(() -> store.earliest(name, uid));
  }

  @Override
  public List<String> interfaces() {
    return sql(store::interfaces);
  }

  @Override
  public Usage usage(Instant from, Instant to) {
    return sql(() -> store.usage(from, to));
  }

  @Override
  public Usage usage(LocalDate from, LocalDate to) {
    return sql(() -> store.usage(from, to));
  }

  @Override
  public RangeUsage range(Instant since, Instant until) {
    return sql(() -> store.range(since, until));
  }

  @Override
  public List<PeriodUsage> days(LocalDate from, LocalDate to, String device) {
    return sql(() -> store.trafficDays(from, to, device));
  }

  @Override
  public List<PeriodUsage> months(LocalDate from, LocalDate to, String device) {
    return sql(() -> store.trafficMonths(from, to, device));
  }

  @Override
  public List<SeriesPoint> series(
      String name, Integer uid, Instant from, Instant to, int maxPoints) {
    if (!from.isBefore(to) || maxPoints < 1) {
      return List.of();
    }
    List<SeriesPoint> points =
        sql(() -> store.series(name, uid, from, to, step(from, to, maxPoints)));
    return fit(points, from, to, maxPoints);
  }

  @Override
  public List<AppUsage> apps(Instant from, Instant to) {
    return sql(() -> store.apps(from, to));
  }

  @Override
  public List<SeriesPoint> appSeries(
      String kind, String id, int uid, Instant from, Instant to, int maxPoints) {
    if (!from.isBefore(to) || maxPoints < 1) {
      return List.of();
    }
    List<SeriesPoint> points =
        sql(() -> store.appSeries(kind, id, uid, from, to, step(from, to, maxPoints)));
    return fit(points, from, to, maxPoints);
  }

  @Override
  public long[] dayTotal(LocalDate from, LocalDate to, Collection<String> devices) {
    return sql(() -> store.dayTotal(from, to, devices));
  }

  @Override
  public List<String> programsNewSince(Instant since, Instant activeSince) {
    return sql(() -> store.programsNewSince(since, activeSince));
  }

  @Override
  public boolean alerted(String rule, String subject, String crossing) {
    return sql(() -> store.alerted(rule, subject, crossing));
  }

  @Override
  public Instant lastAlert(String rule, String subject) {
    return sql(() -> store.lastAlert(rule, subject));
  }

  @Override
  public List<LoggedAlert> alerts(int limit) {
    return sql(() -> store.alerts(limit));
  }

  @Override
  public boolean logAlert(LoggedAlert a) {
    return sql(() -> store.logAlert(a));
  }

  @Override
  public void close() {
    sql(
        () -> {
          store.close();
          return null;
        });
  }

  /** Bucket length that gives at most {@code maxPoints} buckets over the range, at least 1 s. */
  static Duration step(Instant from, Instant until, int maxPoints) {
    long span = Math.max(1, Duration.between(from, until).toSeconds());
    return Duration.ofSeconds(Math.max(1, (span + maxPoints - 1) / maxPoints));
  }

  /**
   * The points as they are when they fit; otherwise summed into equal buckets of a whole number of
   * the rollup's length, aligned to multiples of that width, so no byte is lost or counted twice.
   */
  static List<SeriesPoint> fit(
      List<SeriesPoint> points, Instant from, Instant until, int maxPoints) {
    if (points.size() <= maxPoints) {
      return points;
    }
    List<SeriesPoint> out = new ArrayList<>(maxPoints);
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
            (start, v) -> out.add(new SeriesPoint(Instant.ofEpochSecond(start), w, v[0], v[1])));
        return out;
      }
      width += unit; // alignment left one bucket too many: widen and try again
    }
  }
}
