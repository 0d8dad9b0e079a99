package dev.hogwatch.testing;

/**
 * A short upload by another program (python3) that shows a capture is live before a measured
 * transfer starts: a test waits until the program under test lists python3, then measures.
 */
public final class WarmUp {
  private WarmUp() {}

  public static final int PORT = 6109;

  /** Python code of a sink on namespace B's address that reads and drops what it gets. */
  public static String sink(NetnsLab lab) {
    return "import socket\n"
        + "s = socket.socket()\n"
        + "s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)\n"
        + "s.bind(('"
        + lab.addrB()
        + "', "
        + PORT
        + "))\n"
        + "s.listen()\n"
        + "while True:\n"
        + "    c, _ = s.accept()\n"
        + "    while c.recv(65536):\n"
        + "        pass\n"
        + "    c.close()\n";
  }

  /**
   * Python code that sends 200 kB to the sink (retrying while it does not listen yet) and keeps the
   * connection open for 3 s: nethogs ties a connection to its process when it next scans /proc, and
   * bytes of a process gone by then count as unattributed.
   */
  public static String send(NetnsLab lab) {
    return "import socket, time\n"
        + "for _ in range(50):\n"
        + "    try:\n"
        + "        s = socket.create_connection(('"
        + lab.addrB()
        + "', "
        + PORT
        + "), timeout=5)\n"
        + "        break\n"
        + "    except OSError:\n"
        + "        time.sleep(0.1)\n"
        + "s.sendall(b'x' * 200000)\n"
        + "time.sleep(3)\n"
        + "s.close()\n";
  }
}
