package dev.hogwatch.capture;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Keeps the last {@code capacity} bytes written to it: nethogs's stderr, for diagnostics and for
 * telling a permission problem from a crash, without growing.
 */
final class StderrTail extends OutputStream {
  private final byte[] ring;
  private long written;

  StderrTail(int capacity) {
    ring = new byte[capacity];
  }

  @Override
  public synchronized void write(int b) {
    ring[(int) (written++ % ring.length)] = (byte) b;
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    for (int i = 0; i < len; i++) {
      ring[(int) (written++ % ring.length)] = b[off + i];
    }
  }

  /** What was kept, decoded as UTF-8 (a cut multi-byte character at the start may show as '?'). */
  synchronized String text() {
    int n = (int) Math.min(written, ring.length);
    byte[] out = new byte[n];
    long start = written - n;
    for (int i = 0; i < n; i++) {
      out[i] = ring[(int) ((start + i) % ring.length)];
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
