package dev.hogwatch.wiring;

import dev.hogwatch.alerts.AlertService;
import dev.hogwatch.alerts.CapStatus;
import dev.hogwatch.alerts.RulesFile;
import dev.hogwatch.desktop.Notifier;
import dev.hogwatch.model.Notice;
import dev.hogwatch.ui.window.AlertsPanel;
import dev.hogwatch.ui.window.Graphs;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Alerts for the tray and the window: the rules of {@code alerts.json} checked over the engine's
 * history, told as desktop notifications whose "Open graphs" opens the window on that application
 * and time. Without a notification service the tray's status line and the window's Alerts tab say
 * so and show the alert; the tray's status line also shows a data cap at 80 % or more.
 */
final class AlertsWiring implements AutoCloseable {
  private final AlertService service;
  private final Graphs graphs;
  private Notifier notifier; // connected when the first rule exists (no D-Bus work without rules)
  private volatile Notice untold; // the latest alert no notification service took

  private AlertsWiring(AlertService service, Graphs graphs) {
    this.service = service;
    this.graphs = graphs;
  }

  /** The session's notification service, connected on first use. */
  private synchronized Notifier notifier() {
    if (notifier == null) {
      notifier = Notifier.connect(n -> graphs.open(false).showAlert(n.app(), n.from()));
    }
    return notifier;
  }

  /** Empty when notifications can be shown (or no rule needs them yet), else why not. */
  String deliveryProblem() {
    return service.state().rules().isEmpty() ? "" : notifier().problem();
  }

  /** Starts checking {@code engine}'s history and adds the Alerts tab to {@code graphs}. */
  static AlertsWiring start(Engine engine, Graphs graphs) {
    Clock clock = Clock.system(ZoneId.systemDefault());
    AlertService service =
        AlertService.start(
            engine.history(),
            new RulesFile(RulesFile.defaultPath(), clock),
            AlertService.EVERY,
            clock);
    AlertsWiring w = new AlertsWiring(service, graphs);
    service.addNoticeListener(w::tell);
    var unused = service.checkNow(); // first check once the listener is there
    graphs.addTab("Alerts", new AlertsTab(w));
    return w;
  }

  AlertService service() {
    return service;
  }

  private void tell(Notice n) {
    Notifier notifier = notifier();
    if (!notifier.show(n)) {
      untold = n;
      System.err.println(
          "hogwatch: "
              + n.title()
              + " — "
              + n.body()
              + " (not shown as a notification: "
              + notifier.problem()
              + ")");
    } else {
      untold = null;
    }
  }

  /**
   * The tray's status-line words: a cap at 80 % or more ({@code "data cap 82 %"}), and, when no
   * notification service takes alerts, that fact with the latest alert.
   */
  String trayNotice() {
    StringBuilder b = new StringBuilder();
    Optional<CapStatus> cap = service.state().nearestCap();
    cap.ifPresent(c -> b.append(c.shortText()));
    String problem = deliveryProblem();
    if (!problem.isEmpty()) {
      Notice n = untold;
      if (b.length() > 0) {
        b.append("  ·  ");
      }
      b.append(problem);
      if (n != null) {
        b.append(" — alert: ").append(n.title());
      }
    }
    return b.toString();
  }

  /** Joins two status-line words, either of which may be empty. */
  static String join(String a, String b) {
    return a.isEmpty() ? b : b.isEmpty() ? a : a + "  ·  " + b;
  }

  @Override
  public void close() {
    service.close();
    synchronized (this) {
      if (notifier != null) {
        notifier.close();
      }
    }
  }

  /**
   * Makes the Alerts tab when a window opens. A class, not a lambda: linking a lambda that returns
   * an {@link AlertsPanel} would load Swing at once, and the tray's GTK must start first.
   */
  private static final class AlertsTab implements Supplier<AlertsPanel> {
    private final AlertsWiring wiring;

    AlertsTab(AlertsWiring wiring) {
      this.wiring = wiring;
    }

    @Override
    public AlertsPanel get() {
      return new AlertsPanel(wiring.service, wiring::deliveryProblem);
    }
  }
}
