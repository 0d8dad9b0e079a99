package dev.hogwatch.serve;

import dev.hogwatch.history.RangeUsage;
import dev.hogwatch.history.SeriesPoint;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where {@code /api/history} reads past traffic from. The web server knows only this interface; the
 * wiring binds it to the SQLite history (or to {@link #NONE} when history is off).
 *
 * <p>Example: {@code source.query(now.minus(Duration.ofHours(1)), now, Optional.of("firefox"),
 * 720)} returns at most 720 points, one per 5 s or coarser, of firefox's traffic in the last hour.
 */
public interface HistorySource {

  /** No history: {@code /api/history} answers 503 with a clear message. */
  HistorySource NONE =
      new HistorySource() {
        @Override
        public boolean available() {
          return false;
        }

        @Override
        public List<SeriesPoint> query(
            Instant since, Instant until, Optional<String> program, int maxPoints) {
          return List.of();
        }
      };

  /** Whether history is recorded at all. */
  default boolean available() {
    return true;
  }

  /**
   * Traffic in {@code [since, until)}, oldest first, at most {@code maxPoints} points (a coarser
   * rollup when the range is long).
   *
   * @param program a nethogs program name, or empty for all traffic
   * @throws Exception when the store cannot be read; the caller answers 500 and logs it
   */
  List<SeriesPoint> query(Instant since, Instant until, Optional<String> program, int maxPoints)
      throws Exception;

  /**
   * Like {@link #query} for one application of one user ({@code kind} and {@code id} as in {@link
   * dev.hogwatch.history.AppUsage}, {@code uid} its user): {@link
   * dev.hogwatch.history.History.Reader#appSeries}. Sources without per-application history answer
   * no points.
   *
   * @throws Exception when the store cannot be read; the caller answers 500 and logs it
   */
  default List<SeriesPoint> appQuery(
      String kind, String id, int uid, Instant since, Instant until, int maxPoints)
      throws Exception {
    return List.of();
  }

  /**
   * Who used the network in {@code [since, until)}: {@link
   * dev.hogwatch.history.History.Reader#range}. Sources without per-program history answer null
   * ({@code /api/range} then says history is not recorded).
   *
   * @throws Exception when the store cannot be read; the caller answers 500 and logs it
   */
  default RangeUsage range(Instant since, Instant until) throws Exception {
    return null;
  }
}
