package dev.hogwatch.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test-side Prometheus text parser accepts valid expositions and rejects invalid ones. */
class PromTextTest {

  @Test
  void parsesFamiliesLabelsEscapesAndSpecialValues() {
    PromText p =
        PromText.parse(
            """
            # HELP a_bytes Bytes \\\\ sent
            # TYPE a_bytes counter
            a_bytes_total{program="/usr/bin/x \\"y\\"",user="bob"} 1.5e+06
            a_bytes_total{program="line\\nbreak",user="bob"} 3
            # TYPE up gauge
            up NaN
            up2 +Inf 1700000000000
            """);
    assertEquals("counter", p.types.get("a_bytes"));
    assertEquals("Bytes \\ sent", p.help.get("a_bytes"));
    assertEquals(
        1.5e6,
        p.value("a_bytes_total", Map.of("program", "/usr/bin/x \"y\"", "user", "bob")).get());
    assertEquals(
        3.0, p.value("a_bytes_total", Map.of("program", "line\nbreak", "user", "bob")).get());
    assertEquals(Double.POSITIVE_INFINITY, p.value("up2", Map.of()).get());
  }

  @Test
  void rejectsMalformedExpositions() {
    String[] bad = {
      "1abc 3\n", // bad name
      "a{b=c} 1\n", // unquoted value
      "a{b=\"c\\x\"} 1\n", // bad escape
      "a{b=\"c\"} one\n", // bad number
      "a 1\nb 2\na 3\n", // family not contiguous
      "a{x=\"1\"} 1\na{x=\"1\"} 2\n", // duplicate series
      "# TYPE c counter\nc 1\n", // counter sample without _total
      "a 1\n# TYPE a gauge\n", // TYPE after samples
      "a{b=\"c\" 1\n", // unterminated labels
      "a 1", // no final newline
    };
    for (String b : bad) {
      assertThrows(IllegalArgumentException.class, () -> PromText.parse(b), b);
    }
  }
}
