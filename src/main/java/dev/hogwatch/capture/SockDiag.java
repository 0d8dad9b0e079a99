package dev.hogwatch.capture;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The kernel's socket diagnostics ({@code NETLINK_SOCK_DIAG}, what {@code ss} reads), through JNA:
 * a dump of the TCP and UDP sockets of our network namespace (tuple, uid, inode, cookie and, for
 * TCP, the byte counters of {@code tcp_info}), and the kernel's notices of destroyed sockets
 * ({@code SKNLGRP_INET*_DESTROY}), which carry a socket's final counters. Both need no privilege.
 *
 * <p>Not thread-safe: one reader thread ({@link SocketWatch}).
 */
final class SockDiag implements AutoCloseable {

  /** The libc calls used, mapped by JNA. */
  interface C extends Library {
    int socket(int domain, int type, int protocol);

    int bind(int fd, byte[] addr, int len);

    int setsockopt(int fd, int level, int name, int[] value, int len);

    long send(int fd, byte[] buf, long len, int flags);

    long recv(int fd, Pointer buf, long len, int flags);

    int close(int fd);
  }

  private static final int AF_NETLINK = 16;
  private static final int SOCK_RAW = 3;
  private static final int SOCK_CLOEXEC = 0x80000;
  private static final int NETLINK_SOCK_DIAG = 4;
  private static final int SOL_NETLINK = 270;
  private static final int NETLINK_ADD_MEMBERSHIP = 1;
  private static final int SOL_SOCKET = 1;
  private static final int SO_RCVBUF = 8;
  private static final int MSG_DONTWAIT = 0x40;
  private static final int SOCK_DIAG_BY_FAMILY = 20;
  private static final int NLM_F_REQUEST = 1;
  private static final int NLM_F_DUMP = 0x300;
  private static final int NLMSG_ERROR = 2;
  private static final int NLMSG_DONE = 3;
  private static final int INET_DIAG_INFO = 2;
  static final int AF_INET = 2;
  static final int AF_INET6 = 10;
  static final int IPPROTO_TCP = 6;
  static final int IPPROTO_UDP = 17;
  // every TCP state but LISTEN (10), TIME_WAIT (6) and the request sockets (3, 12): those belong
  // to no process or carry no data
  private static final int TCP_STATES =
      (1 << 1) | (1 << 2) | (1 << 4) | (1 << 5) | (1 << 7) | (1 << 8) | (1 << 9) | (1 << 11);
  private static final int[] DESTROY_GROUPS = {1, 2, 3, 4}; // INET TCP, INET UDP, INET6 TCP, UDP

  private static final C LIBC = Native.load("c", C.class);

  /**
   * One socket as the kernel describes it.
   *
   * @param protocol {@link #IPPROTO_TCP} or {@link #IPPROTO_UDP}
   * @param tuple local and remote end as nethogs prints a connection it cannot attribute: {@code
   *     "10.0.0.1:43210-10.0.0.2:443"}
   * @param cookie the kernel's unique id of the socket
   * @param uid owner of the socket
   * @param inode the socket's inode (0 once no process holds it)
   * @param payloadSent TCP bytes sent and acknowledged (0 for UDP)
   * @param payloadReceived TCP bytes received (0 for UDP)
   * @param segmentsOut TCP segments sent (0 for UDP)
   * @param segmentsIn TCP segments received (0 for UDP)
   */
  record Sock(
      int protocol,
      String tuple,
      long cookie,
      int uid,
      long inode,
      long payloadSent,
      long payloadReceived,
      long segmentsOut,
      long segmentsIn) {}

  private final int dumpFd;
  private final int eventFd;
  private final Memory buffer = new Memory(1 << 16);
  private int seq;

  private SockDiag(int dumpFd, int eventFd) {
    this.dumpFd = dumpFd;
    this.eventFd = eventFd;
  }

  /**
   * Opens the two netlink sockets (dumps; destroy notices). Throws {@link IllegalStateException} if
   * the kernel refuses (no sock_diag support); notices that cannot be subscribed leave {@link
   * #events()} empty.
   */
  static SockDiag open() {
    int dump = LIBC.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
    if (dump < 0) {
      throw new IllegalStateException("sock_diag netlink socket: errno " + Native.getLastError());
    }
    int events = LIBC.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
    if (events >= 0) {
      LIBC.setsockopt(events, SOL_SOCKET, SO_RCVBUF, new int[] {1 << 20}, 4);
      byte[] sa = new byte[12]; // sockaddr_nl: family, pad, pid 0 (the kernel picks), groups 0
      sa[0] = (byte) AF_NETLINK;
      boolean ok = LIBC.bind(events, sa, sa.length) == 0;
      for (int g : DESTROY_GROUPS) {
        ok &= LIBC.setsockopt(events, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, new int[] {g}, 4) == 0;
      }
      if (!ok) {
        LIBC.close(events);
        events = -1;
      }
    }
    return new SockDiag(dump, events);
  }

  /** Whether destroy notices arrive. */
  boolean hasEvents() {
    return eventFd >= 0;
  }

  /** Every TCP and UDP socket (IPv4 and IPv6) of our network namespace, listeners left out. */
  List<Sock> dump() {
    List<Sock> out = new ArrayList<>();
    for (int family : new int[] {AF_INET, AF_INET6}) {
      dump(family, IPPROTO_TCP, TCP_STATES, 1 << (INET_DIAG_INFO - 1), out);
      dump(family, IPPROTO_UDP, 0xffffffff, 0, out);
    }
    return out;
  }

  private void dump(int family, int protocol, int states, int ext, List<Sock> out) {
    ByteBuffer req = ByteBuffer.allocate(72).order(ByteOrder.nativeOrder());
    req.putInt(72).putShort((short) SOCK_DIAG_BY_FAMILY);
    req.putShort((short) (NLM_F_REQUEST | NLM_F_DUMP)).putInt(++seq).putInt(0);
    req.put((byte) family).put((byte) protocol).put((byte) ext).put((byte) 0).putInt(states);
    // the socket id (48 bytes) stays zero: all sockets
    if (LIBC.send(dumpFd, req.array(), 72, 0) != 72) {
      throw new IllegalStateException("sock_diag request: errno " + Native.getLastError());
    }
    while (true) {
      long n = LIBC.recv(dumpFd, buffer, buffer.size(), 0);
      if (n <= 0) {
        throw new IllegalStateException("sock_diag dump: errno " + Native.getLastError());
      }
      if (parse(buffer.getByteBuffer(0, n).order(ByteOrder.nativeOrder()), protocol, out)) {
        return;
      }
    }
  }

  /** Destroyed sockets the kernel told about since the last call (never blocks). */
  List<Sock> events() {
    List<Sock> out = new ArrayList<>();
    if (eventFd < 0) {
      return out;
    }
    while (true) {
      long n = LIBC.recv(eventFd, buffer, buffer.size(), MSG_DONTWAIT);
      if (n <= 0) {
        return out; // EAGAIN: nothing more (ENOBUFS: some were lost, the dump still has them)
      }
      parse(buffer.getByteBuffer(0, n).order(ByteOrder.nativeOrder()), 0, out);
    }
  }

  /**
   * Parses the netlink messages in {@code b}; {@code protocol} 0 takes it from the message (destroy
   * notices carry it as an attribute). Returns true at the end of a dump.
   */
  static boolean parse(ByteBuffer b, int protocol, List<Sock> out) {
    int at = 0;
    while (at + 16 <= b.limit()) {
      int len = b.getInt(at);
      int type = b.getShort(at + 4) & 0xffff;
      if (len < 16 || at + len > b.limit()) {
        return true; // truncated: stop here
      }
      if (type == NLMSG_DONE || type == NLMSG_ERROR) {
        return true;
      }
      if (type == SOCK_DIAG_BY_FAMILY && len >= 16 + 72) {
        Sock s = sock(b, at + 16, at + len, protocol);
        if (s != null) {
          out.add(s);
        }
      }
      at += (len + 3) & ~3;
    }
    return false;
  }

  private static final int INET_DIAG_PROTOCOL = 8;

  private static Sock sock(ByteBuffer b, int m, int end, int protocol) {
    int family = b.get(m) & 0xff;
    // ports are in network byte order whatever the machine's
    int sport = ((b.get(m + 4) & 0xff) << 8) | (b.get(m + 5) & 0xff);
    int dport = ((b.get(m + 6) & 0xff) << 8) | (b.get(m + 7) & 0xff);
    String src = address(b, m + 8, family);
    String dst = address(b, m + 24, family);
    if (src == null || dst == null) {
      return null;
    }
    long cookie = (b.getInt(m + 44) & 0xffffffffL) | ((long) b.getInt(m + 48) << 32);
    int uid = b.getInt(m + 64);
    long inode = b.getInt(m + 68) & 0xffffffffL;
    long sent = 0;
    long received = 0;
    long segsOut = 0;
    long segsIn = 0;
    int proto = protocol;
    int a = m + 72;
    while (a + 4 <= end) {
      int alen = b.getShort(a) & 0xffff;
      int atype = b.getShort(a + 2) & 0xffff;
      if (alen < 4 || a + alen > end) {
        break;
      }
      if (atype == INET_DIAG_INFO && alen - 4 >= 144) {
        int i = a + 4; // struct tcp_info
        sent = b.getLong(i + 120); // tcpi_bytes_acked
        received = b.getLong(i + 128); // tcpi_bytes_received
        segsOut = b.getInt(i + 136) & 0xffffffffL;
        segsIn = b.getInt(i + 140) & 0xffffffffL;
        if (proto == 0) {
          proto = IPPROTO_TCP;
        }
      } else if (atype == INET_DIAG_PROTOCOL && alen >= 5) {
        proto = b.get(a + 4) & 0xff;
      }
      a += (alen + 3) & ~3;
    }
    if (proto != IPPROTO_TCP && proto != IPPROTO_UDP) {
      return null;
    }
    return new Sock(
        proto,
        src + ":" + sport + "-" + dst + ":" + dport,
        cookie,
        uid,
        inode,
        sent,
        received,
        segsOut,
        segsIn);
  }

  /** An address as nethogs prints it (inet_ntop): dotted IPv4, compressed IPv6. */
  private static String address(ByteBuffer b, int at, int family) {
    byte[] raw = new byte[family == AF_INET ? 4 : 16];
    if (family != AF_INET && family != AF_INET6) {
      return null;
    }
    for (int i = 0; i < raw.length; i++) {
      raw[i] = b.get(at + i);
    }
    try {
      String s = java.net.InetAddress.getByAddress(raw).getHostAddress();
      return family == AF_INET ? s : compress(s);
    } catch (java.net.UnknownHostException e) {
      return null;
    }
  }

  /** {@code 0:0:0:0:0:0:0:1} → {@code ::1}: the longest run of zero groups becomes "::". */
  static String compress(String full) {
    String[] g = full.split(":", -1);
    int bestAt = -1;
    int bestLen = 0;
    for (int i = 0; i < g.length; ) {
      if (g[i].equals("0")) {
        int j = i;
        while (j < g.length && g[j].equals("0")) {
          j++;
        }
        if (j - i > bestLen && j - i > 1) {
          bestAt = i;
          bestLen = j - i;
        }
        i = j;
      } else {
        i++;
      }
    }
    if (bestAt < 0) {
      return full;
    }
    String left = String.join(":", java.util.Arrays.copyOfRange(g, 0, bestAt));
    String right = String.join(":", java.util.Arrays.copyOfRange(g, bestAt + bestLen, g.length));
    return left + "::" + right;
  }

  @Override
  public void close() {
    LIBC.close(dumpFd);
    if (eventFd >= 0) {
      LIBC.close(eventFd);
    }
  }
}
