package dev.hogwatch.alerts;

import dev.hogwatch.history.History;
import dev.hogwatch.history.HistoryStatus;
import dev.hogwatch.history.LoggedAlert;
import dev.hogwatch.model.Notice;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the rules of {@code alerts.json} over history every few seconds on one named thread ({@code
 * hogwatch-alerts}) and tells listeners the alerts that are due ({@link Notice}) and where things
 * stand ({@link State}: caps, latest alerts, problems). The rules file is read again on every
 * check, so rules added by {@code hogwatch alerts add} while the tray runs apply within seconds.
 *
 * <p>Example:
 *
 * <pre>{@code
 * AlertService a = AlertService.start(history, new RulesFile(rulesFile, clock),
 *     Duration.ofSeconds(5), clock);
 * a.addNoticeListener(notifier::show);
 * }</pre>
 */
public final class AlertService implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(AlertService.class.getName());

  /** How often the rules are checked by default. */
  public static final Duration EVERY = Duration.ofSeconds(5);

  /** How many of the latest alerts {@link State#recent()} holds. */
  public static final int RECENT = 20;

  /**
   * Where alerts stand.
   *
   * @param rules the rules in force
   * @param caps each cap's progress
   * @param recent the latest alerts given, newest first
   * @param problem empty, or why alerts cannot work as set up (rules file damaged, history off)
   * @param given alerts given by each rule since this Hogwatch started (for metrics)
   */
  public record State(
      List<Rule> rules,
      List<CapStatus> caps,
      List<LoggedAlert> recent,
      String problem,
      Map<String, Long> given) {
    public State {
      rules = List.copyOf(rules);
      caps = List.copyOf(caps);
      recent = List.copyOf(recent);
      given = Map.copyOf(given);
    }

    static final State EMPTY = new State(List.of(), List.of(), List.of(), "", Map.of());

    /** The cap nearest to (or furthest over) its limit, if any is at 80 % or more. */
    public java.util.Optional<CapStatus> nearestCap() {
      return caps.stream()
          .filter(CapStatus::near)
          .max(java.util.Comparator.comparingDouble(CapStatus::ratio));
    }
  }

  private final History history;
  private final RulesFile file;
  private final Clock clock;
  private final Evaluator evaluator;
  private final ScheduledThreadPoolExecutor thread;
  private final List<Consumer<Notice>> noticeListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<State>> stateListeners = new CopyOnWriteArrayList<>();
  private final Map<String, Long> given = new TreeMap<>();
  private volatile State state = State.EMPTY;
  private String reportedProblem = "";

  private AlertService(History history, RulesFile file, Clock clock) {
    this.history = history;
    this.file = file;
    this.clock = clock;
    this.evaluator = new Evaluator(history.zone());
    this.thread =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "hogwatch-alerts");
              t.setDaemon(true);
              t.setUncaughtExceptionHandler(
                  (th, e) -> LOG.log(Level.SEVERE, "thread " + th.getName() + " died", e));
              return t;
            });
    thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /**
   * Checks the rules every {@code every}, the first time after {@code every} (so listeners added
   * right after start miss nothing; {@link #checkNow()} checks at once).
   */
  public static AlertService start(History history, RulesFile file, Duration every, Clock clock) {
    AlertService s = new AlertService(history, file, clock);
    var unused =
        s.thread.scheduleWithFixedDelay(
            s::checkQuietly, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    return s;
  }

  /** The rules file. */
  public RulesFile rulesFile() {
    return file;
  }

  /** Where things stand after the last check (any thread). */
  public State state() {
    return state;
  }

  /** Calls {@code l} on the alerts thread with every alert that is due. */
  public void addNoticeListener(Consumer<Notice> l) {
    noticeListeners.add(l);
  }

  /** Calls {@code l} on the alerts thread after every check (and now, with the current state). */
  public void addStateListener(Consumer<State> l) {
    stateListeners.add(l);
    l.accept(state);
  }

  /** Stops calling {@code l}. */
  public void removeStateListener(Consumer<State> l) {
    stateListeners.remove(l);
  }

  /** Checks at once (after a rule was added, say); the future completes with the new state. */
  public CompletableFuture<State> checkNow() {
    CompletableFuture<State> f = new CompletableFuture<>();
    try {
      thread.execute(
          () -> {
            checkQuietly();
            f.complete(state);
          });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      f.complete(state);
    }
    return f;
  }

  private void checkQuietly() {
    try {
      check();
    } catch (RuntimeException e) { // a failing check must not stop the schedule
      LOG.log(Level.WARNING, "checking alert rules failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private record Checked(Evaluator.Result result, List<LoggedAlert> recent) {}

  private void check() throws InterruptedException {
    RulesFile.Loaded loaded = file.load();
    String problem = loaded.problem();
    if (!problem.isEmpty() && !problem.equals(reportedProblem)) {
      System.err.println("hogwatch: " + problem);
    }
    if (!problem.isEmpty()) {
      reportedProblem = problem; // a file moved aside stays reported until rules are saved again
    } else if (!loaded.rules().isEmpty()) {
      reportedProblem = "";
    }
    problem = reportedProblem;
    HistoryStatus hs = history.status();
    if (hs.state() == HistoryStatus.State.OFF) {
      publish(
          new State(
              loaded.rules(),
              List.of(),
              List.of(),
              join(problem, "Alerts need history, which is off. " + hs.message()),
              given),
          List.of());
      return;
    }
    Checked c;
    try {
      c =
          history
              .read(
                  store ->
                      new Checked(
                          evaluator.run(loaded.rules(), new StoreLedger(store), clock.instant()),
                          store.alerts(RECENT)))
              .get(60, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      LOG.log(Level.FINE, "alerts: history not readable", e);
      publish(
          new State(
              loaded.rules(),
              state.caps(),
              state.recent(),
              join(problem, "Alerts are waiting for the history file."),
              given),
          List.of());
      return;
    }
    for (Alert a : c.result().fired()) {
      given.merge(a.rule(), 1L, Long::sum);
    }
    publish(
        new State(loaded.rules(), c.result().caps(), c.recent(), problem, given),
        c.result().fired());
  }

  private static String join(String a, String b) {
    return a.isEmpty() ? b : a + " " + b;
  }

  private void publish(State s, List<Alert> fired) {
    state = s;
    for (Alert a : fired) {
      Notice n = a.notice();
      for (Consumer<Notice> l : noticeListeners) {
        try {
          l.accept(n);
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "alert listener failed", e);
        }
      }
    }
    for (Consumer<State> l : stateListeners) {
      try {
        l.accept(s);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "alert state listener failed", e);
      }
    }
  }

  /**
   * Where alerts stand according to the files alone, without telling or logging anything (for
   * {@code hogwatch alerts}, which may run beside a recording Hogwatch). A missing history file
   * gives caps at zero and no alerts.
   */
  public static State peek(Path dataDir, RulesFile file, Clock clock) {
    RulesFile.Loaded loaded = file.load();
    try (History.ReadOnly store =
        History.openReadOnly(dataDir, clock.getZone())
            .orElseGet(() -> History.empty(clock.getZone()))) {
      return peek(store, loaded, clock);
    }
  }

  private static State peek(History.Reader store, RulesFile.Loaded loaded, Clock clock) {
    Ledger dry =
        new StoreLedger(store) {
          @Override
          public boolean log(Alert a) {
            return false;
          }
        };
    Evaluator.Result r = new Evaluator(clock.getZone()).run(loaded.rules(), dry, clock.instant());
    return new State(loaded.rules(), r.caps(), store.alerts(RECENT), loaded.problem(), Map.of());
  }

  /** Stops checking. */
  @Override
  public void close() {
    thread.shutdownNow();
  }
}
