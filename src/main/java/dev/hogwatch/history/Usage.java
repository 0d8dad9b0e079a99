package dev.hogwatch.history;

import java.time.Instant;
import java.util.List;

/**
 * What history knows about a time range, per program and in total.
 *
 * <p>{@code from} and {@code to} are the range actually summed: when the finer resolutions needed
 * for an exact edge have already been thinned out, the range is widened to whole coarser buckets
 * (e.g. a range starting 40 days ago at 10:17 starts at 10:00, as only hours are kept that far
 * back).
 *
 * @param from first instant included
 * @param to first instant not included
 * @param programs per program, largest total first
 * @param sentBytes uploaded bytes of all programs
 * @param receivedBytes downloaded bytes of all programs
 */
public record Usage(
    Instant from, Instant to, List<ProgramUsage> programs, long sentBytes, long receivedBytes) {
  public Usage {
    programs = List.copyOf(programs);
  }

  public long totalBytes() {
    return sentBytes + receivedBytes;
  }
}
