package dev.hogwatch.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hogwatch.model.TraceLine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlockAssemblerTest {

  @Test
  void blockIsCompleteOnlyWhenTheNextHeaderArrives() {
    List<List<TraceLine>> blocks = new ArrayList<>();
    BlockAssembler a = new BlockAssembler(ViewMode.BYTES_TOTAL, blocks::add);
    a.line("Adding local address: 10.77.1.1");
    a.line("Ethernet link detected");
    a.line("");
    a.line("Refreshing:");
    a.line("iperf3/8446/0\t526307\t1736");
    assertEquals(0, blocks.size());
    a.line("unknown TCP/0/0\t0\t0");
    a.line("");
    assertEquals(0, blocks.size());
    a.line("Refreshing:");
    assertEquals(1, blocks.size());
    assertEquals(2, blocks.get(0).size());
    a.line("iperf3/8446/0\t600000\t1800");
    a.finish(); // process exit completes the open block
    assertEquals(2, blocks.size());
    assertEquals(3, a.startupLines()); // the empty line before the first header too
    assertEquals(0, a.garbage());
  }

  @Test
  void unknownConnectionLinesJoinTheirBlockAsConnections() {
    // as nethogs 0.8.7 printed it for traffic masqueraded from another namespace
    List<List<TraceLine>> blocks = new ArrayList<>();
    BlockAssembler a = new BlockAssembler(ViewMode.BYTES_TOTAL, blocks::add);
    a.line("Refreshing:");
    a.line("unknown TCP/0/0	1.64273e+06	3069");
    a.line("Unknown connection: 10.213.1.1:34110-10.213.1.2:5201");
    a.line("Unknown connection: ");
    a.finish();
    assertEquals(
        List.of(
            new TraceLine("unknown TCP", 0, 0, 1642730, 3069),
            TraceLine.unknownConnection("10.213.1.1:34110-10.213.1.2:5201")),
        blocks.get(0));
    assertEquals(1, a.garbage(), "a connection line without a connection is garbage");
  }

  @Test
  void aQuietGapClosesTheBlockWithItsHeaderTime() {
    long[] now = {1_000};
    List<String> got = new ArrayList<>();
    BlockAssembler a =
        new BlockAssembler(
            ViewMode.BYTES_TOTAL,
            (nanos, lines) -> got.add(nanos + ":" + lines.size()),
            null,
            () -> now[0]);
    a.line("Adding local address: 10.77.1.1");
    now[0] = 5_000;
    a.line("Refreshing:");
    now[0] = 5_010;
    a.line("iperf3/8446/0\t526307\t1736");
    a.line("unknown TCP/0/0\t0\t0");
    now[0] = 5_050;
    assertEquals(60, a.closeIfQuiet(100), "60 ns of quiet still to wait");
    assertEquals(List.of(), got);
    now[0] = 5_110;
    assertEquals(0, a.closeIfQuiet(100));
    assertEquals(List.of("5000:2"), got, "timed by its header");
    assertEquals(0, a.closeIfQuiet(100), "nothing open");
    a.line("late/1/0\t1\t1"); // should nethogs print more of it: skipped, counted
    a.line("");
    now[0] = 6_000;
    a.line("Refreshing:");
    a.line("iperf3/8446/0\t600000\t1800");
    a.finish();
    assertEquals(List.of("5000:2", "6000:1"), got);
    assertEquals(1, a.lateLines());
    assertEquals(1, a.startupLines());
    assertEquals(0, a.garbage());
  }

  @Test
  void blocksSplitAcrossReadsAreReassembledAsRecorded() {
    // b_v2: a block arrived as 39 + 20 bytes ('unknown TCP…' in a second read), see chunks.tsv
    Path b = Fixtures.dir("b_v2_total_bytes_single_tcp");
    byte[] bytes = Fixtures.stdout(b);
    List<Integer> chunks = Fixtures.chunkSizes(b);
    Fixtures.Assembled whole = Fixtures.assemble(bytes, List.of(), ViewMode.BYTES_TOTAL);
    Fixtures.Assembled split = Fixtures.assemble(bytes, chunks, ViewMode.BYTES_TOTAL);
    Fixtures.Assembled bytewise =
        Fixtures.assemble(
            bytes, java.util.Collections.nCopies(bytes.length, 1), ViewMode.BYTES_TOTAL);
    assertEquals(10, whole.blocks().size()); // -c 10
    assertEquals(whole.blocks(), split.blocks());
    assertEquals(whole.blocks(), bytewise.blocks());
  }

  @Test
  void utf8NamesSurviveAnySplit() {
    byte[] bytes =
        "Refreshing:\nprogrammé ü/7/1000\t1\t2\nRefreshing:\n".getBytes(StandardCharsets.UTF_8);
    for (int cut = 1; cut < bytes.length; cut++) {
      Fixtures.Assembled a = Fixtures.assemble(bytes, List.of(cut), ViewMode.BYTES_TOTAL);
      assertEquals("programmé ü", a.blocks().get(0).get(0).name(), "cut at " + cut);
    }
  }
}
