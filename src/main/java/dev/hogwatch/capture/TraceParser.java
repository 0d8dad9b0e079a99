package dev.hogwatch.capture;

import dev.hogwatch.model.TraceLine;

/**
 * Parses one process line of {@code nethogs -t} output, from the right, because names may contain
 * '/', spaces and even tabs are not excluded in argv.
 *
 * <p>Grammar: {@code name [" " args] "/" pid "/" uid TAB sent TAB received}. Example: {@code
 * parse("my prog/with slash/10259/0\t1.57647e+06\t16574", ViewMode.BYTES_TOTAL)} gives {@code
 * TraceLine("my prog/with slash", 10259, 0, 1576470.0, 16574.0)}.
 *
 * <p>Allocation-light and branch-simple: this runs for every line nethogs prints.
 */
public final class TraceParser {
  private TraceParser() {}

  private static final double[] POW10 = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22
  };

  /**
   * Largest value accepted, in bytes (total modes) or bytes per second (rate modes): 1 PB, more
   * than a 400 Gbit/s link carries in five hours, or in a refresh. A larger value (such as {@code
   * 1e308} or {@code 9.99999e+18}, which would overflow the byte counters) makes the line
   * unreadable.
   */
  public static final double MAX_BYTES = 1e15;

  /** True when {@code v} (already in bytes) is a value nethogs could have printed. */
  public static boolean plausible(double v) {
    return v >= 0 && v <= MAX_BYTES;
  }

  /**
   * The line converted with the mode's unit factor, or {@code null} when it is not a process line
   * (or its numbers are absurd, or its name holds a NUL byte).
   */
  public static TraceLine parse(String line, ViewMode mode) {
    int end = line.length();
    int t2 = line.lastIndexOf('\t');
    if (t2 <= 0) {
      return null;
    }
    int t1 = line.lastIndexOf('\t', t2 - 1);
    if (t1 <= 0) {
      return null;
    }
    double received = number(line, t2 + 1, end);
    double sent = number(line, t1 + 1, t2);
    if (Double.isNaN(received) || Double.isNaN(sent)) {
      return null;
    }
    int s2 = line.lastIndexOf('/', t1 - 1);
    if (s2 <= 0) {
      return null;
    }
    int s1 = line.lastIndexOf('/', s2 - 1);
    if (s1 <= 0) {
      return null;
    }
    int uid = integer(line, s2 + 1, t1);
    int pid = integer(line, s1 + 1, s2);
    if (uid < 0 || pid < 0) {
      return null;
    }
    double f = mode.factor();
    if (!plausible(sent * f) || !plausible(received * f) || line.indexOf('\0') >= 0) {
      return null;
    }
    return new TraceLine(line.substring(0, s1), pid, uid, sent * f, received * f);
  }

  /** A non-negative int from {@code s[from,to)}, or -1. */
  static int integer(String s, int from, int to) {
    if (from >= to || to - from > 10) {
      return -1;
    }
    long v = 0;
    for (int i = from; i < to; i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v > Integer.MAX_VALUE ? -1 : (int) v;
  }

  /**
   * A finite non-negative decimal or scientific number from {@code s[from,to)}, or NaN. Exact like
   * {@link Double#parseDouble} (short mantissas and small exponents are computed exactly, the rest
   * is handed to it).
   */
  static double number(String s, int from, int to) {
    if (from >= to || to - from > 40) {
      return Double.NaN;
    }
    long mantissa = 0;
    int digits = 0;
    int scale = 0;
    int i = from;
    boolean dot = false;
    for (; i < to; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        if (digits < 18) {
          mantissa = mantissa * 10 + (c - '0');
          if (mantissa != 0) {
            digits++;
          }
          if (dot) {
            scale--;
          }
        } else if (!dot) {
          scale++;
        }
      } else if (c == '.' && !dot) {
        dot = true;
      } else {
        break;
      }
    }
    if (i == from || (dot && i == from + 1)) {
      return Double.NaN; // no digits
    }
    int exp = 0;
    if (i < to) {
      char c = s.charAt(i);
      if (c != 'e' && c != 'E') {
        return Double.NaN;
      }
      i++;
      boolean neg = false;
      if (i < to && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        neg = s.charAt(i) == '-';
        i++;
      }
      if (i == to || to - i > 4) {
        return Double.NaN;
      }
      for (; i < to; i++) {
        int d = s.charAt(i) - '0';
        if (d < 0 || d > 9) {
          return Double.NaN;
        }
        exp = exp * 10 + d;
      }
      if (neg) {
        exp = -exp;
      }
    }
    int e = scale + exp;
    if (mantissa == 0) {
      return 0.0;
    }
    if (digits <= 15 && e >= -22 && e <= 22) {
      // both operands exact, one rounding: the correctly rounded result, as parseDouble gives
      return e >= 0 ? mantissa * POW10[e] : mantissa / POW10[-e];
    }
    double v = Double.parseDouble(s.substring(from, to));
    return Double.isFinite(v) ? v : Double.NaN;
  }
}
