package dev.hogwatch.ui.window;

import java.util.Arrays;

/**
 * The last {@code capacity} seconds of upload and download rate of one subject, one slot per epoch
 * second, in float arrays that grow on demand up to the capacity (an idle short-lived process costs
 * a few hundred bytes, 24 h of global rates 691 kB). Not thread-safe; {@link MemoryPast} guards it.
 *
 * <p>Example: {@code put(100, 5, 7); put(103, 1, 1)} with gap value 0 stores seconds 100..103 as up
 * = 5, 0, 0, 1.
 */
final class RateRing {
  private static final int INITIAL = 64;

  private final int capacity;
  private final float gap;
  private float[] up = new float[0];
  private float[] down = new float[0];
  private long last = Long.MIN_VALUE;
  private int count;

  /**
   * @param capacity most seconds kept
   * @param gap value stored for skipped seconds ({@code NaN} = unknown, 0 = idle)
   */
  RateRing(int capacity, float gap) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity " + capacity);
    }
    this.capacity = capacity;
    this.gap = gap;
  }

  /** Number of seconds held. */
  int size() {
    return count;
  }

  /** Oldest second held; only meaningful when {@code size() > 0}. */
  long first() {
    return last - count + 1;
  }

  /** Newest second held; only meaningful when {@code size() > 0}. */
  long last() {
    return last;
  }

  /** Records the rates of {@code second}; a later value for the same second replaces it. */
  void put(long second, double upRate, double downRate) {
    if (count > 0 && second < first()) {
      return; // older than what we keep (the clock stepped back a lot)
    }
    if (count > 0 && second <= last) {
      int i = slot(second);
      up[i] = (float) upRate;
      down[i] = (float) downRate;
      return;
    }
    if (count == 0) {
      last = second - 1;
    }
    long skipped = second - last - 1;
    if (skipped >= capacity) { // a gap longer than the ring: start over
      count = 0;
      last = second - 1;
      skipped = 0;
    }
    for (long s = 0; s < skipped; s++) {
      append(gap, gap);
    }
    append((float) upRate, (float) downRate);
  }

  private void append(float u, float d) {
    if (count < capacity && count == up.length) {
      grow();
    }
    last++;
    int i = slot(last);
    up[i] = u;
    down[i] = d;
    if (count < capacity) {
      count++;
    }
  }

  private void grow() {
    int n = Math.min(capacity, Math.max(INITIAL, up.length * 2));
    // while growing the ring is not yet full, so slots are 0..count-1 in time order from first()
    float[] u = new float[n];
    float[] d = new float[n];
    long firstSecond = first();
    for (int k = 0; k < count; k++) {
      int from = slot(firstSecond + k);
      int to = (int) Math.floorMod(firstSecond + k, (long) n);
      u[to] = up[from];
      d[to] = down[from];
    }
    up = u;
    down = d;
  }

  private int slot(long second) {
    return (int) Math.floorMod(second, (long) up.length);
  }

  /** Upload rate at {@code second}, {@code NaN} outside what is held. */
  double up(long second) {
    return inside(second) ? up[slot(second)] : Double.NaN;
  }

  /** Download rate at {@code second}, {@code NaN} outside what is held. */
  double down(long second) {
    return inside(second) ? down[slot(second)] : Double.NaN;
  }

  private boolean inside(long second) {
    return count > 0 && second >= first() && second <= last;
  }

  /**
   * The seconds in {@code [from, to)} reduced to at most {@code maxPoints} points: every second
   * when they fit, otherwise for each of {@code maxPoints / 2} columns its minimum and maximum in
   * the order they happened (so peaks and valleys survive at any zoom). Each direction is reduced
   * on its own; the two points of a column sit at its start and middle.
   */
  RateSeries decimate(long from, long to, int maxPoints) {
    long lo = Math.max(from, count > 0 ? first() : to);
    long hi = Math.min(to, count > 0 ? last + 1 : to);
    int n = (int) Math.max(0, hi - lo);
    if (n == 0) {
      return RateSeries.EMPTY;
    }
    if (n <= Math.max(2, maxPoints)) {
      double[] s = new double[n];
      double[] u = new double[n];
      double[] d = new double[n];
      for (int k = 0; k < n; k++) {
        int i = slot(lo + k);
        s[k] = lo + k;
        u[k] = up[i];
        d[k] = down[i];
      }
      return RateSeries.owning(s, u, d);
    }
    int columns = Math.max(1, maxPoints / 2);
    double width = (double) n / columns;
    double[] s = new double[columns * 2];
    double[] u = new double[columns * 2];
    double[] d = new double[columns * 2];
    int start = 0;
    for (int c = 0; c < columns; c++) {
      int end = c == columns - 1 ? n : (int) Math.round((c + 1) * width);
      s[2 * c] = lo + start;
      s[2 * c + 1] = lo + (start + end) / 2.0;
      minMax(up, lo, start, end, u, 2 * c);
      minMax(down, lo, start, end, d, 2 * c);
      start = end;
    }
    return RateSeries.owning(s, u, d);
  }

  /** Writes min and max of {@code values} over seconds lo+start..lo+end-1, in time order. */
  private void minMax(float[] values, long lo, int start, int end, double[] out, int at) {
    float min = Float.NaN;
    float max = Float.NaN;
    int minAt = -1;
    int maxAt = -1;
    int len = values.length;
    int i = (int) Math.floorMod(lo + start, (long) len);
    for (int k = start; k < end; k++) {
      float v = values[i];
      if (!Float.isNaN(v)) {
        if (minAt < 0 || v < min) {
          min = v;
          minAt = k;
        }
        if (maxAt < 0 || v > max) {
          max = v;
          maxAt = k;
        }
      }
      if (++i == len) {
        i = 0;
      }
    }
    boolean minFirst = minAt <= maxAt;
    out[at] = minFirst ? min : max;
    out[at + 1] = minFirst ? max : min;
  }

  /** Copies of the raw seconds, for tests. */
  float[] upValues() {
    float[] r = new float[count];
    for (int k = 0; k < count; k++) {
      r[k] = up[slot(first() + k)];
    }
    return r;
  }

  @Override
  public String toString() {
    return "RateRing[" + first() + ".." + last + ", up=" + Arrays.toString(upValues()) + "]";
  }
}
