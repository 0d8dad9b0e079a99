package dev.hogwatch.history;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Who used the network in a span of time: the answer to "select a spike, see who caused it".
 *
 * <p>The span is the selection with its edges moved out to whole buckets of {@code resolution}, the
 * finest resolution history still keeps from the selection's start on (1 s within the last 24
 * hours, 1 min within 31 days, then hours, then days). Its bytes are the stored bytes of those
 * buckets, so its total is the area the chart draws under the same buckets.
 *
 * <p>Example: a click at 14:05:10.4 today gives {@code since} 14:05:10, {@code until} 14:05:11 and
 * {@code resolution} one second; the same click 40 days ago gives the hour 14:00–15:00.
 *
 * @param since first instant of the span (the selection's start, rounded down to the resolution)
 * @param until first instant after it (the selection's end, rounded up)
 * @param resolution length of the buckets whose edges the span follows
 * @param programs programs that nethogs attributed traffic to, largest total first
 * @param unattributed traffic nethogs could not tie to a process ({@code unknown TCP}, connection
 *     tuples), summed
 * @param totals all bytes of the span (as the chart draws them): programs plus unattributed
 * @param apps the same bytes per application of each user (unattributed traffic included, as the
 *     application {@code unattributed}), largest total first
 */
public record RangeUsage(
    Instant since,
    Instant until,
    Duration resolution,
    List<ProgramUsage> programs,
    Bytes unattributed,
    Bytes totals,
    List<AppUsage> apps) {

  public RangeUsage {
    programs = List.copyOf(programs);
    apps = List.copyOf(apps);
  }

  /** A span's answer without applications. */
  public RangeUsage(
      Instant since,
      Instant until,
      Duration resolution,
      List<ProgramUsage> programs,
      Bytes unattributed,
      Bytes totals) {
    this(since, until, resolution, programs, unattributed, totals, List.of());
  }

  /**
   * Bytes in both directions.
   *
   * @param sentBytes uploaded
   * @param receivedBytes downloaded
   */
  public record Bytes(long sentBytes, long receivedBytes) {
    public static final Bytes ZERO = new Bytes(0, 0);

    public long totalBytes() {
      return sentBytes + receivedBytes;
    }
  }

  /** The resolution in seconds (1, 60, 3600 or 86400). */
  public long resolutionSeconds() {
    return resolution.toSeconds();
  }
}
