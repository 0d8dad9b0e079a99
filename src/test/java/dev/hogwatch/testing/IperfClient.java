package dev.hogwatch.testing;

/** Helpers for driving iperf3 inside a {@link NetnsLab}. */
public final class IperfClient {
  private IperfClient() {}

  /**
   * Waits until an iperf3 server accepts connections at {@code addr:5201}, probing from {@code ns}
   * with bash's {@code /dev/tcp} (a connect, no iperf3 test, so the server's one-off {@code -1} run
   * is not used up).
   */
  public static void awaitServer(NetnsLab lab, String ns, String addr) throws InterruptedException {
    awaitServer(lab, ns, addr, 5201);
  }

  /** Like {@link #awaitServer(NetnsLab, String, String)} for a server on {@code port}. */
  public static void awaitServer(NetnsLab lab, String ns, String addr, int port)
      throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (true) {
      try {
        lab.run(ns, 5, "bash", "-c", "exec 3<>/dev/tcp/" + addr + "/" + port);
        return;
      } catch (IllegalStateException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }

  /**
   * The iperf3 client command that uploads {@code bytes} (e.g. {@code "12M"}) at {@code rate} (e.g.
   * {@code "30M"} bit/s) from namespace A to the server at B's address.
   */
  public static String[] upload(NetnsLab lab, String bytes, String rate) {
    return new String[] {
      "iperf3", "-c", lab.addrB(), "--connect-timeout=5000", "-n", bytes, "-b", rate
    };
  }
}
