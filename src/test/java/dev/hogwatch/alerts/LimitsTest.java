package dev.hogwatch.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LimitsTest {
  @Test
  void bytes() {
    assertEquals(5_000_000L, Limits.bytes("5MB"));
    assertEquals(300_000_000_000L, Limits.bytes("300GB"));
    assertEquals(1_610_612_736L, Limits.bytes("1.5GiB"));
    assertEquals(700_000L, Limits.bytes("700 kB"));
    assertEquals(2048L, Limits.bytes("2KiB"));
    assertEquals(1000L, Limits.bytes("1000"));
    assertEquals(2_000_000_000_000L, Limits.bytes("2tb".toUpperCase(java.util.Locale.ROOT)));
  }

  @Test
  void badBytesSayWhatToWrite() {
    assertEquals(
        "'5Mb' is ambiguous: write 5MB for bytes",
        assertThrows(IllegalArgumentException.class, () -> Limits.bytes("5Mb")).getMessage());
    assertEquals(
        "'lots' is not a size (examples: 5MB, 300GB, 1.5GiB)",
        assertThrows(IllegalArgumentException.class, () -> Limits.bytes("lots")).getMessage());
    assertThrows(IllegalArgumentException.class, () -> Limits.bytes("0"));
    assertThrows(IllegalArgumentException.class, () -> Limits.bytes("-5MB"));
    assertThrows(IllegalArgumentException.class, () -> Limits.bytes("5Mbit"));
  }

  @Test
  void rates() {
    assertEquals(5_000_000.0, Limits.rate("5MB/s"));
    assertEquals(5_000_000.0, Limits.rate("5MB"));
    assertEquals(5_000_000.0, Limits.rate("40Mbit/s"));
    assertEquals(5_000_000.0, Limits.rate("40Mbps"));
    assertEquals(512_000.0, Limits.rate("500KiB/s"));
    assertThrows(IllegalArgumentException.class, () -> Limits.rate("5Mb/s"));
    assertThrows(IllegalArgumentException.class, () -> Limits.rate("fast"));
  }

  @Test
  void periods() {
    assertEquals(Duration.ofSeconds(30), Limits.period("30s"));
    assertEquals(Duration.ofSeconds(30), Limits.period("30"));
    assertEquals(Duration.ofMinutes(10), Limits.period("10m"));
    assertEquals(Duration.ofHours(1), Limits.period("1h"));
    assertEquals(Duration.ofDays(1), Limits.period("1d"));
    assertEquals(Duration.ofDays(14), Limits.period("2w"));
    assertEquals("1h", Limits.period(Duration.ofHours(1)));
    assertEquals("90s", Limits.period(Duration.ofSeconds(90)));
    assertEquals("2w", Limits.period(Duration.ofDays(14)));
    assertThrows(IllegalArgumentException.class, () -> Limits.period("0s"));
    assertThrows(IllegalArgumentException.class, () -> Limits.period("soon"));
  }
}
