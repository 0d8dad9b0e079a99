package dev.hogwatch.capture;

/**
 * nethogs's {@code -v} view modes: what the two number columns mean and how to turn them into bytes
 * (total modes) or bytes per second (rate modes).
 *
 * <p>Example: in {@link #KB_TOTAL} ({@code -v 1}) the value {@code 5001.47} means {@code 5001.47 *
 * 1024} bytes transferred so far.
 */
public enum ViewMode {
  /** {@code -v 0}: KB/s (KB = 1024 B), a 5 s sliding average. */
  KB_RATE(0, 1024.0, true),
  /** {@code -v 1}: running total in KB. */
  KB_TOTAL(1, 1024.0, false),
  /** {@code -v 2}: running total in bytes; what live capture uses. */
  BYTES_TOTAL(2, 1.0, false),
  /** {@code -v 3}: running total in MB (1048576 B). */
  MB_TOTAL(3, 1048576.0, false),
  /** {@code -v 4}: MB/s. */
  MB_RATE(4, 1048576.0, true),
  /** {@code -v 5}: GB/s. */
  GB_RATE(5, 1073741824.0, true);

  private final int number;
  private final double factor;
  private final boolean rate;

  ViewMode(int number, double factor, boolean rate) {
    this.number = number;
    this.factor = factor;
    this.rate = rate;
  }

  /** The {@code -v} argument. */
  public int number() {
    return number;
  }

  /** Multiply a printed value by this to get bytes (or bytes per second). */
  public double factor() {
    return factor;
  }

  /** True for the rate modes 0, 4 and 5. */
  public boolean isRate() {
    return rate;
  }

  /** The mode nethogs uses for {@code -v n}: it reads the argument modulo 6. */
  public static ViewMode of(int n) {
    return values()[Math.floorMod(n, 6)];
  }
}
