package dev.hogwatch.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogwatch.model.CaptureStatus;
import dev.hogwatch.model.Snapshot;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class EngineDemoTest {

  @Test
  void demoModeFeedsTheHubWithTheRecordedProcesses() throws Exception {
    Engine e = Engine.start(Engine.Options.defaults().withDemo(true));
    try {
      CountDownLatch traffic = new CountDownLatch(1);
      AtomicReference<Snapshot> seen = new AtomicReference<>();
      e.hub()
          .addListener(
              s -> {
                if (s.capture().state() == CaptureStatus.State.DEMO && s.totals().sentBytes() > 0) {
                  seen.set(s);
                  traffic.countDown();
                }
              });
      assertTrue(traffic.await(10, TimeUnit.SECONDS), "no demo traffic within 10 s");
      Snapshot s = seen.get();
      assertEquals("/usr/bin/python3", s.processes().get(0).name());
      assertEquals(9821, s.processes().get(0).pid());
      assertTrue(e.controls().devices().isEmpty());
    } finally {
      e.controls().shutdown();
    }
    assertEquals(CaptureStatus.State.STOPPED, e.hub().latest().capture().state());
  }

  @Test
  void setDevicesFiltersInterfaceTotals() throws Exception {
    // the kernel's own list of this namespace's devices; the program counts all but loopback
    java.util.List<String> devices;
    try (java.util.stream.Stream<java.nio.file.Path> l =
        java.nio.file.Files.list(java.nio.file.Path.of("/sys/class/net"))) {
      devices =
          l.map(p -> p.getFileName().toString()).filter(d -> !d.equals("lo")).sorted().toList();
    }
    assertTrue(!devices.isEmpty(), "a machine with a network device");
    Engine e = Engine.start(Engine.Options.defaults().withDemo(true));
    try {
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (e.hub().latest().interfaces().size() < devices.size()
          && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertEquals(
          devices,
          e.hub().latest().interfaces().stream().map(i -> i.name()).sorted().toList(),
          "every device but lo");
      e.controls().setDevices(java.util.List.of(devices.get(0)));
      e.hub().flush();
      assertEquals(java.util.List.of(devices.get(0)), e.controls().devices());
      assertEquals(
          java.util.List.of(devices.get(0)),
          e.hub().latest().interfaces().stream().map(i -> i.name()).toList());
      e.controls().setDevices(java.util.List.of("nosuchdev0"));
      e.hub().flush();
      assertEquals(0, e.hub().latest().interfaces().size(), "only selected devices count");
      assertEquals(0, e.hub().latest().interfaceTotals().totalBytes());
    } finally {
      e.controls().shutdown();
    }
  }
}
