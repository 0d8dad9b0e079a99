package dev.hogwatch.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the moments people type after {@code --since} and {@code --until}: an age ({@code 90m},
 * {@code 24h}, {@code 7d}, {@code 2w}), {@code today}, {@code yesterday}, a local date ({@code
 * 2026-11-01}), a local date and time to the minute or second ({@code 2026-11-01T08:00}, {@code
 * "2026-11-01 08:00:10"}), an ISO-8601 date-time with an offset ({@code 2026-11-01T07:00:10Z},
 * {@code 2026-11-01T08:00:10+01:00}) or a time of day today ({@code 14:05}, {@code 14:05:10}).
 *
 * <p>Example: {@code hogwatch report --since 14:05:10 --until 14:05:40} is that half minute today.
 *
 * <p>A date alone means the start of that day after {@code --since} and the end of that day after
 * {@code --until}, so {@code --since 2026-11-01 --until 2026-11-01} is that whole day.
 */
final class When {
  /** Nothing was recorded before this; older ages are clamped to it. */
  static final Instant EARLIEST = Instant.EPOCH;

  private static final Pattern AGE = Pattern.compile("(\\d+)\\s*([smhdw])");
  private static final Pattern TIME_OF_DAY = Pattern.compile("\\d{1,2}:\\d{2}(:\\d{2})?");

  private When() {}

  static final String EXPECTED =
      "expected an age like 24h, 7d or 30d, today, yesterday, a time of day like 14:05 or"
          + " 14:05:10, a date like 2026-11-01 or a date and time like 2026-11-01T08:00:10";

  /**
   * @param endOfDay whether a bare date means the end of that day (for {@code --until})
   * @throws IllegalArgumentException with {@link #EXPECTED} when the text is none of these
   */
  static Instant parse(String text, Instant now, ZoneId zone, boolean endOfDay) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    Matcher m = AGE.matcher(t);
    if (m.matches()) {
      try {
        long n = Long.parseLong(m.group(1));
        Duration d =
            switch (m.group(2)) {
              case "s" -> Duration.ofSeconds(n);
              case "m" -> Duration.ofMinutes(n);
              case "h" -> Duration.ofHours(n);
              case "d" -> Duration.ofDays(n);
              default -> Duration.ofDays(Math.multiplyExact(7, n));
            };
        Instant at = now.minus(d);
        if (at.isBefore(EARLIEST)) {
          return EARLIEST;
        }
        return at;
      } catch (ArithmeticException | NumberFormatException | java.time.DateTimeException e) {
        throw new IllegalArgumentException(
            "'" + text + "' is too far back (the history cannot be older than the year 1970)", e);
      }
    }
    LocalDate today = LocalDate.ofInstant(now, zone);
    LocalDate day =
        switch (t) {
          case "today" -> today;
          case "yesterday" -> today.minusDays(1);
          default -> null;
        };
    try {
      if (TIME_OF_DAY.matcher(t).matches()) {
        String hm = t.indexOf(':') == 1 ? "0" + t : t;
        return today.atTime(LocalTime.parse(hm)).atZone(zone).toInstant();
      }
      if (day == null && t.length() == 10) {
        day = LocalDate.parse(t);
      }
      if (day != null) {
        return (endOfDay ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
      }
      String iso = t.replace(' ', 't').toUpperCase(Locale.ROOT);
      if (iso.endsWith("Z") || iso.matches(".*T[0-9:.]+[+-]\\d{2}:\\d{2}")) {
        return OffsetDateTime.parse(iso).toInstant();
      }
      return LocalDateTime.parse(iso).atZone(zone).toInstant();
    } catch (java.time.DateTimeException e) {
      throw new IllegalArgumentException(EXPECTED + ", got '" + text + "'", e);
    }
  }
}
