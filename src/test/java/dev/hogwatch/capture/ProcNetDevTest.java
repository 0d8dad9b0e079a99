package dev.hogwatch.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hogwatch.model.InterfaceSample;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProcNetDevTest {
  private static final String TEXT =
      """
      Inter-|   Receive                                                |  Transmit
       face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
          lo:  123456     100    0    0    0     0          0         0   123456     100    0    0    0     0       0          0
        eth0: 9876543210 7000    0    0    0     0          0         0 1234567     900    0    0    0     0       0          0
      wlan0:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0
      """;

  @Test
  void readsReceivedAndTransmittedBytesAndLeavesLoopbackOutByDefault() {
    InterfaceSample s = ProcNetDev.parse(TEXT, 7, Set.of());
    assertEquals(7, s.nanos());
    assertEquals(
        List.of(
            new InterfaceSample.Counter("eth0", 9876543210L, 1234567),
            new InterfaceSample.Counter("wlan0", 0, 0)),
        s.counters());
  }

  @Test
  void aDeviceListSelectsDevicesLoopbackIncludedWhenNamed() {
    assertEquals(
        List.of(new InterfaceSample.Counter("lo", 123456, 123456)),
        ProcNetDev.parse(TEXT, 0, Set.of("lo")).counters());
    assertEquals(List.of(), ProcNetDev.parse(TEXT, 0, Set.of("nosuch")).counters());
  }

  @Test
  void passwdMapsUidsToNamesAndUnknownUidsToNumbers() {
    Map<Integer, String> m =
        Passwd.parse(
            "root:x:0:0:root:/root:/bin/bash\n# comment\nalice:x:1000:1000::/home/a:/bin/sh\nbroken\n");
    assertEquals(Map.of(0, "root", 1000, "alice"), m);
    Passwd p = new Passwd(java.nio.file.Path.of("/nonexistent/passwd"));
    assertEquals("4242", p.apply(4242));
  }
}
