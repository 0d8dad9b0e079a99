package dev.hogwatch.history;

import java.time.LocalDate;

/**
 * Total bytes of one calendar period (a day, or a month starting on {@code start}).
 *
 * @param start first day of the period (local calendar)
 * @param sentBytes uploaded bytes of all programs
 * @param receivedBytes downloaded bytes of all programs
 */
public record PeriodUsage(LocalDate start, long sentBytes, long receivedBytes) {

  public long totalBytes() {
    return sentBytes + receivedBytes;
  }
}
