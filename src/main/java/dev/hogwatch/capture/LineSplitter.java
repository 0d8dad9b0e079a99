package dev.hogwatch.capture;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An {@link OutputStream} that cuts what is written into lines (on {@code \n}, a trailing {@code
 * \r} dropped) and hands each to a {@link Sink} as soon as its terminator arrives, so a block split
 * across several reads is reassembled. Lines longer than {@code maxLineBytes} are not kept: the
 * sink learns of them through {@link Sink#skipped()} and memory stays bounded.
 *
 * <p>Commons Exec's stream pumper writes nethogs's stdout into it; tests write byte chunks.
 */
public final class LineSplitter extends OutputStream {

  /** Receives lines. */
  public interface Sink {
    void line(String line);

    /**
     * A line was dropped: longer than the limit, or cut off by the end of the stream (nethogs ends
     * every line with a newline, so an unterminated last line is a truncated one).
     */
    void skipped();

    /** The stream ended. */
    default void end() {}
  }

  private final Sink sink;
  private final int maxLineBytes;
  private byte[] buf = new byte[256];
  private int len;
  private boolean skipping;
  private boolean closed;

  public LineSplitter(Sink sink, int maxLineBytes) {
    this.sink = sink;
    this.maxLineBytes = maxLineBytes;
  }

  @Override
  public void write(int b) {
    byte one = (byte) b;
    write(new byte[] {one}, 0, 1);
  }

  @Override
  public synchronized void write(byte[] b, int off, int n) {
    int end = off + n;
    int start = off;
    for (int i = off; i < end; i++) {
      if (b[i] == '\n') {
        append(b, start, i - start);
        emit();
        start = i + 1;
      }
    }
    append(b, start, end - start);
  }

  private void append(byte[] b, int off, int n) {
    if (n == 0 || skipping) {
      return;
    }
    if (len + n > maxLineBytes) {
      skipping = true;
      len = 0;
      if (buf.length > 4096) {
        buf = new byte[256];
      }
      return;
    }
    if (len + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.min(maxLineBytes, Math.max(buf.length * 2, len + n)));
    }
    System.arraycopy(b, off, buf, len, n);
    len += n;
  }

  private void emit() {
    if (skipping) {
      skipping = false;
      sink.skipped();
      return;
    }
    int n = len;
    if (n > 0 && buf[n - 1] == '\r') {
      n--;
    }
    String line = new String(buf, 0, n, StandardCharsets.UTF_8);
    len = 0;
    sink.line(line);
  }

  /**
   * Counts an unterminated last line as skipped, then tells the sink the stream ended. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (len > 0 || skipping) {
      skipping = false;
      len = 0;
      sink.skipped();
    }
    sink.end();
  }
}
