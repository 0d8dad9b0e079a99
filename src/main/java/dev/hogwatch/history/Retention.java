package dev.hogwatch.history;

import java.time.Duration;
import java.util.Locale;

/**
 * How long each resolution is kept. A zero duration means for ever.
 *
 * <p>Example: {@code Retention.parse("second=12h,day=forever")} keeps per-second rows for 12 hours,
 * daily rows for ever and everything else at the {@link #DEFAULT}s (1 s for 24 h, 1 min for 31
 * days, 1 h for 366 days, 1 day for ever, per-process minutes for 48 h).
 *
 * @param seconds how long per-second rows are kept
 * @param minutes how long per-minute rows are kept
 * @param hours how long per-hour rows are kept
 * @param days how long per-day rows are kept (zero: for ever)
 * @param processes how long per-process (pid) rows, one per minute, are kept
 */
public record Retention(
    Duration seconds, Duration minutes, Duration hours, Duration days, Duration processes) {

  /** 24 h of seconds, 31 days of minutes, 366 days of hours, days for ever, 48 h of pids. */
  public static final Retention DEFAULT =
      new Retention(
          Duration.ofHours(24),
          Duration.ofDays(31),
          Duration.ofDays(366),
          Duration.ZERO,
          Duration.ofHours(48));

  Duration of(Resolution r) {
    return switch (r) {
      case SECOND -> seconds;
      case MINUTE -> minutes;
      case HOUR -> hours;
      case DAY -> days;
    };
  }

  /**
   * Parses {@code key=duration} pairs separated by commas; keys are {@code second}, {@code minute},
   * {@code hour}, {@code day}, {@code process}; durations are a number with {@code s}, {@code m},
   * {@code h} or {@code d}, or {@code forever}. Keys not given keep their default.
   *
   * @throws IllegalArgumentException with a message for people when the text is malformed
   */
  public static Retention parse(String text) {
    Duration[] d = {
      DEFAULT.seconds, DEFAULT.minutes, DEFAULT.hours, DEFAULT.days, DEFAULT.processes
    };
    for (String part : text.split(",", -1)) {
      String[] kv = part.trim().split("=", 2);
      if (kv.length != 2) {
        throw new IllegalArgumentException(
            "expected key=duration (e.g. second=24h,minute=30d), got '" + part.trim() + "'");
      }
      int i =
          switch (kv[0].trim().toLowerCase(Locale.ROOT)) {
            case "second", "seconds" -> 0;
            case "minute", "minutes" -> 1;
            case "hour", "hours" -> 2;
            case "day", "days" -> 3;
            case "process", "processes", "pid" -> 4;
            default ->
                throw new IllegalArgumentException(
                    "unknown resolution '"
                        + kv[0].trim()
                        + "' (use second, minute, hour, day or process)");
          };
      d[i] = duration(kv[1].trim());
    }
    if (!d[0].isZero() && d[0].compareTo(Duration.ofMinutes(1)) < 0) {
      throw new IllegalArgumentException("keep seconds for at least 1m");
    }
    return new Retention(d[0], d[1], d[2], d[3], d[4]);
  }

  /** {@code 90s}, {@code 15m}, {@code 24h}, {@code 30d} or {@code forever}. */
  static Duration duration(String s) {
    String t = s.toLowerCase(Locale.ROOT);
    if (t.equals("forever")) {
      return Duration.ZERO;
    }
    if (t.length() < 2) {
      throw new IllegalArgumentException("bad duration '" + s + "' (e.g. 24h, 30d, forever)");
    }
    long n;
    try {
      n = Long.parseLong(t.substring(0, t.length() - 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad duration '" + s + "' (e.g. 24h, 30d, forever)", e);
    }
    if (n <= 0) {
      throw new IllegalArgumentException("duration must be positive: '" + s + "'");
    }
    return switch (t.charAt(t.length() - 1)) {
      case 's' -> Duration.ofSeconds(n);
      case 'm' -> Duration.ofMinutes(n);
      case 'h' -> Duration.ofHours(n);
      case 'd' -> Duration.ofDays(n);
      default ->
          throw new IllegalArgumentException("bad duration '" + s + "' (e.g. 24h, 30d, forever)");
    };
  }
}
