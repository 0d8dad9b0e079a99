package dev.hogwatch.history;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The four time resolutions history keeps, each in its own table. Seconds, minutes and hours are
 * UTC buckets numbered from the epoch; days are the local calendar days of the recording machine
 * (numbered as {@link LocalDate#toEpochDay()}), so "today" means what the user means.
 *
 * <p>Example: {@code MINUTE.bucket(Instant.parse("1970-01-01T00:02:59Z"), zone) == 2}.
 */
enum Resolution {
  SECOND("usage_sec", 1),
  MINUTE("usage_min", 60),
  HOUR("usage_hour", 3600),
  DAY("usage_day", 86400);

  final String table;
  final long seconds;

  Resolution(String table, long seconds) {
    this.table = table;
    this.seconds = seconds;
  }

  /** Number of the bucket holding {@code t}. */
  long bucket(Instant t, ZoneId zone) {
    if (this == DAY) {
      return LocalDate.ofInstant(t, zone).toEpochDay();
    }
    return Math.floorDiv(t.getEpochSecond(), seconds);
  }

  /** First instant of bucket {@code b}. */
  Instant start(long b, ZoneId zone) {
    if (this == DAY) {
      return LocalDate.ofEpochDay(b).atStartOfDay(zone).toInstant();
    }
    return Instant.ofEpochSecond(b * seconds);
  }

  /** Start of the bucket holding {@code t} (rounds down). */
  Instant floor(Instant t, ZoneId zone) {
    return start(bucket(t, zone), zone);
  }

  /** {@code t} itself when it starts a bucket, else the start of the next bucket (rounds up). */
  Instant ceil(Instant t, ZoneId zone) {
    Instant f = floor(t, zone);
    return f.equals(t) ? t : start(bucket(t, zone) + 1, zone);
  }

  /** The next finer resolution, or null for seconds. */
  Resolution finer() {
    return switch (this) {
      case SECOND -> null;
      case MINUTE -> SECOND;
      case HOUR -> MINUTE;
      case DAY -> HOUR;
    };
  }
}
