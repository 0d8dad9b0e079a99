package dev.hogwatch.ui.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogwatch.model.Accounting;
import dev.hogwatch.model.CaptureStatus;
import dev.hogwatch.model.InterfaceSample;
import dev.hogwatch.model.Refresh;
import dev.hogwatch.model.Snapshot;
import dev.hogwatch.model.TraceLine;
import dev.hogwatch.model.Units;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MenuStateTest {
  private static final long S = 1_000_000_000L;

  /** Two refreshes one second apart with {@code n} programs; program i moved (i+1) MB down. */
  private static Snapshot snapshot(int n, CaptureStatus.State state) {
    Accounting a = new Accounting(3600 * S, 1000, pid -> true, uid -> uid == 0 ? "root" : "alice");
    List<TraceLine> first = new ArrayList<>();
    List<TraceLine> second = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      first.add(new TraceLine("/usr/bin/prog" + i + " --flag", 100 + i, 1000, 0, 0));
      second.add(
          new TraceLine("/usr/bin/prog" + i + " --flag", 100 + i, 1000, 1000 * i, 1e6 * (i + 1)));
    }
    first.add(new TraceLine("unknown TCP", 0, 0, 0, 0));
    second.add(new TraceLine("unknown TCP", 0, 0, 500, 700));
    a.apply(new Refresh(10 * S, 1, first));
    a.apply(new Refresh(11 * S, 1, second));
    a.apply(new InterfaceSample(10 * S, List.of(new InterfaceSample.Counter("eth0", 0, 0))));
    a.apply(new InterfaceSample(11 * S, List.of(new InterfaceSample.Counter("eth0", 4000, 2000))));
    return a.snapshot(Instant.EPOCH, 11 * S, CaptureStatus.of(state, "x"), 0);
  }

  @Test
  void topProgramsByBytesWithDetailsAndUnattributedSeparately() {
    MenuState m =
        MenuState.of(
            snapshot(10, CaptureStatus.State.RUNNING), Units.Mode.BYTES, List.of(), false, 8);
    assertEquals(8, m.processes().size());
    MenuState.Program top = m.processes().get(0);
    assertEquals("prog9   ↓ 10.0 MB  ↑ 9.00 kB  ·  10.0 MB/s", top.label());
    assertEquals(
        List.of(
            "pid 109",
            "user alice (1000)",
            "command /usr/bin/prog9 --flag",
            "now  ↓ 10.0 MB/s  ↑ 9.00 kB/s"),
        top.details());
    assertEquals(109, top.pid());
    assertEquals("prog2", MenuState.shortName(m.processes().get(7).name()));
    assertEquals("Unattributed   ↓ 700 B  ↑ 500 B", m.unattributed());
    assertTrue(m.status().startsWith("↓ 55.0 MB/s   ↑ 45.5 kB/s"), m.status());
    assertTrue(m.status().endsWith("live"), m.status());
    assertNull(m.fix());
    assertEquals(List.of("eth0"), m.devices());
  }

  @Test
  void bitsModeChangesRatesButNotByteCounts() {
    MenuState m =
        MenuState.of(snapshot(1, CaptureStatus.State.DEMO), Units.Mode.BITS, List.of(), false, 8);
    assertEquals("prog0   ↓ 1.00 MB  ↑ 0 B  ·  8.00 Mbit/s", m.processes().get(0).label());
    assertTrue(m.status().endsWith("demo"));
  }

  @Test
  void problemsOfferTheirFixAndTheIconFallsBackToInterfaceTotals() {
    MenuState missing =
        MenuState.of(
            snapshot(0, CaptureStatus.State.NOT_INSTALLED), Units.Mode.BYTES, List.of(), false, 8);
    assertEquals("How to install nethogs…", missing.fix());
    assertEquals(MenuState.Fix.INSTALL, missing.fixKind());
    assertTrue(missing.status().endsWith("nethogs not installed"));
    assertEquals("↓ 4.00 kB/s   ↑ 2.00 kB/s  ·  nethogs not installed", missing.status());
    assertEquals(4000, missing.iconDown(), 1e-9);
    assertEquals(2000, missing.iconUp(), 1e-9);

    MenuState denied =
        MenuState.of(
            snapshot(0, CaptureStatus.State.NO_PERMISSION), Units.Mode.BYTES, List.of(), false, 8);
    assertEquals("Grant capture permission…", denied.fix());
    assertEquals(MenuState.Fix.GRANT, denied.fixKind());
    assertEquals(4000, denied.iconDown(), 1e-9);

    MenuState otherDevice =
        MenuState.of(
            snapshot(0, CaptureStatus.State.NO_PERMISSION),
            Units.Mode.BYTES,
            List.of("wlan0"),
            false,
            8);
    assertEquals(0, otherDevice.iconDown(), 1e-9);
    assertEquals(List.of("eth0", "wlan0"), otherDevice.devices());
  }

  @Test
  void pausedShowsInTheStatusLine() {
    MenuState m =
        MenuState.of(
            snapshot(1, CaptureStatus.State.RUNNING), Units.Mode.BYTES, List.of(), true, 8);
    assertTrue(m.status().endsWith("paused"));
  }

  @Test
  void shapeChangesOnlyWithEntriesComingOrGoing() {
    MenuState a =
        MenuState.of(
            snapshot(3, CaptureStatus.State.RUNNING), Units.Mode.BYTES, List.of(), false, 8);
    MenuState b =
        MenuState.of(
            snapshot(3, CaptureStatus.State.RUNNING), Units.Mode.BITS, List.of(), false, 8);
    MenuState c =
        MenuState.of(
            snapshot(4, CaptureStatus.State.RUNNING), Units.Mode.BYTES, List.of(), false, 8);
    MenuState d =
        MenuState.of(
            snapshot(3, CaptureStatus.State.NO_PERMISSION), Units.Mode.BYTES, List.of(), false, 8);
    assertTrue(a.sameShape(b));
    assertTrue(!a.sameShape(c) && !a.sameShape(d) && !a.sameShape(null));
  }

  @Test
  void shortNamesAreTheCommandsBaseName() {
    assertEquals("python3", MenuState.shortName("/usr/bin/python3 -m http.server"));
    assertEquals("sshd", MenuState.shortName("sshd: alice@pts/0"));
    assertEquals("curl", MenuState.shortName("curl"));
    assertEquals("/", MenuState.shortName("/"));
  }

  @Test
  void aNoticeIsAddedToTheStatusLineOnlyWhenThereIsOne() {
    MenuState m =
        MenuState.of(snapshot(1, CaptureStatus.State.DEMO), Units.Mode.BYTES, List.of(), false, 8);
    assertEquals(m, m.withNotice(""));
    MenuState n = m.withNotice("history not saved");
    assertEquals(m.status() + "  ·  history not saved", n.status());
    assertTrue(n.sameShape(m), "same entries: the status text is updated in place");
  }
}
