package dev.hogwatch.ui.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogwatch.model.Units;
import dorkbox.systemTray.Checkbox;
import dorkbox.systemTray.Entry;
import dorkbox.systemTray.Menu;
import java.util.ArrayList;
import java.util.List;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;

/**
 * Interfaces ▸ follows the devices without rebuilding: each add or remove makes Dorkbox rebuild the
 * whole native menu, which leaks native memory (see TrayLeakMain), so a device that comes and goes
 * costs one add and one remove, and a renamed set of the same size costs none.
 */
class TrayMenuDevicesTest {
  private final List<String> toggled = new ArrayList<>();
  private final Menu root = new Menu();
  private final TrayMenu menu =
      new TrayMenu(
          root,
          new NoopMenuListener() {
            @Override
            public void toggleDevice(String device) {
              toggled.add(device);
            }
          },
          false,
          Units.Mode.BYTES);

  private static MenuState state(String... devices) {
    return new MenuState(
        "↓ 0 B/s   ↑ 0 B/s  ·  live",
        null,
        MenuState.Fix.NONE,
        List.of(),
        null,
        List.of(devices),
        List.of(),
        0,
        0,
        null);
  }

  private List<Checkbox> boxes() {
    for (Entry e : root.getEntries()) {
      if (e instanceof Menu m && "Interfaces".equals(m.getText())) {
        List<Checkbox> out = new ArrayList<>();
        for (Entry c : m.getEntries()) {
          out.add((Checkbox) c);
        }
        return out;
      }
    }
    throw new AssertionError("no Interfaces submenu");
  }

  private static List<String> texts(List<Checkbox> boxes) {
    return boxes.stream().map(Checkbox::getText).toList();
  }

  @Test
  void devicesAreRelabelledInPlaceAndAddedOrRemovedOnlyWhenTheCountChanges() {
    menu.show(state("eth0", "wlan0"), Units.Mode.BYTES);
    List<Checkbox> first = boxes();
    assertEquals(List.of("All", "eth0", "wlan0"), texts(first));

    // a VPN comes up: one entry added, the others untouched
    menu.show(state("eth0", "wlan0", "tun0"), Units.Mode.BYTES);
    List<Checkbox> second = boxes();
    assertEquals(List.of("All", "eth0", "wlan0", "tun0"), texts(second));
    for (int i = 0; i < first.size(); i++) {
      assertSame(first.get(i), second.get(i));
    }

    // wlan0 goes, tun0 stays: same count minus one; the surviving slots are relabelled
    assertEquals(2, menu.show(state("eth0", "tun0"), Units.Mode.BYTES), "one relabel, one remove");
    List<Checkbox> third = boxes();
    assertEquals(List.of("All", "eth0", "tun0"), texts(third));
    assertSame(first.get(2), third.get(2), "the wlan0 slot now shows tun0");

    // nothing changed: nothing touched
    assertEquals(0, menu.show(state("eth0", "tun0"), Units.Mode.BYTES));
  }

  @Test
  void aRelabelledSlotTogglesTheDeviceItShowsNow() throws Exception {
    menu.show(state("eth0", "wlan0"), Units.Mode.BYTES);
    menu.show(state("eth0", "tun0"), Units.Mode.BYTES);
    Checkbox slot = boxes().get(2);
    slot.getCallback().actionPerformed(null);
    boxes().get(0).getCallback().actionPerformed(null);
    SwingUtilities.invokeAndWait(() -> {}); // callbacks hop to the event thread
    assertEquals(java.util.Arrays.asList("tun0", null), toggled);
  }

  /** A snapshot whose capture saw eth0 and a container's veth end. */
  private static dev.hogwatch.model.Snapshot snapshotWith(String... devices) {
    long s = 1_000_000_000L;
    dev.hogwatch.model.Accounting a =
        new dev.hogwatch.model.Accounting(3600 * s, 100, pid -> true, uid -> "root");
    List<dev.hogwatch.model.InterfaceSample.Counter> zero = new ArrayList<>();
    List<dev.hogwatch.model.InterfaceSample.Counter> later = new ArrayList<>();
    for (String d : devices) {
      zero.add(new dev.hogwatch.model.InterfaceSample.Counter(d, 0, 0));
      later.add(new dev.hogwatch.model.InterfaceSample.Counter(d, 1000, 1000));
    }
    a.apply(new dev.hogwatch.model.InterfaceSample(10 * s, zero));
    a.apply(new dev.hogwatch.model.InterfaceSample(11 * s, later));
    return a.snapshot(
        java.time.Instant.EPOCH,
        11 * s,
        dev.hogwatch.model.CaptureStatus.of(dev.hogwatch.model.CaptureStatus.State.RUNNING, ""),
        0);
  }

  @Test
  void containersHostSideEndsAreNotOfferedUnlessChosen() {
    // /proc/net/dev and the capture both know the container's end; Interfaces ▸ leaves it out
    MenuState m =
        MenuState.of(
            snapshotWith("eth0", "veth1a2b3c4"),
            Units.Mode.BYTES,
            List.of("lo", "eth0", "veth1a2b3c4", "veth9f8e7d6"),
            List.of(),
            false,
            MenuState.TOP);
    assertTrue(m.devices().contains("eth0"), m.devices().toString());
    assertTrue(m.devices().stream().noneMatch(d -> d.startsWith("veth")), m.devices().toString());
    menu.show(m, Units.Mode.BYTES);
    assertTrue(
        texts(boxes()).stream().noneMatch(d -> d.startsWith("veth")), texts(boxes()).toString());

    // chosen with --device: listed
    MenuState chosen =
        MenuState.of(
            snapshotWith("veth1a2b3c4"),
            Units.Mode.BYTES,
            List.of("lo", "eth0", "veth1a2b3c4"),
            List.of("veth1a2b3c4"),
            false,
            MenuState.TOP);
    assertTrue(chosen.devices().contains("veth1a2b3c4"), chosen.devices().toString());
  }
}
