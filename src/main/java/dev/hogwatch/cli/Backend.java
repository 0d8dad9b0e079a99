package dev.hogwatch.cli;

import dev.hogwatch.model.Controls;
import dev.hogwatch.model.Hub;
import dev.hogwatch.model.Snapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What the commands need from the rest of Hogwatch, supplied by the wiring (the CLI never sees
 * capture). The global options ({@code --demo}, {@code --nethogs}, {@code --devices}, {@code
 * --data-dir}) are already applied by the implementation.
 */
public interface Backend {

  /**
   * The root command, which builds a backend from the global options once they are parsed. The
   * headless commands reach it as their {@code @ParentCommand}.
   */
  interface Provider {
    /** A backend for the options on the command line. */
    Backend backend();

    /** Where history is kept when {@code --data-dir} is not given. */
    java.nio.file.Path dataDir();

    /** The alert rules file, {@code $XDG_CONFIG_HOME/hogwatch/alerts.json}. */
    java.nio.file.Path alertRules();
  }

  /** Starts the engine (live capture, or the demo trace with {@code --demo}). */
  Session start();

  /** A running engine: the model and its controls. Stop it with {@code controls().shutdown()}. */
  record Session(Hub hub, Controls controls) {}

  /**
   * Replays a saved {@code nethogs -t} output, streaming it (memory does not grow with the file).
   *
   * @param viewMode the {@code -v} mode it was recorded with, or {@code null} to detect it
   * @param delaySeconds the {@code -d} it was recorded with (rate modes integrate over it)
   * @throws IOException when the file cannot be read
   * @throws NotATrace when nothing in it is nethogs output, or its view mode cannot be told
   */
  Replay replay(Path file, Integer viewMode, double delaySeconds) throws IOException, NotATrace;

  /** The file cannot be replayed as it is; the message says why and what to do. */
  final class NotATrace extends Exception {
    private static final long serialVersionUID = 1L;

    public NotATrace(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * A finished replay.
   *
   * @param snapshot final per-process totals
   * @param viewMode the mode used
   * @param detected whether it was detected (or given)
   * @param blocks blocks read
   * @param garbage lines skipped because they were not process lines (or held absurd numbers)
   * @param firstGarbage where the first of them was and what it said, or empty
   * @param runs nethogs runs in the file (two captures concatenated: 2)
   */
  record Replay(
      Snapshot snapshot,
      int viewMode,
      boolean detected,
      long blocks,
      long garbage,
      String firstGarbage,
      long runs) {}

  /** Runs the environment checks of {@code hogwatch doctor}. */
  List<Check> doctor();

  /**
   * One check.
   *
   * @param name what was checked, e.g. {@code "nethogs"}
   * @param ok whether it passed
   * @param essential whether live capture is impossible when it fails
   * @param detail what was found
   * @param fix what to do when it failed (a command where possible), or empty
   */
  record Check(String name, boolean ok, boolean essential, String detail, String fix) {}
}
