package dev.hogwatch.capture;

import dev.hogwatch.model.TraceLine;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns the lines of one nethogs instance into complete blocks. nethogs prints no end marker: a
 * block is complete when the next {@code Refreshing:} arrives, or when the stream ends ({@link
 * #finish()}, e.g. the process exited).
 *
 * <p>Lines before the first {@code Refreshing:} are startup lines ({@code Adding local address:},
 * {@code Ethernet link detected}) and are skipped. Inside a block, empty lines are ignored and any
 * other line that is not a process line is counted as garbage and skipped.
 *
 * <pre>{@code
 * BlockAssembler a = new BlockAssembler(ViewMode.BYTES_TOTAL, block -> hub.submit(...));
 * a.line("Refreshing:");
 * a.line("iperf3/8446/0\t526307\t1736");
 * a.line("Refreshing:");   // the first block (one line) is handed on here
 * }</pre>
 *
 * <p>Not thread-safe: one reader thread feeds it.
 */
public final class BlockAssembler {
  /** The header nethogs prints before every block. */
  public static final String HEADER = "Refreshing:";

  private final ViewMode mode;
  private final Consumer<List<TraceLine>> blocks;
  private List<TraceLine> current;
  private long lines;
  private long startupLines;
  private long garbage;
  private long blockCount;

  public BlockAssembler(ViewMode mode, Consumer<List<TraceLine>> blocks) {
    this.mode = mode;
    this.blocks = blocks;
  }

  /** One line without its line terminator. */
  public void line(String line) {
    lines++;
    if (line.equals(HEADER)) {
      flush();
      current = new ArrayList<>();
      return;
    }
    if (current == null) {
      startupLines++;
      return;
    }
    if (line.isEmpty()) {
      return;
    }
    TraceLine t = TraceParser.parse(line, mode);
    if (t == null) {
      garbage++;
    } else {
      current.add(t);
    }
  }

  /** A line that was too long to keep (or otherwise unreadable): counted and skipped. */
  public void garbageLine() {
    lines++;
    garbage++;
  }

  /** The stream ended: hands on the open block, if any. */
  public void finish() {
    flush();
  }

  /**
   * This assembler as the sink of a {@link LineSplitter}: lines go to {@link #line}, dropped lines
   * to {@link #garbageLine}, the end of the stream to {@link #finish}.
   *
   * <p>Example: {@code new LineSplitter(assembler.sink(), NethogsSupervisor.MAX_LINE)}.
   */
  public LineSplitter.Sink sink() {
    return new LineSplitter.Sink() {
      @Override
      public void line(String line) {
        BlockAssembler.this.line(line);
      }

      @Override
      public void skipped() {
        garbageLine();
      }

      @Override
      public void end() {
        finish();
      }
    };
  }

  private void flush() {
    if (current != null) {
      List<TraceLine> b = current;
      current = null;
      blockCount++;
      blocks.accept(b);
    }
  }

  /** True once the first {@code Refreshing:} was seen. */
  public boolean sawHeader() {
    return blockCount > 0 || current != null;
  }

  /** Lines seen, including skipped ones. */
  public long lines() {
    return lines;
  }

  /** Lines before the first header. */
  public long startupLines() {
    return startupLines;
  }

  /** Lines inside blocks that were not process lines (or were too long). */
  public long garbage() {
    return garbage;
  }

  /** Complete blocks handed on. */
  public long blocks() {
    return blockCount;
  }
}
