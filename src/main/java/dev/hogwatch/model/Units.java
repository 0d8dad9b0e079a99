package dev.hogwatch.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
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

  private static final String[] BYTE_UNITS = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
  private static final String[] BIT_UNITS = {"bit", "kbit", "Mbit", "Gbit", "Tbit", "Pbit", "Ebit"};
  private static final char[] PREFIXES = {'k', 'M', 'G', 'T', 'P', 'E'};

  /** A byte count, e.g. {@code "1.23 MB"}. */
  public static String bytes(long bytes) {
    // exact decimal arithmetic: a double cannot hold every long (999_499_999_999_999_999)
    BigDecimal v = BigDecimal.valueOf(Math.max(0, bytes));
    int i = 0;
    while (i < BYTE_UNITS.length - 1 && v.compareTo(UNIT_UP) >= 0) {
      v = v.movePointLeft(3);
      i++;
    }
    if (i == 0) {
      return v + " " + BYTE_UNITS[0];
    }
    int decimals = v.compareTo(THREE_DIGITS) >= 0 ? 0 : v.compareTo(TWO_DIGITS) >= 0 ? 1 : 2;
    return v.setScale(decimals, RoundingMode.HALF_UP).toPlainString() + " " + BYTE_UNITS[i];
  }

  private static final BigDecimal UNIT_UP = new BigDecimal("999.5");
  private static final BigDecimal THREE_DIGITS = new BigDecimal("99.95");
  private static final BigDecimal TWO_DIGITS = new BigDecimal("9.995");

  /** A rate given in bytes per second, shown in the requested mode, e.g. {@code "1.23 MB/s"}. */
  public static String rate(double bytesPerSecond, Mode mode) {
    double v = mode == Mode.BITS ? bytesPerSecond * 8 : bytesPerSecond;
    return scaled(v, mode == Mode.BITS ? BIT_UNITS : BYTE_UNITS) + "/s";
  }

  /**
   * A rate squeezed into at most four narrow characters for the tray icon: the unit prefix is the
   * last character and bits or bytes are implied by the mode, e.g. {@code "0"}, {@code "999"}
   * (B/s), {@code "1.2k"}, {@code "12k"}, {@code ".12M"} (120 kB/s), {@code "9.9G"}. At most two
   * significant digits, so the width stays small and stable.
   */
  public static String compact(double bytesPerSecond, Mode mode) {
    double v = finite(mode == Mode.BITS ? bytesPerSecond * 8 : bytesPerSecond);
    if (v < 999.5) {
      return String.valueOf(Math.round(v));
    }
    int i = 0;
    double x = v / 1000;
    while (i < PREFIXES.length - 1 && x >= 995) {
      x /= 1000;
      i++;
    }
    if (x < 9.95) {
      return String.format(Locale.ROOT, "%.1f%c", x, PREFIXES[i]);
    }
    if (x < 99.5 || i == PREFIXES.length - 1) {
      return String.format(Locale.ROOT, "%.0f%c", x, PREFIXES[i]);
    }
    // 100..994 of a unit: two digits of the next unit, ".12M" = 120 kB/s
    return String.format(Locale.ROOT, ".%02d%c", Math.round(x / 10), PREFIXES[i + 1]);
  }

  /** Negative, NaN and infinite values (never produced by the model) show as zero. */
  private static double finite(double value) {
    return Double.isFinite(value) ? Math.max(0, value) : 0;
  }

  private static String scaled(double value, String[] units) {
    double v = finite(value);
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
