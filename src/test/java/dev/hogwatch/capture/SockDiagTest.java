package dev.hogwatch.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The kernel's real socket list, read through netlink: a loopback connection of this JVM. */
class SockDiagTest {

  @Test
  void aLiveConnectionIsListedWithItsTupleUidInodeAndBytesThenItsDestroyIsNoticed()
      throws Exception {
    try (SockDiag diag = SockDiag.open();
        ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Socket client = new Socket();
      client.connect(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
      Socket accepted = server.accept();
      OutputStream out = client.getOutputStream();
      out.write(new byte[100_000]);
      out.flush();
      InputStream in = accepted.getInputStream();
      byte[] buf = new byte[8192];
      int got = 0;
      while (got < 100_000) {
        got += in.read(buf);
      }
      String tuple = "127.0.0.1:" + client.getLocalPort() + "-127.0.0.1:" + server.getLocalPort();
      Optional<SockDiag.Sock> s =
          diag.dump().stream().filter(x -> x.tuple().equals(tuple)).findFirst();
      assertTrue(s.isPresent(), "listed: " + tuple);
      assertEquals(SockDiag.IPPROTO_TCP, s.get().protocol());
      assertEquals(
          ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue(),
          s.get().uid());
      assertTrue(s.get().inode() > 0);
      boolean ours;
      try (java.util.stream.Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
        ours =
            fds.anyMatch(
                fd -> {
                  try {
                    return Files.readSymbolicLink(fd)
                        .toString()
                        .equals("socket:[" + s.get().inode() + "]");
                  } catch (java.io.IOException e) {
                    return false;
                  }
                });
      }
      assertTrue(ours, "the inode is one of our fds");
      // tcpi_bytes_acked counts the SYN too
      long acked = s.get().payloadSent();
      assertTrue(acked >= 100_000 && acked <= 100_001, "acked " + acked);
      assertTrue(s.get().segmentsOut() >= 2);
      client.close();
      accepted.close();
      if (diag.hasEvents()) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        boolean destroyed = false;
        while (!destroyed && System.nanoTime() < deadline) {
          List<SockDiag.Sock> events = diag.events();
          destroyed = events.stream().anyMatch(e -> e.cookie() == s.get().cookie());
          Thread.sleep(20);
        }
        assertTrue(destroyed, "destroy notice for " + tuple);
      }
    }
  }

  @Test
  void ipv6AddressesAreWrittenAsNethogsWritesThem() {
    assertEquals("::1", SockDiag.compress("0:0:0:0:0:0:0:1"));
    assertEquals("fe80::1:2", SockDiag.compress("fe80:0:0:0:0:0:1:2"));
    assertEquals("2001:db8::", SockDiag.compress("2001:db8:0:0:0:0:0:0"));
    assertEquals("1:0:2:3:4:5:6:7", SockDiag.compress("1:0:2:3:4:5:6:7"));
  }
}
