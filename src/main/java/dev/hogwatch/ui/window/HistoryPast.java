package dev.hogwatch.ui.window;

import dev.hogwatch.history.History;
import dev.hogwatch.history.RangeUsage;
import dev.hogwatch.history.SeriesPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The graph window's past from the history file ({@link PastSource} over {@link History}), so that
 * ranges longer than memory, and the time before the last restart, show what was recorded. The
 * global line, programs and applications come from the rollups (seconds for 24 h, then minutes,
 * hours, days); a process is shown as its program. Unattributed traffic is not kept separately (it
 * is a program per connection in history), so that subject has no past here.
 *
 * <p>Example: {@code graphs.setHistory(new HistoryPast(engine.history()))}.
 *
 * <p>Called on the window's background thread; each call is one query on the history writer thread,
 * waited for at most {@link #TIMEOUT}.
 */
public final class HistoryPast implements PastSource, SpanSource {
  private static final Logger LOG = Logger.getLogger(HistoryPast.class.getName());

  /** Longest wait for an answer; a slower answer is dropped and the range stays empty. */
  static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final History history;

  public HistoryPast(History history) {
    this.history = history;
  }

  @Override
  public OptionalLong earliest(Subject subject) {
    if (subject.kind() == Subject.Kind.UNATTRIBUTED || subject.kind() == Subject.Kind.APP) {
      return OptionalLong.empty();
    }
    String name = subject.kind() == Subject.Kind.GLOBAL ? null : subject.name();
    Instant e = ask(s -> s.earliest(name, subject.uid()));
    return e == null ? OptionalLong.empty() : OptionalLong.of(e.getEpochSecond());
  }

  @Override
  public RateSeries rates(Subject subject, long fromSecond, long toSecond, int maxPoints) {
    if (subject.kind() == Subject.Kind.UNATTRIBUTED || toSecond <= fromSecond || maxPoints < 1) {
      return RateSeries.EMPTY;
    }
    Instant from = Instant.ofEpochSecond(fromSecond);
    Instant to = Instant.ofEpochSecond(toSecond);
    List<SeriesPoint> points =
        ask(
            s ->
                switch (subject.kind()) {
                  case GLOBAL -> s.series(null, null, from, to, maxPoints);
                  case APP ->
                      s.appSeries(
                          subject.appKey()[0],
                          subject.appKey()[1],
                          subject.uid(),
                          from,
                          to,
                          maxPoints);
                  default -> s.series(subject.name(), subject.uid(), from, to, maxPoints);
                });
    return points == null ? RateSeries.EMPTY : toRates(points, fromSecond, toSecond, maxPoints);
  }

  /**
   * The chart's rates from history's points (already at most {@code maxPoints}, see {@link
   * History.Reader#series}): one value per bucket from the first recorded one on, bytes over the
   * bucket's seconds; buckets without rows are zero (nothing was transferred, or nothing recorded).
   */
  static RateSeries toRates(List<SeriesPoint> points, long from, long to, int maxPoints) {
    if (points.isEmpty()) {
      return RateSeries.EMPTY;
    }
    long bucket = points.get(0).seconds();
    long first = Math.max(from, points.get(0).start().getEpochSecond());
    long buckets = Math.max(1, (to - first + bucket - 1) / bucket);
    long width = bucket * Math.max(1, (buckets + maxPoints - 1) / maxPoints);
    int n = (int) Math.max(1, (to - first + width - 1) / width);
    double[] seconds = new double[n];
    double[] up = new double[n];
    double[] down = new double[n];
    for (SeriesPoint p : points) {
      long t = Math.max(first, p.start().getEpochSecond());
      int i = (int) Math.min(n - 1, (t - first) / width);
      up[i] += p.sentBytes();
      down[i] += p.receivedBytes();
    }
    for (int i = 0; i < n; i++) {
      long start = first + i * width;
      long len = Math.max(1, Math.min(start + width, to) - start);
      seconds[i] = start;
      up[i] /= len;
      down[i] /= len;
    }
    return RateSeries.of(seconds, up, down);
  }

  /** Who used the network in a span ({@link History.Reader#range}). */
  @Override
  public RangeUsage range(Instant since, Instant until) {
    return ask(s -> s.range(since, until));
  }

  private <T> T ask(History.Query<T> q) {
    try {
      return history.read(q).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      LOG.log(Level.FINE, "history query failed", e);
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
