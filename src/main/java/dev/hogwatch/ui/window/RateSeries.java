package dev.hogwatch.ui.window;

import java.util.Arrays;

/**
 * Upload and download rates of one {@link Subject} over time, ready to draw: immutable, at most as
 * many points as asked for. Times are epoch seconds (fractional after decimation); rates are bytes
 * per second; {@code NaN} marks time with no data (a gap in the line).
 *
 * <p>Example: {@code RateSeries.of(new double[] {100, 101}, new double[] {0, 2000}, new double[]
 * {500, 500})} is two seconds, 2 kB/s up in the second one, 500 B/s down in both.
 */
public final class RateSeries {
  /** No points. */
  public static final RateSeries EMPTY =
      new RateSeries(new double[0], new double[0], new double[0]);

  private final double[] seconds;
  private final double[] up;
  private final double[] down;

  /** Copies the arrays; all three must have the same length and times must not decrease. */
  public static RateSeries of(double[] seconds, double[] up, double[] down) {
    return new RateSeries(seconds.clone(), up.clone(), down.clone());
  }

  private RateSeries(double[] seconds, double[] up, double[] down) {
    if (seconds.length != up.length || seconds.length != down.length) {
      throw new IllegalArgumentException(
          "lengths differ: " + seconds.length + ", " + up.length + ", " + down.length);
    }
    this.seconds = seconds;
    this.up = up;
    this.down = down;
  }

  /** Wraps arrays the caller promises never to touch again (avoids a copy in hot paths). */
  static RateSeries owning(double[] seconds, double[] up, double[] down) {
    return new RateSeries(seconds, up, down);
  }

  public int size() {
    return seconds.length;
  }

  public double second(int i) {
    return seconds[i];
  }

  /** Upload rate at point {@code i}, bytes per second. */
  public double up(int i) {
    return up[i];
  }

  /** Download rate at point {@code i}, bytes per second. */
  public double down(int i) {
    return down[i];
  }

  /** Copies of the arrays, for drawing. */
  public double[] seconds() {
    return seconds.clone();
  }

  public double[] up() {
    return up.clone();
  }

  public double[] down() {
    return down.clone();
  }

  /** This series followed by {@code later} (whose times must all be later). */
  public RateSeries concat(RateSeries later) {
    if (later.size() == 0) {
      return this;
    }
    if (size() == 0) {
      return later;
    }
    int n = size() + later.size();
    double[] s = Arrays.copyOf(seconds, n);
    double[] u = Arrays.copyOf(up, n);
    double[] d = Arrays.copyOf(down, n);
    System.arraycopy(later.seconds, 0, s, size(), later.size());
    System.arraycopy(later.up, 0, u, size(), later.size());
    System.arraycopy(later.down, 0, d, size(), later.size());
    return owning(s, u, d);
  }

  /** Index of the point nearest to {@code second}, or -1 when empty. */
  public int nearest(double second) {
    if (seconds.length == 0) {
      return -1;
    }
    int i = Arrays.binarySearch(seconds, second);
    if (i >= 0) {
      return i;
    }
    int ins = -i - 1;
    if (ins == 0) {
      return 0;
    }
    if (ins >= seconds.length) {
      return seconds.length - 1;
    }
    return second - seconds[ins - 1] <= seconds[ins] - second ? ins - 1 : ins;
  }

  /** Largest finite rate in either direction (0 when none). */
  public double max() {
    double m = 0;
    for (int i = 0; i < seconds.length; i++) {
      if (up[i] > m) {
        m = up[i];
      }
      if (down[i] > m) {
        m = down[i];
      }
    }
    return m;
  }
}
