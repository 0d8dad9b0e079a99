package dev.hogwatch.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link NetNamespaces} on a fake {@code /proc} with three network namespaces. */
class NetNamespacesTest {
  private static final String HEADER =
      "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout"
          + " inode\n";

  /** A tcp table row: addresses as the kernel prints them (little-endian words). */
  private static String row(String local, String remote, long inode) {
    return "   0: "
        + local
        + " "
        + remote
        + " 01 00000000:00000000 00:00000000 00000000     0        0 "
        + inode
        + " 1 0000000000000000 20 4 30 10 -1\n";
  }

  // 172.17.0.2:40112 -> 10.0.3.5:443, as a container sees its connection
  private static final String CONTAINER_SIDE = row("020011AC:9CB0", "0503000A:01BB", 555);
  private static final String TUPLE = "10.0.3.1:40112-10.0.3.5:443";

  @TempDir Path tmp;
  private FakeProc fs;
  private final AtomicLong clock = new AtomicLong(10_000_000_000L);
  private NetNamespaces ns;

  @BeforeEach
  void setUp() {
    fs = new FakeProc(tmp);
    fs.link("self/ns/net", "net:[4026531840]");
    fs.write("self/net/tcp", HEADER + row("0100007F:0016", "0100007F:C350", 111));
    // pid 10: our namespace (skipped); pids 20, 21: the container; pid 30: a quiet namespace
    fs.process(10, 1, 5, "0::/init.scope\n", null).link("10/ns/net", "net:[4026531840]");
    fs.write("10/net/tcp", HEADER + row("0100007F:0016", "0100007F:C350", 111));
    fs.process(20, 1, 5, "0::/system.slice/docker-abc.scope\n", null);
    fs.link("20/ns/net", "net:[4026532001]");
    fs.write("20/net/tcp", HEADER + CONTAINER_SIDE);
    fs.process(21, 20, 5, "0::/system.slice/docker-abc.scope\n", null);
    fs.link("21/ns/net", "net:[4026532001]");
    fs.write("21/net/tcp", HEADER + CONTAINER_SIDE);
    fs.process(30, 1, 5, "0::/x.scope\n", null).link("30/ns/net", "net:[4026532002]");
    fs.write("30/net/tcp", HEADER);
    ns = new NetNamespaces(fs.proc(), clock::get, 1_000_000_000L);
  }

  @Test
  void translatedConnectionIsFoundInTheContainersNamespace() {
    assertEquals(20, ns.find(TUPLE), "the namespace's representative (lowest pid)");
    // the same connection named from the far end is the peer's, not this container's
    assertEquals(-1, ns.find("10.0.3.5:443-10.0.3.1:40112"));
    assertEquals(1, ns.scans());
  }

  @Test
  void thePeersSocketInAnotherLocalNamespaceIsNotTheOwner() {
    // pid 15 (scanned first): the server the container talks to, in a namespace of this machine as
    // well
    fs.process(15, 1, 5, "0::/\n", null).link("15/ns/net", "net:[4026532003]");
    fs.write("15/net/tcp", HEADER + row("0503000A:01BB", "0103000A:9CB0", 999));
    assertEquals(20, ns.find(TUPLE));
  }

  @Test
  void theProcessHoldingTheSocketWinsWhereItsDescriptorsAreReadable() {
    fs.link("21/fd/0", "/dev/null").link("21/fd/7", "socket:[555]");
    assertEquals(21, ns.find(TUPLE));
  }

  @Test
  void ourOwnNamespaceIsNeverAnswered() {
    assertEquals(-1, ns.find("127.0.0.1:22-127.0.0.1:50000"));
  }

  @Test
  void aNamespaceWhoseLinkIsUnreadableIsSkippedWhenItsSocketsAreOurs() {
    // pid 40 of another user: no ns link, its tables are ours (same socket inode)
    fs.process(40, 1, 5, "0::/user.slice/user-1001.slice/session-9.scope\n", null);
    fs.write("40/net/tcp", HEADER + row("0100007F:0016", "0100007F:C350", 111));
    assertEquals(-1, ns.find("127.0.0.1:22-127.0.0.1:50000"));
  }

  @Test
  void atMostOneScanPerIntervalAndNoneWithoutATuple() {
    assertEquals(-1, ns.find("unknown TCP"));
    assertEquals(0, ns.scans(), "no tuple, no scan");
    assertEquals(-1, ns.find("10.0.9.9:1000-10.0.3.5:443"));
    assertEquals(-1, ns.find("10.0.9.9:1000-10.0.3.5:443"));
    assertEquals(1, ns.scans(), "second miss within the interval reuses the tables");
    fs.write("30/net/tcp", HEADER + row("0900000A:03E8", "0503000A:01BB", 777));
    clock.addAndGet(999_000_000L);
    assertEquals(-1, ns.find("10.0.9.9:1000-10.0.3.5:443"));
    clock.addAndGet(1_000_000L);
    assertEquals(30, ns.find("10.0.9.9:1000-10.0.3.5:443"));
    assertEquals(2, ns.scans());
    assertEquals(20, ns.find(TUPLE), "found in the kept tables without a scan");
    assertEquals(2, ns.scans());
  }

  @Test
  void aTupleThatIsNeverFoundStopsCausingScans() {
    String lost = "10.0.9.9:1000-10.0.8.8:443";
    for (int i = 0; i < 10; i++) {
      assertEquals(-1, ns.find(lost));
      clock.addAndGet(1_000_000_000L);
    }
    assertEquals(NetNamespaces.MAX_MISSES, ns.scans());
    assertEquals(-1, ns.find("10.0.9.9:1001-10.0.8.8:443"));
    assertEquals(NetNamespaces.MAX_MISSES + 1, ns.scans(), "a new tuple still scans");
  }

  @Test
  void tablesAndTuplesParseBothFamilies() {
    List<NetNamespaces.Socket> v6 =
        NetNamespaces.parseTable(
            HEADER
                + row(
                    "00000000000000000000000001000000:1F90",
                    "0000000000000000FFFF00000200000A:0050",
                    9)
                + "garbage line\n");
    assertEquals(1, v6.size());
    assertEquals("00000000000000000000000000000001", v6.get(0).local());
    assertEquals(8080, v6.get(0).localPort());
    assertEquals("0a000002", v6.get(0).remote(), "IPv4-mapped becomes IPv4");
    assertEquals(new Tuple("0a000301", 40112, "0a000305", 443), Tuple.parse(TUPLE));
    assertEquals(
        new Tuple("00000000000000000000000000000001", 80, "00000000000000000000000000000001", 4242),
        Tuple.parse("[::1]:80-[::1]:4242"));
    assertNull(Tuple.parse("unknown TCP"));
    assertNull(Tuple.parse("host.example:80-10.0.0.1:22"), "names are never looked up");
    assertNull(Tuple.parse("10.0.0.256:80-10.0.0.1:22"));
  }
}
