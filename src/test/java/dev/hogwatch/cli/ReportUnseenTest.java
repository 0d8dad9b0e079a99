package dev.hogwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hogwatch.model.CaptureStatus;
import dev.hogwatch.model.ProcessStat;
import dev.hogwatch.model.Snapshot;
import dev.hogwatch.model.Totals;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code top}: the unseen bytes beside the totals (JSON) and as their own row (table). */
class ReportUnseenTest {
  private static Snapshot snapshot(Totals unseen) {
    ProcessStat curl = new ProcessStat("curl", 7, 0, "root", 1000, 5000, 0, 0);
    return new Snapshot(
        Instant.EPOCH,
        0,
        List.of(curl),
        List.of(),
        curl.totals(),
        Totals.ZERO,
        List.of(),
        Totals.ZERO,
        CaptureStatus.of(CaptureStatus.State.RUNNING, ""),
        0,
        unseen);
  }

  @Test
  void jsonHasUnseenBesideTotals() throws Exception {
    JsonNode doc =
        new ObjectMapper().readTree(Report.of(snapshot(new Totals(30, 1514, 0, 0))).json());
    assertEquals(1000, doc.get("totals").get("sentBytes").asLong(), "totals: the processes only");
    assertEquals(30, doc.get("unseen").get("sentBytes").asLong());
    assertEquals(1514, doc.get("unseen").get("receivedBytes").asLong());
  }

  @Test
  void tableAddsTheRowAndItsBytesToTheTotal() {
    String t = Report.of(snapshot(new Totals(0, 1000, 0, 0))).table(0, StandardCharsets.UTF_8);
    List<String> lines = t.lines().toList();
    assertTrue(lines.get(2).startsWith("Not seen by capture "), t);
    assertTrue(lines.get(3).startsWith("TOTAL") && lines.get(3).contains("6.00 kB"), t);
    String none = Report.of(snapshot(Totals.ZERO)).table(0, StandardCharsets.UTF_8);
    assertTrue(!none.contains("Not seen"), none);
  }
}
