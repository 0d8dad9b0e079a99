package dev.hogwatch.ui.window;

import dev.hogwatch.history.RangeUsage;
import java.time.Instant;

/**
 * Who used the network in a span of time, for the chart's click-and-drag selection. The history
 * package answers it from the SQLite file ({@link HistoryPast}); implementations are called from a
 * background thread and may block briefly.
 *
 * <p>Example: {@code spans.range(Instant.parse("2026-11-24T13:05:10Z"),
 * Instant.parse("2026-11-24T13:05:40Z"))} lists the programs of that half minute.
 */
public interface SpanSource {

  /**
   * The programs, unattributed and total bytes of {@code [since, until)} (a point when both are
   * equal), or null when it cannot be answered (history off, query failed or too slow).
   */
  RangeUsage range(Instant since, Instant until);
}
