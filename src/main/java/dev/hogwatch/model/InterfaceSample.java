package dev.hogwatch.model;

import java.util.List;

/**
 * Raw absolute kernel counters of every interface at one moment (from /proc/net/dev).
 *
 * @param nanos monotonic time of the reading
 * @param counters one entry per device
 */
public record InterfaceSample(long nanos, List<Counter> counters) {
  public InterfaceSample {
    counters = List.copyOf(counters);
  }

  /** Absolute byte counters of one device as the kernel reports them. */
  public record Counter(String device, long receivedBytes, long sentBytes) {}
}
