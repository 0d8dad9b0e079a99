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
}
