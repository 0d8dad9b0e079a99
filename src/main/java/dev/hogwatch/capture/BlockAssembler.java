package dev.hogwatch.capture;

import dev.hogwatch.model.TraceLine;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

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
 * <p>nethogs prints a whole block at once, right after its header, so a reader that must not wait
 * for the next refresh (a second later) also gives the assembler a clock and calls {@link
 * #closeIfQuiet} shortly after the last line: the block is then handed on when no line came for a
 * short quiet gap, with the time its header arrived (when nethogs measured it). Lines that still
 * come before the next header (nethogs's "Unknown connection:" notes, or more of that block) are
 * counted ({@link #lateLines()}) and skipped; in the total modes the next block carries their
 * bytes.
 *
 * <p>Not thread-safe: one reader thread feeds it (a caller that also calls {@link #closeIfQuiet}
 * from a timer holds one lock around both).
 */
public final class BlockAssembler {
  /** The header nethogs prints before every block. */
  public static final String HEADER = "Refreshing:";

  /** Most process lines kept in one block; more are counted as garbage (bounds memory). */
  public static final int MAX_BLOCK_LINES = 65_536;

  /** Most characters of process names kept in one block (bounds memory with long names). */
  public static final long MAX_BLOCK_CHARS = 8L << 20;

  /**
   * What nethogs prints after a block's process lines for each connection it counts under {@code
   * unknown TCP}: {@code "Unknown connection: 10.0.3.1:40112-10.0.3.5:443"}. Such a line becomes
   * {@link TraceLine#unknownConnection}.
   */
  public static final String UNKNOWN_CONNECTION = "Unknown connection: ";

  /** Receives complete blocks with the {@link System#nanoTime()} their header arrived at. */
  @FunctionalInterface
  public interface TimedBlocks {
    void block(long headerNanos, List<TraceLine> lines);
  }

  private final ViewMode mode;
  private final TimedBlocks blocks;
  private final Runnable newRun;
  private final LongSupplier clock; // null: no times (replays)
  private List<TraceLine> current;
  private long headerNanos;
  private long lastLineNanos;
  private boolean closedEarly;
  private long lateLines;
  private long lines;
  private long startupLines;
  private long garbage;
  private long blockCount;
  private long blockChars;
  private long runs;
  private long firstGarbageAt;
  private String firstGarbage = "";

  /** For one live nethogs instance: startup-like lines inside a block are garbage. */
  public BlockAssembler(ViewMode mode, Consumer<List<TraceLine>> blocks) {
    this(mode, blocks, null);
  }

  /**
   * @param newRun for saved files: called when startup lines follow blocks, a new nethogs run
   *     begins (two captures concatenated) and the next block is its first; {@code null} for one
   *     live instance, where such lines are garbage
   */
  public BlockAssembler(ViewMode mode, Consumer<List<TraceLine>> blocks, Runnable newRun) {
    this(mode, (nanos, lines) -> blocks.accept(lines), newRun, null);
  }

  /**
   * An assembler that times blocks with {@code clock} ({@code System::nanoTime}) and can close them
   * early ({@link #closeIfQuiet}).
   */
  public BlockAssembler(ViewMode mode, TimedBlocks blocks, Runnable newRun, LongSupplier clock) {
    this.mode = mode;
    this.blocks = blocks;
    this.newRun = newRun;
    this.clock = clock;
  }

  /** True for the lines nethogs prints while starting, before its first block. */
  static boolean startupLine(String line) {
    return line.startsWith("Adding local address:")
        || line.endsWith("link detected")
        || line.startsWith("Waiting for first packet");
  }

  /** One line without its line terminator. */
  public void line(String line) {
    lines++;
    if (clock != null) {
      lastLineNanos = clock.getAsLong();
    }
    if (line.equals(HEADER)) {
      flush();
      current = new ArrayList<>();
      headerNanos = lastLineNanos;
      closedEarly = false;
      return;
    }
    if (current == null) {
      if (closedEarly && newRun != null && startupLine(line)) {
        closedEarly = false; // a second nethogs run starts here
        runs++;
        newRun.run();
        startupLines++;
      } else if (closedEarly && startupLine(line)) {
        unreadable(line); // one live instance: as inside a block
      } else if (closedEarly) {
        if (!line.isEmpty()) {
          lateLines++;
        }
      } else {
        startupLines++;
      }
      return;
    }
    if (line.isEmpty()) {
      return;
    }
    if (line.startsWith(UNKNOWN_CONNECTION)
        && line.length() > UNKNOWN_CONNECTION.length()
        && current.size() < MAX_BLOCK_LINES
        && blockChars <= MAX_BLOCK_CHARS) {
      // one connection of "unknown TCP" (not in nethogs's own namespace's tables)
      TraceLine c =
          TraceLine.unknownConnection(line.substring(UNKNOWN_CONNECTION.length()).strip());
      blockChars += c.name().length();
      current.add(c);
      return;
    }
    TraceLine t = TraceParser.parse(line, mode);
    if (t == null) {
      if (newRun != null && startupLine(line)) {
        flush(); // a second nethogs run starts here
        runs++;
        newRun.run();
        startupLines++;
        return;
      }
      unreadable(line);
    } else if (current.size() >= MAX_BLOCK_LINES || blockChars > MAX_BLOCK_CHARS) {
      unreadable(line);
    } else {
      blockChars += t.name().length();
      current.add(t);
    }
  }

  /** A line that was too long to keep (or otherwise unreadable): counted and skipped. */
  public void garbageLine() {
    lines++;
    unreadable(null);
  }

  private void unreadable(String line) {
    garbage++;
    if (firstGarbageAt == 0) {
      firstGarbageAt = lines;
      firstGarbage = line == null ? "(a line too long to keep)" : quote(line);
    }
  }

  /** A line as it can be shown on a terminal: control characters escaped, at most 80 chars. */
  static String quote(String line) {
    StringBuilder b = new StringBuilder("'");
    for (int i = 0; i < line.length() && b.length() < 80; i++) {
      char c = line.charAt(i);
      if (c == '\t') {
        b.append("\\t");
      } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || Character.isSurrogate(c)) {
        b.append('?');
      } else {
        b.append(c);
      }
    }
    return b.append(b.length() >= 80 ? "…'" : "'").toString();
  }

  /** Line number (1-based) of the first unreadable line, or 0 when there was none. */
  public long firstGarbageAt() {
    return firstGarbageAt;
  }

  /** The first unreadable line, quoted for a terminal, or empty. */
  public String firstGarbage() {
    return firstGarbage;
  }

  /** Runs after the first: times startup lines followed blocks. */
  public long extraRuns() {
    return runs;
  }

  /**
   * Hands on the open block when no line came for {@code quietNanos} (nethogs has printed it
   * whole). Returns how many nanoseconds are left to wait before asking again, or 0 when no block
   * is open any more.
   */
  public long closeIfQuiet(long quietNanos) {
    if (current == null || clock == null) {
      return 0;
    }
    long left = lastLineNanos + quietNanos - clock.getAsLong();
    if (left > 0) {
      return left;
    }
    flush();
    closedEarly = true;
    return 0;
  }

  /** Whether a block is open (its header came, it was not handed on yet). */
  public boolean inBlock() {
    return current != null;
  }

  /** Lines that came after a block was closed early and before the next header (skipped). */
  public long lateLines() {
    return lateLines;
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
      blockChars = 0;
      blockCount++;
      blocks.block(headerNanos, b);
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
