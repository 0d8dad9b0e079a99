package dev.hogwatch.serve;

import java.time.Instant;

/**
 * Bytes moved during one history bucket. The page plots {@code sentBytes / seconds} as a rate.
 *
 * <p>Example: {@code new HistoryPoint(Instant.parse("2026-01-01T10:00:00Z"), 60, 6_000, 120_000)}
 * is one minute with 100 B/s up and 2 kB/s down on average.
 *
 * @param start start of the bucket
 * @param seconds bucket length in seconds (greater than zero)
 * @param sentBytes uploaded bytes in the bucket
 * @param receivedBytes downloaded bytes in the bucket
 */
public record HistoryPoint(Instant start, double seconds, long sentBytes, long receivedBytes) {
  public HistoryPoint {
    if (!(seconds > 0)) {
      throw new IllegalArgumentException("bucket length must be positive: " + seconds);
    }
  }
}
