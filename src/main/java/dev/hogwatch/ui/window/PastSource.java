package dev.hogwatch.ui.window;

import java.util.OptionalLong;

/**
 * Where the graph window gets rates for a time range: the seam between the window and wherever the
 * past is kept. The window's own {@link MemoryPast} keeps recent seconds in memory; {@link
 * HistoryPast} (in this package, over the history package's {@code History}) answers ranges beyond
 * memory, and {@link #layered(PastSource, PastSource)} joins the two.
 *
 * <p>Implementations are called from a background thread (never the EDT), may block briefly (a
 * database query), and must be thread-safe.
 *
 * <p>Example: the "1h" button asks {@code rates(Subject.GLOBAL, now - 3600, now, 1400)} and draws
 * what comes back; a history implementation answers from per-minute rows with average rates.
 */
public interface PastSource {

  /** The earliest epoch second with data for {@code subject}, or empty when there is none. */
  OptionalLong earliest(Subject subject);

  /**
   * Rates of {@code subject} in {@code [fromSecond, toSecond)} (epoch seconds), with at most {@code
   * maxPoints} points in time order. Long ranges are reduced (e.g. min and max per pixel column, or
   * averages per rollup step); seconds without data are left out or given as {@code NaN}. For a
   * {@link Subject.Kind#PROCESS} the source may answer with its program's rates when it only keeps
   * programs.
   */
  RateSeries rates(Subject subject, long fromSecond, long toSecond, int maxPoints);

  /**
   * {@code recent} where it has data, {@code older} before that. Example: {@code
   * PastSource.layered(memory, sqliteHistory)}.
   */
  static PastSource layered(PastSource recent, PastSource older) {
    return new PastSource() {
      @Override
      public OptionalLong earliest(Subject subject) {
        OptionalLong a = recent.earliest(subject);
        OptionalLong b = older.earliest(subject);
        if (a.isEmpty()) {
          return b;
        }
        if (b.isEmpty()) {
          return a;
        }
        return OptionalLong.of(Math.min(a.getAsLong(), b.getAsLong()));
      }

      @Override
      public RateSeries rates(Subject subject, long fromSecond, long toSecond, int maxPoints) {
        OptionalLong start = recent.earliest(subject);
        long split = start.isPresent() ? Math.max(fromSecond, start.getAsLong()) : toSecond;
        if (split <= fromSecond) {
          return recent.rates(subject, fromSecond, toSecond, maxPoints);
        }
        double share = (double) (split - fromSecond) / Math.max(1, toSecond - fromSecond);
        int olderPoints = Math.max(2, (int) Math.round(maxPoints * share));
        RateSeries old = older.rates(subject, fromSecond, Math.min(split, toSecond), olderPoints);
        if (split >= toSecond) {
          return old;
        }
        return old.concat(
            recent.rates(subject, split, toSecond, Math.max(2, maxPoints - olderPoints)));
      }
    };
  }
}
