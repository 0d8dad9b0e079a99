package dev.hogwatch.alerts;

import dev.hogwatch.history.HistoryStore;
import dev.hogwatch.history.ProgramUsage;
import dev.hogwatch.history.SeriesPoint;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link Ledger} of the history file: usage from its tables, alerts given from its {@code
 * alert_log}. Used on the history writer thread (inside {@code History.read}) or by a command that
 * opened the file alone. SQL errors come out as {@link IllegalStateException}.
 */
class StoreLedger implements Ledger {
  private final HistoryStore store;

  StoreLedger(HistoryStore store) {
    this.store = store;
  }

  @FunctionalInterface
  private interface Sql<T> {
    T run() throws SQLException;
  }

  private static <T> T sql(Sql<T> q) {
    try {
      return q.run();
    } catch (SQLException e) {
      throw new IllegalStateException("history query failed: " + e.getMessage(), e);
    }
  }

  @Override
  public long days(LocalDate from, LocalDate to, List<String> devices) {
    long[] v = sql(() -> store.dayTotal(from, to, devices));
    return v[0] + v[1];
  }

  @Override
  public Map<String, Long> apps(Instant from, Instant to) {
    Map<String, Long> m = new HashMap<>();
    for (ProgramUsage p : sql(() -> store.usage(from, to)).programs()) {
      m.merge(p.name(), p.totalBytes(), Long::sum);
    }
    return m;
  }

  @Override
  public long[] perSecond(String app, Instant from, Instant to) {
    long n = Math.max(0, to.getEpochSecond() - from.getEpochSecond());
    long[] out = new long[(int) Math.min(n, Integer.MAX_VALUE - 8)];
    for (SeriesPoint p : sql(() -> store.series(from, to, Duration.ofSeconds(1), app))) {
      long secs = Math.max(1, p.seconds());
      long total = p.sentBytes() + p.receivedBytes();
      for (long s = 0; s < secs; s++) { // coarser rows are spread evenly over their seconds
        long i = p.start().getEpochSecond() + s - from.getEpochSecond();
        if (i >= 0 && i < out.length) {
          out[(int) i] += total / secs + (s < total % secs ? 1 : 0);
        }
      }
    }
    return out;
  }

  @Override
  public List<String> newApps(Instant since, Instant activeSince) {
    return sql(() -> store.programsNewSince(since, activeSince));
  }

  @Override
  public boolean alerted(String rule, String subject, String crossing) {
    return sql(() -> store.alerted(rule, subject, crossing));
  }

  @Override
  public Instant lastAlert(String rule, String subject) {
    return sql(() -> store.lastAlert(rule, subject));
  }

  @Override
  public boolean log(Alert a) {
    return sql(
        () ->
            store.logAlert(
                new HistoryStore.LoggedAlert(
                    a.rule(), a.subject(), a.crossing(), a.at(), a.title(), a.body())));
  }
}
