package dev.hogwatch.ui.window;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hogwatch.model.CaptureStatus;
import dev.hogwatch.model.ProcessStat;
import dev.hogwatch.model.Snapshot;
import dev.hogwatch.model.Totals;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The window's table: "Not seen by capture" is a row of its own after the processes. */
class ProcessRowsUnseenTest {
  private static Snapshot withUnseen(Totals unseen) {
    ProcessStat curl = new ProcessStat("curl", 7, 1000, "alice", 1000, 5000, 0, 0);
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
        List.of(),
        List.of(),
        unseen);
  }

  @Test
  void theRowCarriesTheUnseenBytesAndRates() {
    List<ProcessRows.Row> rows = ProcessRows.rowsOf(withUnseen(new Totals(30, 1000, 3.0, 100.0)));
    assertEquals(
        List.of("curl", "Unattributed", "Not seen by capture"),
        rows.stream().map(ProcessRows.Row::program).toList());
    ProcessRows.Row unseen = rows.get(2);
    assertEquals(Subject.UNSEEN, unseen.subject());
    assertEquals(30, unseen.sent());
    assertEquals(1000, unseen.received());
    assertEquals(100.0, unseen.downRate());
    assertEquals(
        List.of("curl", "Unattributed"),
        ProcessRows.rowsOf(withUnseen(Totals.ZERO)).stream()
            .map(ProcessRows.Row::program)
            .toList());
  }
}
