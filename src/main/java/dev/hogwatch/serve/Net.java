package dev.hogwatch.serve;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Address helpers. */
final class Net {
  private Net() {}

  /**
   * Whether {@code bind} names a loopback address, e.g. {@code 127.0.0.1}, {@code ::1} or {@code
   * localhost}.
   *
   * @throws IllegalArgumentException for a name that does not resolve
   */
  static boolean isLoopback(String bind) {
    try {
      return InetAddress.getByName(bind).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("cannot listen on " + bind + ": unknown address", e);
    }
  }
}
