package dev.hogwatch;

import dev.hogwatch.history.History;
import dev.hogwatch.history.HistoryStatus;
import dev.hogwatch.ui.window.GraphWindow;
import dev.hogwatch.ui.window.HistoryPast;
import dev.hogwatch.ui.window.UsagePanel;

/**
 * Shows history in the graph window: the window's long ranges read the history file ({@link
 * HistoryPast}), and a "Usage" tab lists days and months ({@link UsagePanel}). Called once by each
 * mode that opens the window, right after the engine starts.
 */
final class HistoryViews {
  private static boolean installed;

  private HistoryViews() {}

  /** Connects {@code engine}'s history to every graph window opened from now on; idempotent. */
  static synchronized void install(Engine engine) {
    if (installed) {
      return;
    }
    installed = true;
    History h = engine.history();
    if (h.status().state() != HistoryStatus.State.OFF) {
      GraphWindow.setHistory(new HistoryPast(h));
    }
    // the tab also says why history is off
    GraphWindow.addTab("Usage", () -> new UsagePanel(h));
  }
}
