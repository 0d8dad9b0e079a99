package dev.hogwatch;

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
    java.util.List<String> devices =
        dev.hogwatch.capture.ProcNetDev.parse(
                java.nio.file.Files.readString(dev.hogwatch.capture.ProcNetDev.FILE),
                0,
                java.util.Set.of())
            .counters()
            .stream()
            .map(c -> c.device())
            .toList();
    assertTrue(!devices.isEmpty(), "a machine with a network device");
    Engine e = Engine.start(Engine.Options.defaults().withDemo(true));
    try {
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (e.hub().latest().interfaces().size() < devices.size()
          && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertEquals(devices.size(), e.hub().latest().interfaces().size());
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
