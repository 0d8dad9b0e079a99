package dev.hogwatch.wiring;

import dev.hogwatch.history.History;
import dev.hogwatch.history.HistoryStatus;
import dev.hogwatch.ui.UiPrefs;
import dev.hogwatch.ui.window.Graphs;
import dev.hogwatch.ui.window.HistoryPast;
import dev.hogwatch.ui.window.UsagePanel;
import java.util.function.Supplier;

/**
 * Shows history in the graph window: the window's long ranges read the history file ({@link
 * HistoryPast}), and a "Usage" tab lists days and months ({@link UsagePanel}). Called once by each
 * mode that opens the window, right after the engine starts.
 */
final class HistoryViews {
  private HistoryViews() {}

  /** Connects {@code engine}'s history to every window that {@code graphs} opens from now on. */
  static void install(Engine engine, Graphs graphs) {
    History h = engine.history();
    if (h.status().state() != HistoryStatus.State.OFF) {
      graphs.setHistory(new HistoryPast(h));
    }
    // the tab also says why history is off
    graphs.addTab("Usage", new UsageTab(h, graphs.prefs()));
  }

  /**
   * Makes the Usage tab when a window opens. A class, not a lambda: linking a lambda that returns a
   * {@link UsagePanel} would load Swing and AWT at once, and the tray's GTK must start first.
   */
  private static final class UsageTab implements Supplier<UsagePanel> {
    private final History history;
    private final UiPrefs prefs;

    UsageTab(History history, UiPrefs prefs) {
      this.history = history;
      this.prefs = prefs;
    }

    @Override
    public UsagePanel get() {
      return new UsagePanel(history, prefs);
    }
  }
}
