package dev.hogwatch.history;

import java.nio.file.Path;

/**
 * What history is doing, for a status line in the tray menu or the window.
 *
 * <p>Example: {@code MEMORY_ONLY, "History is not being saved: disk full (/home/ann/.local/share/
 * hogwatch/history.db). Keeping it in memory until Hogwatch quits."}
 *
 * @param state the state
 * @param message one line for people; empty when all is well
 * @param file the history file, or null when there is none (off, memory only)
 */
public record HistoryStatus(State state, String message, Path file) {

  /** History states. */
  public enum State {
    /** opening the file. */
    STARTING,
    /** recording to the file. */
    RECORDING,
    /** the old file was damaged, moved aside, and a new one is recorded to. */
    RECOVERED,
    /** the file cannot be written; recording to memory for this session only. */
    MEMORY_ONLY,
    /** not recording ({@code --no-history}, demo, or another Hogwatch records). */
    OFF
  }

  /** True when the user should read {@link #message()} (a file was moved aside, or not saved). */
  public boolean needsAttention() {
    return state == State.RECOVERED || state == State.MEMORY_ONLY;
  }

  static HistoryStatus off(String why) {
    return new HistoryStatus(State.OFF, why, null);
  }
}
