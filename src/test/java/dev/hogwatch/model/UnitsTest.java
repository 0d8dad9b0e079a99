package dev.hogwatch.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogwatch.model.Units.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every boundary of every unit: the last value shown in the smaller unit or precision, and the
 * first one shown in the next. Decimal prefixes, at most three significant digits.
 */
class UnitsTest {

  @ParameterizedTest(name = "bytes({0}) = {1}")
  @CsvSource({
    "0, 0 B",
    "1, 1 B",
    "999, 999 B",
    "1000, 1.00 kB",
    "1234, 1.23 kB",
    "1235, 1.24 kB",
    "9994, 9.99 kB",
    "9995, 10.0 kB",
    "99949, 99.9 kB",
    "99950, 100 kB",
    "999499, 999 kB",
    "999500, 1.00 MB",
    "9994999, 9.99 MB",
    "9995000, 10.0 MB",
    "99949999, 99.9 MB",
    "99950000, 100 MB",
    "999499999, 999 MB",
    "999500000, 1.00 GB",
    "9994999999, 9.99 GB",
    "9995000000, 10.0 GB",
    "99949999999, 99.9 GB",
    "99950000000, 100 GB",
    "999499999999, 999 GB",
    "999500000000, 1.00 TB",
    "9995000000000, 10.0 TB",
    "99950000000000, 100 TB",
    "999499999999999, 999 TB",
    "999500000000000, 1.00 PB",
    "99950000000000000, 100 PB",
    "999499999999999999, 999 PB",
    "999500000000000000, 1.00 EB",
    "9223372036854775807, 9.22 EB",
    "-5, 0 B",
  })
  void bytes(long bytes, String expected) {
    assertEquals(expected, Units.bytes(bytes));
  }

  @ParameterizedTest(name = "rate({0} B/s, BYTES) = {1}")
  @CsvSource({
    "0, 0 B/s",
    "0.49, 0 B/s",
    "0.5, 1 B/s",
    "999.49, 999 B/s",
    "999.5, 1.00 kB/s",
    "9994.9, 9.99 kB/s",
    "9995, 10.0 kB/s",
    "99949, 99.9 kB/s",
    "99950, 100 kB/s",
    "999499, 999 kB/s",
    "999500, 1.00 MB/s",
    "2500000, 2.50 MB/s",
    "9995000, 10.0 MB/s",
    "99950000, 100 MB/s",
    "999500000, 1.00 GB/s",
    "9900000000, 9.90 GB/s",
    "9995000000, 10.0 GB/s",
    "999500000000, 1.00 TB/s",
  })
  void byteRates(double bytesPerSecond, String expected) {
    assertEquals(expected, Units.rate(bytesPerSecond, Mode.BYTES));
  }

  @ParameterizedTest(name = "rate({0} B/s, BITS) = {1}")
  @CsvSource({
    "0, 0 bit/s",
    "1, 8 bit/s",
    "124.9, 999 bit/s",
    "124.9375, 1.00 kbit/s",
    "1249.3, 9.99 kbit/s",
    "1249.375, 10.0 kbit/s",
    "12493.6, 99.9 kbit/s",
    "12493.75, 100 kbit/s",
    "124937.4, 999 kbit/s",
    "124937.5, 1.00 Mbit/s",
    "1249375, 10.0 Mbit/s",
    "2500000, 20.0 Mbit/s",
    "12493750, 100 Mbit/s",
    "124937500, 1.00 Gbit/s",
    "1249375000, 10.0 Gbit/s",
    "9900000000, 79.2 Gbit/s",
    "12493750000, 100 Gbit/s",
    "124937500000, 1.00 Tbit/s",
  })
  void bitRates(double bytesPerSecond, String expected) {
    assertEquals(expected, Units.rate(bytesPerSecond, Mode.BITS));
  }

  @ParameterizedTest(name = "compact({0} B/s, {1}) = {2}")
  @CsvSource({
    "0, BYTES, 0",
    "0.49, BYTES, 0",
    "1, BYTES, 1",
    "999.49, BYTES, 999",
    "999.5, BYTES, 1.0k",
    "1049, BYTES, 1.0k",
    "1050, BYTES, 1.1k",
    "9949, BYTES, 9.9k",
    "9950, BYTES, 10k",
    "99499, BYTES, 99k",
    "99500, BYTES, .10M",
    "120000, BYTES, .12M",
    "994999, BYTES, .99M",
    "995000, BYTES, 1.0M",
    "9950000, BYTES, 10M",
    "99500000, BYTES, .10G",
    "995000000, BYTES, 1.0G",
    "9900000000, BYTES, 9.9G",
    "9950000000, BYTES, 10G",
    "99500000000, BYTES, .10T",
    "995000000000, BYTES, 1.0T",
    "1, BITS, 8",
    "124.9, BITS, 999",
    "125, BITS, 1.0k",
    "12437, BITS, 99k",
    "12437.5, BITS, .10M",
    "124375, BITS, 1.0M",
    "9900000000, BITS, 79G",
    "12437500000, BITS, .10T",
  })
  void compact(double bytesPerSecond, Mode mode, String expected) {
    assertEquals(expected, Units.compact(bytesPerSecond, mode));
  }

  @Test
  void compactNeverExceedsFourCharactersUpTo10GBps() {
    for (double v = 0; v < 1e10; v = v * 1.01 + 1) {
      for (Mode m : Mode.values()) {
        String s = Units.compact(v, m);
        assertTrue(s.length() <= 4, s);
      }
    }
  }

  @Test
  void invalidRatesShowAsZero() {
    assertEquals("0 B/s", Units.rate(Double.NaN, Mode.BYTES));
    assertEquals("0 bit/s", Units.rate(Double.POSITIVE_INFINITY, Mode.BITS));
    assertEquals("0 B/s", Units.rate(-1, Mode.BYTES));
    assertEquals("0", Units.compact(Double.NaN, Mode.BYTES));
  }
}
