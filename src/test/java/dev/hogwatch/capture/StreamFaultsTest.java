package dev.hogwatch.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogwatch.model.TraceLine;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Bad input is counted and skipped; the stream keeps working after it. */
class StreamFaultsTest {

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static final byte[] GOOD_BLOCK =
      utf8("\nRefreshing:\ncurl/42/0\t1000\t10\nunknown TCP/0/0\t0\t0\n");

  @Test
  void randomBytesAreCountedAndSkippedAndValidBlocksStillCount() {
    Random r = new Random(42);
    byte[] noise = new byte[1 << 20];
    r.nextBytes(noise);
    // no accidental header in the noise
    byte[] all = concat(GOOD_BLOCK, noise, utf8("\n"), GOOD_BLOCK, utf8("\nRefreshing:\n"));
    for (List<Integer> chunks : List.of(List.<Integer>of(), List.of(1, 4096, 7, 65536))) {
      Fixtures.Assembled a = Fixtures.assemble(all, chunks, ViewMode.BYTES_TOTAL);
      assertEquals(3, a.blocks().size());
      assertEquals(
          List.of(new TraceLine("curl", 42, 0, 1000, 10)), a.blocks().get(0).subList(0, 1));
      assertEquals(new TraceLine("curl", 42, 0, 1000, 10), a.blocks().get(1).get(0));
      long noiseLines = 1 + countNewlines(noise); // each noise line is garbage or an empty line
      assertTrue(a.assembler().garbage() > 0 && a.assembler().garbage() <= noiseLines);
    }
  }

  private static long countNewlines(byte[] b) {
    long n = 0;
    for (byte x : b) {
      n += x == '\n' ? 1 : 0;
    }
    return n;
  }

  @Test
  void megabyteLinesAreSkippedWithoutKeepingThem() {
    byte[] big = new byte[1 << 20];
    Arrays.fill(big, (byte) 'x');
    byte[] all =
        concat(GOOD_BLOCK, big, utf8("/1/0\t5\t5\n"), GOOD_BLOCK, big, utf8("\n"), GOOD_BLOCK);
    Fixtures.Assembled a = Fixtures.assemble(all, List.of(100, 300_000, 1), ViewMode.BYTES_TOTAL);
    assertEquals(3, a.blocks().size());
    assertEquals(2, a.assembler().garbage(), "two 1 MB lines, counted");
    for (List<TraceLine> b : a.blocks()) {
      assertEquals(2, b.size(), "the huge lines were not taken as processes");
    }
  }

  @Test
  void truncatedLinesAreCountedAndSkipped() {
    String line = "/usr/bin/python3/9821/0\t1.89287e+07\t190430";
    StringBuilder sb = new StringBuilder("Refreshing:\n");
    for (int cut = 0; cut < line.length(); cut++) {
      sb.append(line, 0, cut).append('\n');
    }
    // only the cuts inside the last number leave a valid (smaller) line: "...\t1", "\t19",
    // "\t190", "\t1904", "\t19043"; cut 0 is an empty line (ignored), every other cut is garbage
    int parsedAnyway = 5;
    sb.append("Refreshing:\n");
    sb.append(line, 0, 20); // and the stream ends mid-line: nethogs was killed
    Fixtures.Assembled a = Fixtures.assemble(utf8(sb.toString()), List.of(), ViewMode.BYTES_TOTAL);
    // a cut inside the last number still reads as a (smaller) valid line; every other cut is
    // garbage. The unterminated tail is skipped, not parsed.
    assertEquals(line.length() - 1 - parsedAnyway + 1, a.assembler().garbage());
    assertEquals(2, a.blocks().size());
    assertEquals(parsedAnyway, a.blocks().get(0).size());
    assertEquals(
        List.of(1L, 19L, 190L, 1904L, 19043L),
        a.blocks().get(0).stream().map(l -> Math.round(l.received())).toList());
    assertEquals(0, a.blocks().get(1).size());
  }
}
