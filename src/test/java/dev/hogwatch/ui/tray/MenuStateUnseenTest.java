package dev.hogwatch.ui.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.hogwatch.model.CaptureStatus;
import dev.hogwatch.model.ProcessStat;
import dev.hogwatch.model.Snapshot;
import dev.hogwatch.model.Totals;
import dev.hogwatch.model.Units;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tray menu's "Not seen by capture" line: there when the interfaces carried more. */
class MenuStateUnseenTest {
  static Snapshot withUnseen(Totals unseen) {
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
  void aLineWithBothDirectionsOnlyWhenSomethingWasNotSeen() {
    MenuState m =
        MenuState.of(withUnseen(new Totals(30, 1000, 0, 0)), Units.Mode.BYTES, List.of(), false, 8);
    assertEquals("Not seen by capture   ↓ 1.00 kB  ↑ 30 B", m.unseen());
    assertNull(
        MenuState.of(withUnseen(Totals.ZERO), Units.Mode.BYTES, List.of(), false, 8).unseen());
  }
}
