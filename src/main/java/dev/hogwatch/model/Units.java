package dev.hogwatch.model;

import java.util.Locale;

/**
 * Formats byte counts and rates for people, in one place so the tray, window and CLI agree. Decimal
 * SI prefixes (1 kB = 1000 B), as GNOME and KDE show network speeds; at most three significant
 * digits so that a number has a stable width.
 *
 * <p>Examples: {@code bytes(1234) = "1.23 kB"}, {@code rate(2_500_000, BYTES) = "2.50 MB/s"},
 * {@code rate(2_500_000, BITS) = "20.0 Mbit/s"}.
 */
public final class Units {
  private Units() {}

  /** Whether rates are shown in bytes or bits per second. */
  public enum Mode {
    BYTES,
    BITS
  }

  private static final String[] BYTE_UNITS = {"B", "kB", "MB", "GB", "TB", "PB"};
  private static final String[] BIT_UNITS = {"bit", "kbit", "Mbit", "Gbit", "Tbit", "Pbit"};

  /** A byte count, e.g. {@code "1.23 MB"}. */
  public static String bytes(long bytes) {
    return scaled((double) bytes, BYTE_UNITS);
  }

  /** A rate given in bytes per second, shown in the requested mode, e.g. {@code "1.23 MB/s"}. */
  public static String rate(double bytesPerSecond, Mode mode) {
    double v = mode == Mode.BITS ? bytesPerSecond * 8 : bytesPerSecond;
    return scaled(v, mode == Mode.BITS ? BIT_UNITS : BYTE_UNITS) + "/s";
  }

  private static String scaled(double value, String[] units) {
    double v = Math.max(0, value);
    int i = 0;
    // 999.5 would print as "1000": move up a unit before rounding does it for us
    while (i < units.length - 1 && v >= 999.5) {
      v /= 1000;
      i++;
    }
    if (i == 0) {
      return String.format(Locale.ROOT, "%d %s", Math.round(v), units[0]);
    }
    String num;
    if (v >= 99.95) {
      num = String.format(Locale.ROOT, "%.0f", v);
    } else if (v >= 9.995) {
      num = String.format(Locale.ROOT, "%.1f", v);
    } else {
      num = String.format(Locale.ROOT, "%.2f", v);
    }
    return num + " " + units[i];
  }
}
