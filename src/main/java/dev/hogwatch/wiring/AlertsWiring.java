package dev.hogwatch.wiring;

import dev.hogwatch.alerts.AlertService;
import dev.hogwatch.alerts.CapStatus;
import dev.hogwatch.alerts.RulesFile;
import dev.hogwatch.desktop.Notifier;
import dev.hogwatch.model.Notice;
import dev.hogwatch.ui.tray.TrayHooks;
import dev.hogwatch.ui.window.AlertsPanel;
import dev.hogwatch.ui.window.Graphs;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Alerts for the tray and the window: the rules of {@code alerts.json} checked over the engine's
 * history, told as desktop notifications whose "Open graphs" opens the window on that application
 * and time. Without a notification service the tray's status line, the window's header and its
 * Alerts tab say so (and what to install) and show the alert; the tray's icon and status line also
 * show a data cap at 80 % or more, and the Usage tab each cap's progress.
 *
 * <p>Everything that may talk to D-Bus runs on the alerts thread after each check; the tray and the
 * window read the words it left ({@link #trayNotice()}, {@link #windowNotice()}, {@link
 * #capMark()}), which never blocks the event thread.
 */
final class AlertsWiring implements AutoCloseable {
  private final AlertService service;
  private final Graphs graphs;
  private Notifier notifier; // connected when the first rule exists (no D-Bus work without rules)
  private volatile Notice untold; // the latest alert no notification service took
  private volatile String delivery = ""; // why notifications cannot be shown, or ""
  private volatile String fix = ""; // what to install or run about it
  private volatile String trayText = "";
  private volatile String windowText = "";
  private volatile TrayHooks.CapMark mark = TrayHooks.CapMark.NONE;

  private AlertsWiring(AlertService service, Graphs graphs) {
    this.service = service;
    this.graphs = graphs;
  }

  /** The session's notification service, connected on first use (alerts thread). */
  private synchronized Notifier notifier() {
    if (notifier == null) {
      notifier = Notifier.connect(n -> graphs.open(false).showAlert(n.app(), n.from()));
    }
    return notifier;
  }

  /** Empty when notifications can be shown (or no rule needs them yet), else why not. */
  String deliveryProblem() {
    return delivery;
  }

  /** Starts checking {@code engine}'s history and adds the Alerts tab to {@code graphs}. */
  static AlertsWiring start(Engine engine, Graphs graphs) {
    Clock clock = Clock.system(ZoneId.systemDefault());
    AlertService service =
        AlertService.start(
            engine.history(), new RulesFile(Paths.alertRules(), clock), AlertService.EVERY, clock);
    AlertsWiring w = new AlertsWiring(service, graphs);
    service.addNoticeListener(w::tell);
    service.addStateListener(w::stateChanged);
    var unused = service.checkNow(); // first check once the listeners are there
    graphs.addTab("Alerts", new AlertsTab(w));
    graphs.setAlerts(service, w::windowNotice);
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
   * After every check, on the alerts thread: the words and the icon mark for the tray and window.
   */
  private void stateChanged(AlertService.State s) {
    if (s.rules().isEmpty()) {
      delivery = "";
      fix = "";
    } else {
      Notifier n = notifier();
      delivery = n.recheck();
      fix = n.fix();
    }
    Optional<CapStatus> cap = s.nearestCap();
    mark =
        cap.map(c -> c.ratio() >= 1 ? TrayHooks.CapMark.OVER : TrayHooks.CapMark.NEAR)
            .orElse(TrayHooks.CapMark.NONE);
    StringBuilder b = new StringBuilder();
    cap.ifPresent(c -> b.append(c.shortText()));
    Notice told = untold;
    if (!delivery.isEmpty()) {
      if (b.length() > 0) {
        b.append("  ·  ");
      }
      b.append(shortDelivery());
      // a cap's alert is already said by "data cap …"; other alerts are named (short titles)
      if (told != null && !told.title().startsWith("Data cap")) {
        b.append(" — alert: ").append(told.title());
      }
    }
    trayText = b.toString();
    windowText =
        delivery.isEmpty()
            ? ""
            : "Alerts cannot appear as notifications: "
                + delivery
                + ". To see them, "
                + fix
                + "; until then the Alerts tab lists them."
                + (told == null ? "" : " Latest: " + told.title() + ".");
  }

  /**
   * The tray's short words for why alerts are not notifications, and what to do: the status line is
   * one menu line, which must stay narrower than a screen.
   */
  private String shortDelivery() {
    return fix.equals(Notifier.INSTALL_SERVICE)
        ? "no notification service (install dunst)"
        : "no session bus for notifications";
  }

  /**
   * The tray's status-line words: a cap at 80 % or more ({@code "data cap 82 %"}), and, when no
   * notification service takes alerts, that fact and what to install ({@code "no notification
   * service (install dunst)"}), with the latest alert's title unless it is a cap's.
   */
  String trayNotice() {
    return trayText;
  }

  /** The window header's sentence when notifications cannot be shown, else empty. */
  String windowNotice() {
    return windowText;
  }

  /** The tray icon's mark: a cap at 80 % or more, or reached. */
  TrayHooks.CapMark capMark() {
    return mark;
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
