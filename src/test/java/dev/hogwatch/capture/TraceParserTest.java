package dev.hogwatch.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.hogwatch.model.TraceLine;
import org.junit.jupiter.api.Test;

class TraceParserTest {

  private static TraceLine v2(String line) {
    return TraceParser.parse(line, ViewMode.BYTES_TOTAL);
  }

  @Test
  void parsesFromTheRightSoNamesMayHoldSlashesAndSpaces() {
    assertEquals(
        new TraceLine("my prog/with slash", 10259, 0, 1576470.0, 16574.0),
        v2("my prog/with slash/10259/0\t1.57647e+06\t16574"));
    assertEquals(
        new TraceLine("/usr/bin/python3 /opt/x y/send.py --out /a/b.json", 10257, 1001, 5, 0),
        v2("/usr/bin/python3 /opt/x y/send.py --out /a/b.json/10257/1001\t5\t0"));
  }

  @Test
  void pidZeroLinesAreUnattributed() {
    TraceLine t = v2("10.77.1.1:50982-10.77.1.2:6002/0/0\t514706\t16574");
    assertEquals("10.77.1.1:50982-10.77.1.2:6002", t.name());
    assertEquals(true, t.unattributed());
    assertEquals(new TraceLine("unknown TCP", 0, 0, 0, 0), v2("unknown TCP/0/0\t0\t0"));
  }

  @Test
  void numbersMatchParseDoubleExactly() {
    for (String n :
        new String[] {
          "0", "526307", "1.57647e+06", "897.5", "0.339063", "9.80323e-05", "3.23355e-07",
          "1.10641e-06", "0.0073204", "123456789012345678901234", "1e+300", "5001.47", ".5", "7.",
          "1E3"
        }) {
      assertEquals(Double.parseDouble(n), TraceParser.number(n, 0, n.length()), n);
    }
  }

  @Test
  void unitsFollowTheViewMode() {
    assertEquals(5001.47 * 1024, TraceParser.parse("x/1/0\t5001.47\t0", ViewMode.KB_TOTAL).sent());
    assertEquals(
        4.88425 * 1048576, TraceParser.parse("x/1/0\t4.88425\t0", ViewMode.MB_TOTAL).sent());
    assertEquals(
        0.000855923 * 1073741824.0,
        TraceParser.parse("x/1/0\t0.000855923\t0", ViewMode.GB_RATE).sent());
    assertEquals(ViewMode.MB_TOTAL, ViewMode.of(9)); // nethogs reads -v modulo 6
  }

  @Test
  void rejectsWhatIsNotAProcessLine() {
    for (String bad :
        new String[] {
          "",
          "Refreshing:",
          "Adding local address: 10.77.1.1",
          "Unknown connection: 10.0.0.1:5-10.0.0.2:6",
          "iperf3/8446/0\t526307",
          "iperf3/8446/0\t5263a7\t1",
          "iperf3/x/0\t1\t1",
          "iperf3/8446\t1\t1",
          "/8446/0\t1\t1",
          "iperf3/8446/0\t-1\t1",
          "iperf3/8446/0\tnan\t1",
          "iperf3/8446/0\t1e\t1",
          "iperf3/99999999999/0\t1\t1",
          "iperf3/8446/0\t1\t"
        }) {
      assertNull(v2(bad), bad);
    }
  }
}
