package dev.hogwatch.model;

/**
 * Bytes and rates in both directions. Rates are bytes per second.
 *
 * @param sentBytes uploaded bytes
 * @param receivedBytes downloaded bytes
 * @param sentRate current upload rate, bytes per second
 * @param receivedRate current download rate, bytes per second
 */
public record Totals(long sentBytes, long receivedBytes, double sentRate, double receivedRate) {
  public static final Totals ZERO = new Totals(0, 0, 0, 0);

  /** Sent plus received bytes. */
  public long totalBytes() {
    return sentBytes + receivedBytes;
  }

  /** Component-wise sum. */
  public Totals plus(Totals o) {
    return new Totals(
        sentBytes + o.sentBytes,
        receivedBytes + o.receivedBytes,
        sentRate + o.sentRate,
        receivedRate + o.receivedRate);
  }
}
