package dev.hogwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hogwatch.model.AppId;
import dev.hogwatch.model.AppStat;
import dev.hogwatch.model.CaptureStatus;
import dev.hogwatch.model.ProcessStat;
import dev.hogwatch.model.Snapshot;
import dev.hogwatch.model.Totals;
import dev.hogwatch.model.UserStat;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code top}: the unseen bytes beside the totals (JSON) and as their own row (table). */
class ReportUnseenTest {
  private static Snapshot snapshot(Totals unseen) {
    ProcessStat curl = new ProcessStat("curl", 7, 0, "root", 1000, 5000, 0, 0);
    AppStat app =
        new AppStat(AppId.exe("curl"), 0, "root", 1000, 5000, 0, 0, List.of(7), List.of(curl));
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
        List.of(app),
        List.of(new UserStat("root", 0, 1000, 5000, 0, 0)),
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

  @Test
  void byApplicationAndByUserTheRowAndTheFieldStay() throws Exception {
    Snapshot s = snapshot(new Totals(0, 1000, 0, 0));
    for (Report.By by : List.of(Report.By.APP, Report.By.USER)) {
      JsonNode doc = new ObjectMapper().readTree(Report.of(s, by).json());
      assertEquals(1000, doc.get("unseen").get("receivedBytes").asLong(), by.toString());
      assertEquals(5000, doc.get("totals").get("receivedBytes").asLong(), by.toString());
      List<String> lines = Report.of(s, by).table(0, StandardCharsets.UTF_8).lines().toList();
      assertTrue(lines.get(1).startsWith(by == Report.By.APP ? "curl " : "root "), lines.get(1));
      assertTrue(lines.get(2).startsWith("Not seen by capture "), String.join("\n", lines));
      assertTrue(
          lines.get(3).startsWith("TOTAL") && lines.get(3).contains("6.00 kB"), lines.get(3));
    }
  }
}
