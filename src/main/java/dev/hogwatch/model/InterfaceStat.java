package dev.hogwatch.model;

/**
 * Kernel counters for one network interface (from /proc/net/dev), since Hogwatch started.
 *
 * @param name device name, e.g. {@code eth0}
 * @param sentBytes transmitted bytes since start
 * @param receivedBytes received bytes since start
 * @param sentRate transmit rate, bytes per second
 * @param receivedRate receive rate, bytes per second
 */
public record InterfaceStat(
    String name, long sentBytes, long receivedBytes, double sentRate, double receivedRate) {
  public Totals totals() {
    return new Totals(sentBytes, receivedBytes, sentRate, receivedRate);
  }
}
