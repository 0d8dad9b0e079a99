package dev.hogwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The moments {@code --since} and {@code --until} accept. */
class WhenTest {
  static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  static final Instant NOW = Instant.parse("2026-11-25T14:00:00Z"); // 15:00 local

  private static String at(String text) {
    return When.parse(text, NOW, ZONE, false).toString();
  }

  @Test
  void timesOfDayAreToday() {
    assertEquals("2026-11-25T13:05:00Z", at("14:05"));
    assertEquals("2026-11-25T13:05:10Z", at("14:05:10"));
    assertEquals("2026-11-25T07:05:10Z", at("8:05:10"));
    assertEquals("2026-11-24T23:00:00Z", at("today"));
  }

  @Test
  void isoDateTimesToTheSecond() {
    assertEquals("2026-11-01T07:00:10Z", at("2026-11-01T08:00:10"));
    assertEquals("2026-11-01T07:00:10Z", at("2026-11-01 08:00:10"));
    assertEquals("2026-11-01T07:00:10Z", at("2026-11-01T07:00:10Z"));
    assertEquals("2026-11-01T06:00:10Z", at("2026-11-01T08:00:10+02:00"));
    assertEquals("2026-11-01T07:00:00Z", at("2026-11-01T08:00"));
  }

  @Test
  void nonsenseSaysWhatIsExpected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> at("25:61"));
    assertEquals(
        "expected an age like 24h, 7d or 30d, today, yesterday, a time of day like 14:05 or"
            + " 14:05:10, a date like 2026-11-01 or a date and time like 2026-11-01T08:00:10, got"
            + " '25:61'",
        e.getMessage());
  }
}
