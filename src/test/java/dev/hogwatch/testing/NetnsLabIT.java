package dev.hogwatch.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class NetnsLabIT {

  @Test
  void twoLabsAreIsolatedAndCountTrafficAndAreRemovedOnClose() throws Exception {
    Assumptions.assumeTrue(NetnsLab.unavailable().isEmpty(), () -> NetnsLab.unavailable().get());
    Assumptions.assumeTrue(NetnsLab.onPath("iperf3"), "needs iperf3 (apt install iperf3)");
    String ns;
    try (NetnsLab lab = NetnsLab.create();
        NetnsLab other = NetnsLab.create()) {
      ns = lab.nsA();
      assertFalse(lab.nsA().equals(other.nsA()));
      assertTrue(lab.vethA().length() <= 15, "device names must fit IFNAMSIZ");
      long before = lab.txBytes(lab.nsA(), lab.vethA());
      Path log = Files.createTempFile("netnslab", ".log");
      lab.start(lab.nsB(), log, "iperf3", "-s", "-B", lab.addrB());
      IperfClient.awaitServer(lab, lab.nsA(), lab.addrB());
      lab.run(lab.nsA(), 30, "iperf3", "-c", lab.addrB(), "-n", "1M");
      Files.deleteIfExists(log);
      long sent = lab.txBytes(lab.nsA(), lab.vethA()) - before;
      assertTrue(sent >= 1 << 20, "1 MiB sent, kernel counted " + sent);
      assertEquals(
          lab.txBytes(lab.nsA(), lab.vethA()),
          lab.rxBytes(lab.nsB(), lab.vethB()),
          "what A sends, B receives");
    }
    assertFalse(
        Files.exists(Path.of("/run/netns", ns)), "namespace " + ns + " still exists after close");
  }
}
