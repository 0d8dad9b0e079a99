package dev.hogwatch.model;

import java.util.List;

/**
 * One complete nethogs block in a total view mode: for every line, the bytes transferred since the
 * nethogs instance numbered {@code generation} started.
 *
 * <p>Every nethogs restart (crash, scheduled restart, demo loop) gets a new generation, so the
 * model knows that the totals start again from zero and carries its own totals across.
 *
 * @param nanos our own monotonic clock ({@link System#nanoTime()}) when the block was complete
 * @param generation identifies the nethogs instance that printed the block
 * @param lines the block's lines, values in bytes since that instance started
 */
public record Refresh(long nanos, long generation, List<TraceLine> lines) {
  public Refresh {
    lines = List.copyOf(lines);
  }
}
